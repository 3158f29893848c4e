/**
 * 志愿服务: the words and numbers every part of the volunteer feature shares — statuses and
 * their labels, the rules with legal weight (《志愿服务条例》, 民政部令第67号, 民发〔2015〕149号;
 * ../shared/reference/next-features.md §A) — so the sign-up, check-in, ledger and certificate
 * parts, the pages and the exports all say the same thing. The actions live in contract.ts.
 */

export const ACTIVITY_STATUSES = [
  'draft', // 草稿：只有发起人和团队负责人看得到
  'published', // 已发布，可报名
  'cancelled', // 已取消（报名者已通知）
  'finished', // 已结束（最后一个班次结束后）
] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  draft: '草稿',
  published: '报名中',
  cancelled: '已取消',
  finished: '已结束',
};

export const SIGNUP_STATUSES = [
  'booked', // 已报名（占座）
  'waitlisted', // 候补中
  'offered', // 候补转正，待确认
  'withdrawn', // 本人退出
  'expired', // 转正未确认，已失效
  'cancelled', // 活动取消
] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  booked: '已报名',
  waitlisted: '候补中',
  offered: '候补转正，请确认',
  withdrawn: '已退出',
  expired: '已失效',
  cancelled: '活动已取消',
};

/** How check-in or check-out was recorded; every record says which, with server time. */
export const CHECK_METHODS = ['code', 'manual', 'autoClose'] as const;
export type CheckMethod = (typeof CHECK_METHODS)[number];
export const CHECK_METHOD_LABELS: Record<CheckMethod, string> = {
  code: '扫码',
  manual: '负责人录入',
  autoClose: '未签退，按计划时长自动结束',
};

/** Why an attendance or ledger entry waits for a closer look (accepted, never silently). */
export const ENTRY_FLAGS = [
  'outsideWindow', // 签到不在时间窗口内
  'forgotCheckOut', // 忘记签退，按计划时长计
  'manual', // 负责人代为录入
  'dailyCap', // 超过每日上限，已截断
  'sharedDevice', // 同一手机为多人签到（被拒绝后的尝试也记录）
  'overThreshold', // 超过阈值，需要第二人核验
] as const;
export type EntryFlag = (typeof ENTRY_FLAGS)[number];

/** The hours ledger is append-only: an entry is decided once; corrections are new entries. */
export const ENTRY_STATUSES = ['pending', 'verified', 'declined'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = {
  pending: '待核验',
  verified: '已核验',
  declined: '未通过',
};
export const ENTRY_KINDS = ['attendance', 'adjustment', 'declared'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** The activity's declared rounding, stated on the certificate (local rules differ). */
export const ROUNDING_RULES = ['none', 'halfHour', 'hourMinimum'] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];
export const ROUNDING_RULE_LABELS: Record<RoundingRule, string> = {
  none: '按实际分钟计',
  halfHour: '按半小时取整（不足半小时不计）',
  hourMinimum: '不足1小时按1小时计',
};

/** Defaults an activity may override. Minutes are integers everywhere; hours are display only. */
export const DEFAULT_GRACE_MINUTES = 15;
export const DEFAULT_DAILY_CAP_MINUTES = 8 * 60;
/** A forgotten check-out closes at shift end + this. */
export const AUTO_CLOSE_AFTER_MINUTES = 2 * 60;
/** Entries above this in one day need a second verifier. */
export const SECOND_VERIFIER_ABOVE_MINUTES = 8 * 60;
/** A promoted volunteer confirms within this, or the seat goes to the next (1 h on the day). */
export const OFFER_WINDOW_HOURS = 12;
export const OFFER_WINDOW_HOURS_ON_THE_DAY = 1;
/** The rotating check-in code changes this often; a code is accepted for two periods (≤ 60 s). */
export const CHECK_IN_CODE_PERIOD_SECONDS = 30;
/** A dispute is answered within this many days. */
export const DISPUTE_DAYS = 7;
/** Verified-hours milestones (2012 《志愿服务记录办法》): this community's record, not a national rating. */
export const MILESTONE_HOURS = [100, 300, 600, 1000, 1500] as const;

/** Integer minutes → hours to one decimal, as people read them. */
export function hoursText(minutes: number): string {
  return `${(Math.round(minutes / 6) / 10).toFixed(1)}小时`;
}
