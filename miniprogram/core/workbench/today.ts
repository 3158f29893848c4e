/**
 * 今日待办: one list per staff member, ordered by deadline, mixing what every feature needs of
 * them today. Each feature contributes its own rows (its manifest's `today`); the workbench only
 * merges and orders them, so a row says why it is there in its own feature's words.
 */
import type { ActionName } from '../action-names';

export const TODAY_KINDS = [
  'concern', // near or past a clock
  'supervision', // an item under 督办 to chase
  'binding', // a binding request to review
  'booking', // today's bookings
  'activity', // today's activities
  'hours', // volunteer hours pending more than 7 days
  'proxy', // a proxy to confirm
  'motion', // a motion past its threshold, to convene
  'disclosureDue', // a disclosure due or overdue
  'question', // a resident's question near its deadline
  'visit', // a household due a visit
  'case', // a 未诉先办 case proposed or open
] as const;
export type TodayKind = (typeof TODAY_KINDS)[number];

export const TODAY_KIND_LABELS: Record<TodayKind, string> = {
  concern: '诉求',
  supervision: '督办',
  binding: '绑定审核',
  booking: '今日预约',
  activity: '今日活动',
  hours: '时长核验',
  proxy: '委托确认',
  motion: '议题',
  disclosureDue: '居务公开',
  question: '居民提问',
  visit: '走访',
  case: '未诉先办',
};

export interface TodayRow {
  /** Stable across reads: `${kind}:${id}`. */
  key: string;
  kind: TodayKind;
  kindLabel: string;
  title: string;
  /** Why it is on the list today, in plain words: 「还剩2小时超时」「已等待9天」「今天 14:00」. */
  reason: string;
  /** What orders the list; null sorts last (no deadline, e.g. a household not visited for long). */
  dueAt: number | null;
  overdue: boolean;
  /** The one tap: opens this page (the record's own staff page). */
  open: { label: string; page: string };
  /** Where the row can be settled in place, the action and its input (e.g. 确认 a proxy). */
  act?: { label: string; action: ActionName; input: Record<string, unknown> };
}
