/**
 * 居务公开's words: the catalogue's categories and how often each must be published, the
 * periods an item covers, the states of an item and of the privacy review.
 * Sources: 《村民委员会组织法》第30条 (the operative model: ordinary matters at least
 * quarterly, finances monthly where frequent, major matters at once) and the local rules in
 * `../shared/reference/next-features.md` §C (within 5 days of an approval).
 */

/** The six the law names, and the charter, which is published as a versioned item too. */
export const BUILTIN_CATEGORIES = ['decision', 'finance', 'relief', 'government', 'service', 'other', 'charter'] as const;
export type BuiltinCategory = (typeof BUILTIN_CATEGORIES)[number];

export const BUILTIN_CATEGORY_LABELS: Record<BuiltinCategory, string> = {
  decision: '决定事项及实施',
  finance: '财务收支',
  relief: '救助与补贴款物',
  government: '协助政府工作',
  service: '服务与收费',
  other: '其他关切',
  charter: '居民公约与自治章程',
};

/**
 * How often a category is due. `quarterly`/`monthly`: the period just ended must be up by
 * `dueDay` of the next month (the 财务公开日, 15 by default). `immediate`: within `hours` of
 * its trigger (a resolution adopted, minutes approved, a poll's result). `withinDays`: within
 * `days` of its trigger (an approval; Shaanxi: 5 days).
 */
export type Cadence =
  | { kind: 'quarterly'; dueDay: number }
  | { kind: 'monthly'; dueDay: number }
  | { kind: 'immediate'; hours: number }
  | { kind: 'withinDays'; days: number };

export const DEFAULT_DUE_DAY = 15;
export const DEFAULT_IMMEDIATE_HOURS = 24;

export const BUILTIN_CADENCES: Record<BuiltinCategory, Cadence> = {
  decision: { kind: 'immediate', hours: DEFAULT_IMMEDIATE_HOURS },
  finance: { kind: 'quarterly', dueDay: DEFAULT_DUE_DAY },
  relief: { kind: 'quarterly', dueDay: DEFAULT_DUE_DAY },
  government: { kind: 'quarterly', dueDay: DEFAULT_DUE_DAY },
  service: { kind: 'quarterly', dueDay: DEFAULT_DUE_DAY },
  other: { kind: 'quarterly', dueDay: DEFAULT_DUE_DAY },
  charter: { kind: 'immediate', hours: DEFAULT_IMMEDIATE_HOURS },
};

export function cadenceText(c: Cadence): string {
  switch (c.kind) {
    case 'quarterly':
      return `每季度公开，次季度首月${c.dueDay}日前`;
    case 'monthly':
      return `每月公开，次月${c.dueDay}日前`;
    case 'immediate':
      return c.hours <= 24 ? '随时公开（事项发生后24小时内）' : `随时公开（事项发生后${c.hours}小时内）`;
    case 'withinDays':
      return `审批或决定后${c.days}日内公开`;
  }
}

/** What an item covers. Periodic categories need a quarter or a month; others a date or none. */
export type Period =
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'date'; date: string }
  | { kind: 'none' };

/** A stable key per period: 「2026Q3」「2026-09」「2026-09-15」「-」. */
export function periodKey(p: Period): string {
  switch (p.kind) {
    case 'quarter':
      return `${p.year}Q${p.quarter}`;
    case 'month':
      return `${p.year}-${String(p.month).padStart(2, '0')}`;
    case 'date':
      return p.date;
    case 'none':
      return '-';
  }
}

export function periodLabel(p: Period): string {
  switch (p.kind) {
    case 'quarter':
      return `${p.year}年第${'一二三四'[p.quarter - 1]}季度`;
    case 'month':
      return `${p.year}年${p.month}月`;
    case 'date': {
      const [y, m, d] = p.date.split('-').map(Number);
      return `${y}年${m}月${d}日`;
    }
    case 'none':
      return '';
  }
}

/**
 * An item's life: a draft until first published; then `published`, or `correcting` while a
 * correction (the next version) is being drafted — the published version stays up meanwhile.
 */
export const ITEM_STATES = ['draft', 'published', 'correcting'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export const ITEM_STATE_LABELS: Record<ItemState, string> = { draft: '草稿', published: '已公开', correcting: '更正中' };

/** What the privacy gate finds; `smallCount` is a count under 5 (shown as 「<5」), `manual` one a reviewer marked. */
export const FLAG_KINDS = ['name', 'phone', 'idNumber', 'room', 'smallCount', 'manual'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
export const FLAG_KIND_LABELS: Record<FlagKind, string> = {
  name: '姓名',
  phone: '电话号码',
  idNumber: '证件号码',
  room: '门牌号',
  smallCount: '少于5的人数或户数',
  manual: '审核人标出的内容',
};
/** Counts below this are shown as 「<5」 (small-count suppression). */
export const SMALL_COUNT = 5;

/** Each flag is masked (the suggestion replaces it) or kept on purpose, with a reason. */
export const FLAG_DECISIONS = ['mask', 'keep'] as const;
export type FlagDecision = (typeof FLAG_DECISIONS)[number];

/**
 * How relief recipients may appear, as their programme allows: only a count, a surname
 * (「王某」), or a surname with the rest starred (「王*国」).
 */
export const RELIEF_FORMS = ['count', 'surname', 'maskedName'] as const;
export type ReliefForm = (typeof RELIEF_FORMS)[number];
export const RELIEF_FORM_LABELS: Record<ReliefForm, string> = { count: '只公开人数和金额', surname: '公开姓氏（王某）', maskedName: '公开部分姓名（王*国）' };
