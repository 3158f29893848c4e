/**
 * 服务时长 (the hours ledger). Append-only: an entry is decided once (`pending → verified |
 * declined`) by the activity's 项目负责人, never by the volunteer; corrections are new
 * entries with a reason. A volunteer's total is the sum of their verified entries.
 */
import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import { z, id, text, paging } from '../schema';
import type { EntryFlag, EntryKind, EntryStatus } from '../volunteer/vocabulary';

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  attendance: '签到签退',
  adjustment: '更正',
  declared: '个人申报',
};

export const ANOMALY_KINDS = ['sharedDevice', 'checkInAfterCheckOut', 'overTwelveHours', 'selfVerify'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
export const ANOMALY_KIND_LABELS: Record<AnomalyKind, string> = {
  sharedDevice: '同一部手机为多人签到',
  checkInAfterCheckOut: '签退后又来签到',
  overTwelveHours: '一天超过12小时',
  selfVerify: '负责人核验自己的时长（已拒绝）',
};
/** More than this in one day is listed as an anomaly. */
export const ANOMALY_DAY_MINUTES = 12 * 60;

export interface HourEntryView {
  id: string;
  /** The service content: the activity's title. */
  content: string;
  serviceDate: string;
  kind: EntryKind;
  kindLabel: string;
  /** Signed integer minutes (a correction may be negative). */
  minutes: number;
  hoursText: string;
  status: EntryStatus;
  statusLabel: string;
  flags: EntryFlag[];
  flagLabels: string[];
  reason: string | null;
  /** Verified once, waiting for a second, different verifier. */
  awaitingSecond: boolean;
  /** For the project lead and staff: whose hours these are. */
  volunteerName?: string;
  /** In hours.mine: the volunteer's own dispute on this entry and, once given, the answer. */
  dispute?: { statusLabel: string; text: string; answer: string | null };
  allowedActions: ActionName[];
}

export interface HoursTotal {
  minutes: number;
  hoursText: string;
}

export interface MyHoursView {
  /** Always the sum of verified entries. */
  verified: HoursTotal;
  /** Entries still waiting, shown apart, never in the total. */
  pending: HoursTotal;
  byTeam: Array<HoursTotal & { teamName: string }>;
  byYear: Array<HoursTotal & { year: string }>;
  entries: HourEntryView[];
  next?: string;
}

export interface DisputeView {
  id: string;
  entry: HourEntryView;
  text: string;
  dueAt: number;
  late: boolean;
  status: 'open' | 'answered';
  statusLabel: string;
  answer: string | null;
  allowedActions: ActionName[];
}

export interface AnomalyView {
  kind: AnomalyKind;
  kindLabel: string;
  /** Names of the volunteers concerned (staff and the project lead only). */
  people: string[];
  shiftStartAt: number | null;
  serviceDate: string | null;
  /** Attempts recorded (refused ones included). */
  count: number;
  at: number;
}

const entryId = id('时长记录');
const activityId = id('活动');

export const myHours = contract<MyHoursView>()({
  name: 'hours.mine',
  summary: '我的服务时长：已核验合计（按团队、按年份），待核验另列',
  input: z.strictObject({ ...paging }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人',
});

export const pendingHours = contract<Page<HourEntryView>>()({
  name: 'hours.pending',
  summary: '待我核验的服务时长',
  input: z.strictObject({ activityId: activityId.optional(), ...paging }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '项目负责人：本人负责的活动；社区管理员：本社区（含待第二人核验的）',
});

export const verifyHours = contract<HourEntryView>()({
  name: 'hours.verify',
  summary: '核验服务时长：通过或不通过（超过8小时的需第二人核验）',
  input: z
    .strictObject({ entryId, decision: z.enum(['verify', 'decline'], { error: '请选择通过或不通过' }), reason: text('原因', 2, 100).optional() })
    .refine((v) => v.decision === 'verify' || v.reason !== undefined, { error: '不通过时请写明原因', path: ['reason'] }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '活动的项目负责人和本社区管理员，不能核验本人的时长；第二人须与第一人不同',
});

export const adjustHours = contract<HourEntryView>()({
  name: 'hours.adjust',
  summary: '更正服务时长：新增一条更正记录（写明原因），原记录不改不删',
  input: z.strictObject({
    entryId,
    minutes: z
      .number({ error: '请填写更正的分钟数' })
      .int({ error: '分钟数须为整数' })
      .min(-24 * 60, { error: '一次更正不超过24小时' })
      .max(24 * 60, { error: '一次更正不超过24小时' })
      .refine((m) => m !== 0, { error: '更正的分钟数不能为0' }),
    reason: text('更正原因', 2, 200),
  }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '活动的项目负责人、发起人和本社区管理员；更正记录同样须核验',
  idempotent: true,
});

export const disputeHours = contract<DisputeView>()({
  name: 'hours.dispute',
  summary: '对一条服务时长提出异议，社区在期限内答复',
  input: z.strictObject({ entryId, text: text('异议内容', 5, 300) }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人的时长记录；每条记录一次',
});

export const listDisputes = contract<Page<DisputeView>>()({
  name: 'hours.disputes',
  summary: '时长异议待办（含答复期限，逾期标出）',
  input: z.strictObject({ status: z.enum(['open', 'answered']).default('open'), ...paging }),
  roles: ['admin'],
  scope: '本社区管理员',
});

export const answerDispute = contract<DisputeView>()({
  name: 'hours.answerDispute',
  summary: '答复时长异议（需要更正时另做更正记录）',
  input: z.strictObject({ disputeId: id('异议'), answer: text('答复', 2, 300) }),
  roles: ['admin'],
  scope: '本社区管理员',
});

export const hourAnomalies = contract<{ items: AnomalyView[] }>()({
  name: 'hours.anomalies',
  summary: '活动的异常情况：一机多签、签退后再签到、一天超过12小时、负责人核验本人',
  input: z.strictObject({ activityId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '活动的项目负责人、发起人、团队负责人和本社区管理员',
});
