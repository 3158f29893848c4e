/**
 * 志愿活动签到签退 (the check-in section of the activity feature). The organiser's phone shows
 * a QR — or its six-digit short code — that changes every CHECK_IN_CODE_PERIOD_SECONDS; the
 * volunteer scans it in the window. The organiser may also check people in and out by hand
 * (团体录入) with a reason. Each record keeps its method and the server's time.
 */
import { contract } from '../action';
import { z, id, text } from '../schema';
import type { CheckMethod, EntryFlag } from './vocabulary';

/** What the QR carries: `linli-ci:<activityId>:<shiftId>:<code>`; pages parse it with parseCheckInQr. */
export const CHECK_IN_QR_PREFIX = 'linli-ci';

export function checkInQrText(activityId: string, shiftId: string, code: string): string {
  return `${CHECK_IN_QR_PREFIX}:${activityId}:${shiftId}:${code}`;
}

/** The scanned text as the three inputs of activity.checkIn, or null for anything else. */
export function parseCheckInQr(raw: string): { activityId: string; shiftId: string; code: string } | null {
  const parts = raw.trim().split(':');
  // Activity ids carry no colon; a shift key may (ids allow it), so the shift is the middle.
  if (parts.length < 4 || parts[0] !== CHECK_IN_QR_PREFIX) return null;
  const [activityId, code, shiftId] = [parts[1], parts[parts.length - 1], parts.slice(2, -1).join(':')];
  const idOk = (s: string) => /^[A-Za-z0-9][A-Za-z0-9:_-]{0,79}$/.test(s);
  if (!/^\d{6}$/.test(code) || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/.test(activityId) || !idOk(shiftId)) return null;
  return { activityId, shiftId, code };
}

export const ENTRY_FLAG_LABELS: Record<EntryFlag, string> = {
  outsideWindow: '签到不在时间窗口内',
  forgotCheckOut: '未签退，按计划时长计',
  manual: '负责人录入',
  dailyCap: '超过每日上限，已截断',
  sharedDevice: '同一手机为多人签到',
  overThreshold: '时长较长，需第二人核验',
};

export type AttendanceState = 'absent' | 'in' | 'out';
export const ATTENDANCE_STATE_LABELS: Record<AttendanceState, string> = { absent: '未签到', in: '已签到', out: '已签退' };

/** One booked volunteer of the shift on the organiser's screen (never a phone, never an id on screen). */
export interface RosterPersonView {
  /** For 团体录入 only; pages never show it. */
  memberId: string;
  name: string;
  state: AttendanceState;
  stateLabel: string;
  inAt?: number;
  outAt?: number;
  methodLabel?: string;
  flagLabels: string[];
}

export interface CheckInCodeView {
  activityTitle: string;
  place: string;
  shiftStartAt: number;
  shiftEndAt: number;
  /** Six digits, for a volunteer whose camera fails. */
  code: string;
  /** What the QR encodes. */
  qrText: string;
  /** The code shown changes at this instant; the page asks again then. */
  changesAt: number;
  periodSeconds: number;
  people: RosterPersonView[];
  counts: { booked: number; checkedIn: number; checkedOut: number };
}

export interface AttendanceView {
  activityTitle: string;
  shiftStartAt: number;
  shiftEndAt: number;
  inAt: number;
  inMethod: CheckMethod;
  inMethodLabel: string;
  outAt: number | null;
  outMethodLabel: string | null;
  flags: EntryFlag[];
  flagLabels: string[];
  /** Credited minutes once checked out (waiting for the project lead's verification). */
  minutes: number | null;
  hoursText: string | null;
}

const activityId = id('活动');
const shiftId = id('班次');
const code = z.string({ error: '请填写签到码' }).regex(/^\d{6}$/, { error: '签到码是6位数字' });
/** A random key the mini-program keeps in storage; the server stores only its hash. */
const deviceKey = z.string({ error: '设备标识不正确' }).regex(/^[A-Za-z0-9_-]{16,64}$/, { error: '设备标识不正确' });

export const checkInCode = contract<CheckInCodeView>()({
  name: 'activity.checkInCode',
  summary: '负责人手机上的签到二维码（定时更换）和本班次签到情况',
  input: z.strictObject({ activityId, shiftId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '活动的发起人、项目负责人、团队负责人和本社区管理员',
});

export const checkIn = contract<AttendanceView>()({
  name: 'activity.checkIn',
  summary: '扫码签到（或输入6位签到码）；时间窗口外的签到会标记待核验',
  input: z.strictObject({ activityId, shiftId, code, deviceKey }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人，且已报名该班次；一部手机每个班次只能为一人签到',
});

export const checkOut = contract<AttendanceView>()({
  name: 'activity.checkOut',
  summary: '扫码签退，计算服务时长（待项目负责人核验）',
  input: z.strictObject({ activityId, shiftId, code, deviceKey }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人，且已签到',
});

export const checkInByHand = contract<RosterPersonView>()({
  name: 'activity.checkInByHand',
  summary: '负责人为志愿者手动签到或签退（团体录入），须写明原因',
  input: z.strictObject({
    activityId,
    shiftId,
    memberId: id('志愿者'),
    step: z.enum(['in', 'out'], { error: '请选择签到或签退' }),
    reason: text('原因', 2, 100),
  }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '活动的发起人、项目负责人、团队负责人和本社区管理员；只为已报名该班次的志愿者',
});
