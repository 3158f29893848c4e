/**
 * Messages to people: the in-app inbox every message lands in, and WeChat subscription
 * messages, which need one tap-given consent per message. The server keeps each person's
 * consent balance per template and falls back to the inbox alone when none is left.
 */
import { contract, type Page } from '../action';
import { z, id, paging } from '../schema';

/** Template keys the product uses; their WeChat template ids are deployment configuration. */
export const TEMPLATE_KEYS = ['concernProgress', 'concernResolved', 'bookingResult', 'bookingReminder', 'bindingResult', 'staffTask'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** The taps at which the mini-program asks for consent, and what it asks for there. */
export const CONSENT_MOMENTS = {
  'concern.submit': ['concernProgress', 'concernResolved'],
  'booking.create': ['bookingResult', 'bookingReminder'],
  'member.requestBinding': ['bindingResult'],
  // Staff (workbench) and department contacts allow pushes of new, late and 督办 items at a tap of their own.
  'staff.tasks': ['staffTask'],
} as const satisfies Record<string, readonly TemplateKey[]>;
export type ConsentMoment = keyof typeof CONSENT_MOMENTS;

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  page?: string;
  read: boolean;
  createdAt: number;
}

export interface TemplateRequest {
  key: TemplateKey;
  templateId: string;
}

export const listInbox = contract<Page<InboxItem>>()({
  name: 'notify.inbox',
  summary: '消息中心：我的站内消息',
  input: z.strictObject({ unreadOnly: z.boolean().default(false), ...paging }),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'department'],
  scope: '仅本人（管理员另含社区公共待办消息）',
});

export const unreadCount = contract<{ count: number; more: boolean }>()({
  name: 'notify.unreadCount',
  summary: '未读消息数（用于底部标签角标）',
  input: z.strictObject({}),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'department'],
  scope: '仅本人',
});

export const markRead = contract<{ marked: number }>()({
  name: 'notify.markRead',
  summary: '标记消息为已读',
  input: z
    .strictObject({ ids: z.array(id('消息编号')).min(1).max(50).optional(), all: z.literal(true).optional() })
    .refine((v) => (v.ids === undefined) !== (v.all === undefined), { error: '请选择要标记的消息，或全部标记' }),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'department'],
  scope: '仅本人的消息',
});

export const templatesFor = contract<{ templates: TemplateRequest[] }>()({
  name: 'notify.templates',
  summary: '某个操作时应请求订阅的消息模板',
  input: z.strictObject({ moment: z.enum(Object.keys(CONSENT_MOMENTS) as [ConsentMoment, ...ConsentMoment[]]) }),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'department'],
  scope: '公开配置',
});

export const recordConsent = contract<{ balances: Partial<Record<TemplateKey, number>> }>()({
  name: 'notify.recordConsent',
  summary: '记录用户在订阅弹窗中的选择（每次“允许”可发送一条订阅消息）',
  input: z.strictObject({
    results: z.partialRecord(z.enum(TEMPLATE_KEYS), z.enum(['accept', 'reject', 'ban', 'filter'])),
  }),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'department'],
  scope: '仅本人',
});
