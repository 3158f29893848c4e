/**
 * 居务公开: the catalogue and its calendar, items with immutable versions, the privacy gate
 * every publication passes, the supervisory committee's opinions, residents' questions.
 */
import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import { z, id, text, paging, photos } from '../schema';
import { financeTable, type FinanceTable, type Reconciliation } from './finance';
import {
  FLAG_DECISIONS,
  RELIEF_FORMS,
  type Cadence,
  type FlagDecision,
  type FlagKind,
  type ItemState,
  type Period,
  type ReliefForm,
} from './vocabulary';

// ---------------------------------------------------------------------------------- views

export interface CategoryView {
  key: string;
  label: string;
  cadence: Cadence;
  cadenceText: string;
  builtin: boolean;
  publishedCount: number;
  latest: { itemId: string; title: string; periodLabel: string; publishedAt: number } | null;
}

export const SOURCE_KINDS = ['manual', 'minutes', 'poll', 'resolution'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const LINK_KINDS = ['resolution', 'poll', 'concern', 'meeting'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export interface LinkView {
  kind: LinkKind;
  refId: string;
  /** The record's title as its own feature shows it; 「（已不可见）」 when the caller may not read it. */
  title: string;
}

export interface ReliefRowView {
  /** As the programme allows: 「王某」「王*国」, or null when only counts are published. */
  recipient: string | null;
  amountFen: number;
  buildingName: string | null;
}
export interface ReliefView {
  programme: string;
  form: ReliefForm;
  formLabel: string;
  /** 「<5」 below five. */
  countText: string;
  totalFen: number;
  rows: ReliefRowView[];
}

/** One published version: frozen, as residents read it. */
export interface VersionView {
  number: number;
  title: string;
  periodLabel: string;
  body: string;
  finance: FinanceTable | null;
  /** The reconciliation line printed under the table. */
  financeText: string | null;
  relief: ReliefView | null;
  attachments: string[];
  links: LinkView[];
  /** Why this version corrects the one before; null for the first. */
  reason: string | null;
  publishedAt: number;
  publishedByName: string;
  superseded: boolean;
  supersededAt: number | null;
}

export interface VersionEntry {
  number: number;
  publishedAt: number;
  reason: string | null;
  superseded: boolean;
}

/** What the privacy gate found in a draft, and what a reviewer decided about it. */
export interface FlagView {
  flagId: string;
  /** Where: 「title」「body」「finance.income.2.label」「relief.rows.0.name」. */
  field: string;
  fieldLabel: string;
  kind: FlagKind;
  kindLabel: string;
  /** The text as written (staff only). */
  text: string;
  /** What it becomes when masked. */
  suggestion: string;
  /** A few characters either side, as written. */
  before: string;
  after: string;
  decision: FlagDecision | null;
  reason: string | null;
  decidedByName: string | null;
}

export interface ReliefDraft {
  programme: string;
  form: ReliefForm;
  rows: { name: string; amountFen: number; buildingId?: string }[];
}

/** The next version being written (staff only). */
export interface DraftView {
  draftVersion: number;
  title: string;
  categoryKey: string;
  period: Period;
  body: string;
  finance: FinanceTable | null;
  reconciliation: Reconciliation | null;
  relief: ReliefDraft | null;
  attachments: string[];
  links: LinkView[];
  /** Set on a correction: required before it can publish. */
  correctionReason: string | null;
  flags: FlagView[];
  unresolved: number;
  /** What residents would read if it were published now, every decision applied. */
  preview: { title: string; body: string };
  updatedAt: number;
  byName: string;
}

export interface ItemSummaryView {
  itemId: string;
  title: string;
  categoryKey: string;
  categoryLabel: string;
  periodLabel: string;
  state: ItemState;
  stateLabel: string;
  versionNumber: number;
  publishedAt: number | null;
  /** Staff: a draft (first or correction) is waiting. */
  hasDraft: boolean;
}

export interface ItemView {
  itemId: string;
  categoryKey: string;
  categoryLabel: string;
  state: ItemState;
  stateLabel: string;
  /** The version asked for (the current one by default); null before the first publication. */
  shown: VersionView | null;
  currentNumber: number;
  versions: VersionEntry[];
  source: { kind: SourceKind; title: string } | null;
  dueAt: number | null;
  /** Staff only. */
  draft: DraftView | null;
  allowedActions: ActionName[];
}

// ---------------------------------------------------------------------------------- input

const itemId = id('公开事项');
export const categoryKey = z.string({ error: '请选择公开类别' }).regex(/^[a-z][A-Za-z0-9]{1,23}$/, { error: '请选择公开类别' });

const year = z.number({ error: '请选择年份' }).int().min(2000, { error: '年份不正确' }).max(2100, { error: '年份不正确' });
export const periodInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('quarter'), year, quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: '请选择季度' }) }),
    z.strictObject({ kind: z.literal('month'), year, month: z.number({ error: '请选择月份' }).int().min(1, { error: '月份不正确' }).max(12, { error: '月份不正确' }) }),
    z.strictObject({ kind: z.literal('date'), date: z.string({ error: '请选择日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 2026-01-31' }) }),
    z.strictObject({ kind: z.literal('none') }),
  ],
  { error: '请选择公开期间' },
);

export const cadenceInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('quarterly'), dueDay: z.number().int().min(1, { error: '公开日在1到28日之间' }).max(28, { error: '公开日在1到28日之间' }) }),
    z.strictObject({ kind: z.literal('monthly'), dueDay: z.number().int().min(1, { error: '公开日在1到28日之间' }).max(28, { error: '公开日在1到28日之间' }) }),
    z.strictObject({ kind: z.literal('immediate'), hours: z.number().int().min(1, { error: '时限在1到72小时之间' }).max(72, { error: '时限在1到72小时之间' }) }),
    z.strictObject({ kind: z.literal('withinDays'), days: z.number().int().min(1, { error: '时限在1到30日之间' }).max(30, { error: '时限在1到30日之间' }) }),
  ],
  { error: '请选择公开频次' },
);

const linkInput = z.strictObject({ kind: z.enum(['resolution', 'poll', 'concern', 'meeting'], { error: '关联类型不正确' }), refId: id('关联事项') });

export const reliefInput = z.strictObject({
  programme: text('救助项目', 2, 40),
  form: z.enum(RELIEF_FORMS, { error: '请选择公开方式' }),
  rows: z
    .array(
      z.strictObject({
        name: text('姓名', 1, 20),
        amountFen: z.number({ error: '请填写金额' }).int({ error: '金额须精确到分' }).min(0, { error: '金额不能为负数' }).max(1_000_000_000, { error: '金额过大' }),
        buildingId: id('楼栋').optional(),
      }),
    )
    .min(1, { error: '请至少填写一位受助人' })
    .max(500, { error: '一次最多500位受助人' }),
});

export const listCatalogue = contract<{ categories: CategoryView[] }>()({
  name: 'disclosure.catalogue',
  summary: '公开目录：各类别及公开频次',
  input: z.strictObject({}),
  roles: ['resident', 'volunteer', 'supervisor', 'gridWorker', 'admin'],
  scope: '本社区',
});

export const setCategory = contract<{ categories: CategoryView[] }>()({
  name: 'disclosure.setCategory',
  summary: '增设公开类别或调整公开频次（可注明依据的决议）',
  input: z.strictObject({
    /** Absent: a new community category. */
    key: categoryKey.optional(),
    label: text('类别名称', 2, 20),
    cadence: cadenceInput,
    basisResolutionId: id('决议').optional(),
  }),
  roles: ['admin'],
  scope: '本社区；法定类别不能改名，只能调整频次',
});

export const listItems = contract<Page<ItemSummaryView>>()({
  name: 'disclosure.list',
  summary: '公开栏：按类别查看公开事项；工作人员另可查看草稿',
  input: z.strictObject({ categoryKey: categoryKey.optional(), when: z.enum(['published', 'drafts'], { error: '请选择列表' }).default('published'), ...paging }),
  roles: ['resident', 'volunteer', 'supervisor', 'gridWorker', 'admin'],
  scope: '本社区；草稿只有工作人员可见',
});

export const getItem = contract<ItemView>()({
  name: 'disclosure.get',
  summary: '查看公开事项及其历次版本、监督意见和居民提问',
  input: z.strictObject({ itemId, version: z.number().int().min(1).max(1000).optional() }),
  roles: ['resident', 'volunteer', 'supervisor', 'gridWorker', 'admin'],
  scope: '本社区；未公开的草稿只有工作人员可见',
});

export const draftItem = contract<ItemView>()({
  name: 'disclosure.draft',
  summary: '起草或修改公开事项（保存后自动检查个人信息）',
  input: z.strictObject({
    /** Absent: a new item. */
    itemId: itemId.optional(),
    /** The draft's version when it was loaded; a stale one is refused. */
    draftVersion: z.number().int().min(0).optional(),
    categoryKey,
    title: text('标题', 4, 60),
    period: periodInput,
    body: text('正文', 0, 20_000),
    finance: financeTable.nullable().default(null),
    relief: reliefInput.nullable().default(null),
    attachments: photos(9),
    links: z.array(linkInput).max(20, { error: '最多关联20项' }).default([]),
  }),
  roles: ['gridWorker', 'admin'],
  scope: '本社区；已公开的版本不能修改，只能更正',
  idempotent: true,
});

export const reviewDraft = contract<ItemView>()({
  name: 'disclosure.review',
  summary: '隐私审核：逐项决定遮盖或保留（保留须说明原因），可补标漏检内容',
  input: z
    .strictObject({
      itemId,
      draftVersion: z.number().int().min(0),
      decisions: z
        .array(z.strictObject({ flagId: id('标记'), decision: z.enum(FLAG_DECISIONS, { error: '请选择遮盖或保留' }), reason: text('保留原因', 2, 60).optional() }))
        .max(500)
        .default([]),
      /** Text the scan missed: masked wherever it appears in that field. */
      marks: z
        .array(z.strictObject({ field: z.string().regex(/^[a-z][A-Za-z0-9.]{0,79}$/, { error: '位置不正确' }), text: text('要遮盖的内容', 1, 40) }))
        .max(50)
        .default([]),
    })
    .superRefine((v, ctx) => {
      v.decisions.forEach((d, i) => {
        if (d.decision === 'keep' && !d.reason) ctx.addIssue({ code: 'custom', path: ['decisions', i, 'reason'], message: '保留个人信息须说明原因，如「社区干部」「公共服务电话」' });
      });
    }),
  roles: ['gridWorker', 'admin'],
  scope: '本社区的草稿',
});

export const publishItem = contract<ItemView>()({
  name: 'disclosure.publish',
  summary: '公开（每处标记都已处理、财务收支平衡后才能公开；公开后不可修改）',
  input: z.strictObject({ itemId, draftVersion: z.number().int().min(0) }),
  roles: ['admin'],
  scope: '本社区',
});

export const correctItem = contract<ItemView>()({
  name: 'disclosure.correct',
  summary: '更正已公开的事项：以现行版本起草新版本，须写明更正原因，原版本保留可查',
  input: z.strictObject({ itemId, reason: text('更正原因', 4, 200) }),
  roles: ['gridWorker', 'admin'],
  scope: '本社区已公开的事项',
});
