/**
 * Stable error codes shared by the mini-program and the cloud functions.
 * Codes are API: clients branch on them, so never rename one.
 */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'FULL',
  'CLOSED',
  'RATE_LIMITED',
  'CONTENT_REJECTED',
  'INTERNAL',
  'UNKNOWN_ACTION',
  'MEMBER_ALREADY_BOUND',
  'INVITE_INVALID',
  'BINDING_PENDING',
  'CONCERN_NO_ROUTE',
  'BOOKING_TOO_LATE',
  'BOOKING_CUTOFF_PASSED',
  'BOOKING_LIMIT',
  'BOOKING_NOT_ELIGIBLE',
  'BOOKING_OFFER_EXPIRED',
  // Raised on the device only, when the call never reached the server.
  'NETWORK_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a resident reads when nothing more specific was said. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_ERROR: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '请先在微信中登录后再试',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '没有找到相关内容',
  CONFLICT: '操作冲突，请刷新后再试',
  FULL: '名额已满',
  CLOSED: '已截止或已关闭',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONTENT_REJECTED: '内容未通过安全检测，请修改后再提交',
  INTERNAL: '系统繁忙，请稍后再试',
  UNKNOWN_ACTION: '不支持的操作',
  MEMBER_ALREADY_BOUND: '您已绑定住户，无需重复绑定',
  INVITE_INVALID: '邀请码无效或已被使用',
  BINDING_PENDING: '您已有待审核的绑定申请',
  CONCERN_NO_ROUTE: '该楼栋尚未安排网格员，请联系社区',
  BOOKING_TOO_LATE: '该时段即将开始，已停止预约',
  BOOKING_CUTOFF_PASSED: '已过取消截止时间，如需取消请联系社区',
  BOOKING_LIMIT: '已达到该服务的预约次数上限',
  BOOKING_NOT_ELIGIBLE: '该服务暂未向您所在网格开放',
  BOOKING_OFFER_EXPIRED: '候补确认已超时，名额已转给下一位',
  NETWORK_ERROR: '网络不稳定，请检查网络后重试',
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/**
 * A failure the domain means to report. Use cases throw it; the action wrapper turns it
 * into an envelope. Anything else thrown is a bug and becomes INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

/**
 * A failure a field caused, named so a form can show it next to that field: the same
 * `details.issues` shape input validation gives (core/validate.ts).
 */
export function fieldError(code: ErrorCode, path: string, message: string): AppError {
  return new AppError(code, message, { issues: [{ path, message }] });
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
