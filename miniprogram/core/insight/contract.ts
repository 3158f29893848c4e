/**
 * 社情民意 (insights), 未诉先办 cases and the community's 每月一题. Staff read what residents
 * raise by building × category × month, with every figure's numerator, denominator and
 * sample and the records behind it; the sweep's cluster rule proposes a 未诉先办 case when
 * one building keeps raising one category; the admins pick the month's topic.
 */
import { contract, type Page } from '../action';
import { z, id, text, paging } from '../schema';
import { RANKING_MIN_SAMPLE } from '../concern/contract';

// ---------------------------------------------------------------------------------- rules

/** The cluster rule's window: k items of one category in one building within this many days. */
export const CLUSTER_WINDOW_DAYS = 30;
export const CLUSTER_K_DEFAULT = 3;
export const CLUSTER_K_MIN = 2;
export const CLUSTER_K_MAX = 10;
/** No ranking and no trend on fewer items than this (the same floor as concern.stats). */
export const INSIGHT_MIN_SAMPLE = RANKING_MIN_SAMPLE;
/** How many months the overview shows: the chosen one and the three before it. */
export const OVERVIEW_MONTHS = 4;

// ------------------------------------------------------------------- the topic-source hook

/**
 * One topic raised, whatever recorded it: a concern, or one topic of a household visit (走访).
 * Features other than concern hand these to insight through their manifest's `topics` hook
 * (kernel/feature.ts); insight counts them with concerns in the overview and the cluster rule.
 */
export interface TopicItem {
  source: 'concern' | 'visit';
  /** The record's id (a visit's id for each of its topics). */
  id: string;
  /** What staff quote: a concern's 受理编号, a visit's date. */
  ref: string;
  buildingId: string;
  gridId: string;
  /** A concern category id (`cat_<community>_<key>`). */
  category: string;
  at: number;
  /** The staff page that opens the record. */
  page: string;
}

/** What the insight feature asks a topic source: items with `from < at <= to`. */
export interface TopicQuery {
  from: number;
  to: number;
  /** Only this category (the cluster rule asks per category). */
  category?: string;
  /** Only these grids (a grid worker's scope); absent = the whole community. */
  gridIds?: readonly string[];
}

export interface TopicItems {
  items: TopicItem[];
  /** The source stopped at its cap. */
  truncated: boolean;
}

// ---------------------------------------------------------------------------------- views

const month = z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式不正确' });

/** What a drill-down asks for: the records behind one figure. */
export interface DrillQuery {
  month: string;
  buildingId?: string;
  category?: string;
  /** `raised`: every item counted; `responded`: the concerns signed for (first response). */
  figure: 'raised' | 'responded';
}

/** A figure as printed, with what it is made of. */
export interface InsightFigure {
  value: number;
  /** A rate's denominator; null for a count. */
  of: number | null;
  /** How many records the figure rests on. */
  n: number;
  text: string;
  /** The records behind it (insight.drill); null where they would say who (repeat reporters). */
  drill: DrillQuery | null;
}

export interface HeatCell {
  buildingId: string;
  category: string;
  count: number;
  /** 0 (none) … 4 (the grid's highest): the cell's shade. */
  shade: number;
  drill: DrillQuery | null;
}

export interface CategoryTrend {
  category: string;
  name: string;
  /** Counts for the four months, oldest first; the last is the chosen month. */
  counts: number[];
  thisMonth: number;
  /** The three months before, summed: the average is prevTotal / 3. */
  prevTotal: number;
  /** this month against the previous three months' average; null when the sample is too small. */
  trend: 'up' | 'down' | 'flat' | null;
  trendText: string;
  /** Place by count among categories with at least INSIGHT_MIN_SAMPLE this month. */
  rank: number | null;
  /** 0–100: the bar's length against the largest category this month. */
  bar: number;
  drill: DrillQuery | null;
}

export interface InsightOverview {
  month: string;
  months: string[];
  monthLabels: string[];
  buildings: { id: string; name: string; gridId: string }[];
  categories: { id: string; name: string }[];
  cells: HeatCell[];
  byCategory: CategoryTrend[];
  raised: InsightFigure;
  /** Submit → first signature, median minutes, over the concerns signed; of = concerns of the month. */
  firstResponse: InsightFigure & { medianMinutes: number | null };
  /** Residents (or households) with ≥2 concerns this month ÷ residents who raised any. Never who. */
  repeatReporters: InsightFigure;
  /** Visit topics are counted when a source feature offers them. */
  visitTopics: number;
  minSample: number;
  scopeText: string;
  truncated: boolean;
}

export interface DrillItem {
  source: 'concern' | 'visit';
  id: string;
  ref: string;
  buildingName: string;
  categoryName: string;
  at: number;
  page: string;
}

export interface DrillView {
  query: DrillQuery;
  title: string;
  items: DrillItem[];
  truncated: boolean;
}

export const CASE_STATES = ['proposed', 'accepted', 'dismissed', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, string> = { proposed: '待研判', accepted: '办理中', dismissed: '不予立项', closed: '已办结' };

export interface CaseView {
  caseId: string;
  state: CaseState;
  stateLabel: string;
  buildingId: string;
  buildingName: string;
  gridId: string;
  category: string;
  categoryName: string;
  title: string;
  /** 「30天内3件」: the cluster that proposed it. */
  reason: string;
  itemCount: number;
  items: { source: 'concern' | 'visit'; id: string; ref: string; at: number; page: string }[];
  windowFrom: number;
  windowTo: number;
  proposedAt: number;
  decision: {
    by: string;
    at: number;
    kind: 'motion' | 'task' | 'dismiss';
    reason: string | null;
    motionId: string | null;
    owner: { memberId: string; name: string } | null;
    dueAt: number | null;
    overdue: boolean;
  } | null;
  closed: { at: number; by: string; summary: string } | null;
  allowedActions: ('insight.decideCase' | 'insight.closeCase')[];
}

export interface MilestoneView {
  index: number;
  title: string;
  dueAt: number;
  doneAt: number | null;
  note: string | null;
  overdue: boolean;
}

export interface MonthlyTopicView {
  month: string;
  topic: { category: string | null; title: string };
  owner: { memberId: string; name: string };
  target: string;
  milestones: MilestoneView[];
  /** Milestones done ÷ milestones. */
  progress: { done: number; of: number; text: string };
  setAt: number;
  canEdit: boolean;
}

export interface InsightSettingsView {
  clusterK: number;
  windowDays: number;
}

// ------------------------------------------------------------------------------ contracts

const STAFF = ['gridWorker', 'admin'] as const;
const caseId = id('案例');
const memberId = id('负责人');

export const insightOverview = contract<InsightOverview>()({
  name: 'insight.overview',
  summary: '社情民意：楼栋 × 类别 × 月份，近三月趋势，首次响应，重复反映（只计人数）',
  input: z.strictObject({ month }),
  roles: STAFF,
  scope: '网格员：本人网格的楼栋；管理员：全社区',
});

export const insightDrill = contract<DrillView>()({
  name: 'insight.drill',
  summary: '数字背后的记录（编号列表）',
  input: z.strictObject({
    month,
    buildingId: id('楼栋').optional(),
    category: id('类别').optional(),
    figure: z.enum(['raised', 'responded'], { error: '请选择统计项' }).default('raised'),
  }),
  roles: STAFF,
  scope: '同 insight.overview：只列调用者范围内的记录',
});

export const insightCases = contract<Page<CaseView>>()({
  name: 'insight.cases',
  summary: '未诉先办案例',
  input: z.strictObject({ when: z.enum(['open', 'closed'], { error: '请选择列表' }).default('open'), ...paging }),
  roles: STAFF,
  scope: '网格员：本人网格楼栋的案例；管理员：全社区',
});

export const decideCase = contract<CaseView>()({
  name: 'insight.decideCase',
  summary: '研判未诉先办案例：立项为议题或任务，或说明理由不予立项',
  input: z.discriminatedUnion('kind', [
    z.strictObject({ caseId, kind: z.literal('motion'), title: text('议题标题', 4, 60), body: text('议题内容', 10, 2000) }),
    z.strictObject({ caseId, kind: z.literal('task'), ownerId: memberId, dueAt: z.number().int().positive({ error: '请选择完成期限' }), note: text('任务说明', 2, 200) }),
    z.strictObject({ caseId, kind: z.literal('dismiss'), reason: text('不予立项的理由', 4, 200) }),
  ], { error: '请选择研判结果' }),
  roles: STAFF,
  scope: '网格员：本人网格楼栋的案例；管理员：全社区',
  idempotent: true,
});

export const closeCase = contract<CaseView>()({
  name: 'insight.closeCase',
  summary: '办结未诉先办任务',
  input: z.strictObject({ caseId, summary: text('办结情况', 4, 500) }),
  roles: STAFF,
  scope: '任务负责人或管理员',
});

export const insightSettings = contract<InsightSettingsView>()({
  name: 'insight.settings',
  summary: '未诉先办的聚集规则（几件起提示）',
  input: z.strictObject({ clusterK: z.number().int().min(CLUSTER_K_MIN, { error: `至少${CLUSTER_K_MIN}件` }).max(CLUSTER_K_MAX, { error: `最多${CLUSTER_K_MAX}件` }).optional() }),
  roles: STAFF,
  scope: '读取：工作人员；修改：管理员',
});

const milestone = z.strictObject({ title: text('节点', 2, 40), dueAt: z.number().int().positive({ error: '请选择节点期限' }) });

export const setMonthlyTopic = contract<MonthlyTopicView>()({
  name: 'insight.setMonthlyTopic',
  summary: '设定每月一题：主题、负责人、目标、2–3个节点',
  input: z.strictObject({
    month,
    category: id('类别').optional(),
    title: text('主题', 2, 40),
    ownerId: memberId,
    target: text('目标', 4, 200),
    milestones: z.array(milestone).min(2, { error: '请设2–3个节点' }).max(3, { error: '请设2–3个节点' }),
  }),
  roles: ['admin'],
  scope: '管理员，本社区',
});

export const monthlyTopic = contract<MonthlyTopicView | null>()({
  name: 'insight.monthlyTopic',
  summary: '本月一题及进度',
  input: z.strictObject({ month }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本社区',
});

export const recordMilestone = contract<MonthlyTopicView>()({
  name: 'insight.recordMilestone',
  summary: '登记每月一题的节点完成',
  input: z.strictObject({ month, index: z.number().int().min(0).max(2), note: text('完成情况', 2, 200) }),
  roles: STAFF,
  scope: '该题负责人或管理员',
});

export type CaseListInput = z.input<typeof insightCases.input>;
