/**
 * Personal data under PIPL: minimal collection, a phone number only when a feature needs
 * it (through WeChat's getPhoneNumber), an export of everything about me, and account
 * deletion that anonymises after a waiting period.
 */
import { contract } from '../action';
import { z } from '../schema';

/** Days between asking to delete and the anonymisation, during which it can be undone. */
export const DELETION_WAIT_DAYS = 7;

export interface MyData {
  exportedAt: number;
  profile: Record<string, unknown>;
  bindingRequests: Array<Record<string, unknown>>;
  concerns: Array<Record<string, unknown>>;
  bookings: Array<Record<string, unknown>>;
  messages: Array<Record<string, unknown>>;
  consents: Array<Record<string, unknown>>;
  /** True when a list was cut at its cap; ask the community for the rest. */
  truncated: boolean;
}

export const setPhone = contract<{ phone: string }>()({
  name: 'privacy.setPhone',
  summary: '用微信手机号快速验证绑定联系电话（用于工作人员回访）',
  input: z.strictObject({ code: z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, { error: '手机号授权码格式不正确' }) }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人',
});

export const exportMyData = contract<MyData>()({
  name: 'privacy.export',
  summary: '下载我的数据：与我有关的全部记录',
  input: z.strictObject({}),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'department'],
  scope: '仅本人',
});

export const requestDeletion = contract<{ scheduledFor: number }>()({
  name: 'privacy.requestDeletion',
  summary: `注销账号：${DELETION_WAIT_DAYS}天后匿名化我的记录（期间可撤销）`,
  input: z.strictObject({ confirm: z.literal(true, { error: '请确认注销' }) }),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'department'],
  scope: '仅本人',
});

export const cancelDeletion = contract<{ cancelled: boolean }>()({
  name: 'privacy.cancelDeletion',
  summary: '撤销注销申请',
  input: z.strictObject({}),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'department'],
  scope: '仅本人',
});
