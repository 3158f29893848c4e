/**
 * 居务公开 views as the server sends them to staff, for the staff disclosure pages' tests.
 * Typed against the contracts, so a fixture cannot drift from what the actions answer.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import type {
  CalendarView,
  CategoryView,
  DraftView,
  DueView,
  FlagView,
  ItemSummaryView,
  ItemView,
  OpinionView,
  QuestionView,
  VersionView,
} from '../../../../miniprogram/core/disclosure/contract';
import { reconcile, type FinanceTable } from '../../../../miniprogram/core/disclosure/finance';
import type { CommitteeView } from '../../../../miniprogram/core/disclosure/supervision-contract';
import { BUILTIN_CADENCES, cadenceText } from '../../../../miniprogram/core/disclosure/vocabulary';
import { bj, H } from './poll-fixtures';

export { bj, H };
/** 2026-10-12 10:00 Beijing: the third quarter has ended, its finance item is due on the 15th. */
export const NOW = bj(2026, 10, 12, 10);

export const categories: CategoryView[] = [
  { key: 'decision', label: '决定事项及实施', cadence: BUILTIN_CADENCES.decision, cadenceText: cadenceText(BUILTIN_CADENCES.decision), builtin: true, publishedCount: 2, latest: null },
  { key: 'finance', label: '财务收支', cadence: BUILTIN_CADENCES.finance, cadenceText: cadenceText(BUILTIN_CADENCES.finance), builtin: true, publishedCount: 1, latest: null },
  { key: 'relief', label: '救助与补贴款物', cadence: BUILTIN_CADENCES.relief, cadenceText: cadenceText(BUILTIN_CADENCES.relief), builtin: true, publishedCount: 0, latest: null },
  { key: 'parking', label: '停车管理', cadence: { kind: 'monthly', dueDay: 10 }, cadenceText: cadenceText({ kind: 'monthly', dueDay: 10 }), builtin: false, publishedCount: 0, latest: null },
];

export function due(over: Partial<DueView> = {}): DueView {
  return {
    dueId: 'due-1',
    categoryKey: 'finance',
    categoryLabel: '财务收支',
    label: '2026年第三季度 财务收支',
    dueAt: bj(2026, 10, 16),
    state: 'due',
    overdue: false,
    metAt: null,
    onTime: null,
    itemId: null,
    escalation: 'none',
    source: null,
    ...over,
  };
}

export function calendar(over: Partial<CalendarView> = {}): CalendarView {
  return {
    month: '2026-10',
    dues: [
      due(),
      due({ dueId: 'due-2', categoryKey: 'relief', categoryLabel: '救助与补贴款物', label: '2026年第三季度 救助与补贴款物', dueAt: bj(2026, 10, 16), state: 'met', metAt: bj(2026, 10, 9), onTime: true, itemId: 'item-relief' }),
      due({
        dueId: 'due-3',
        categoryKey: 'decision',
        categoryLabel: '决定事项及实施',
        label: '增设快递柜的决议',
        dueAt: bj(2026, 10, 2, 18),
        overdue: true,
        escalation: 'committee',
        source: { kind: 'resolution', title: '增设快递柜' },
      }),
      due({ dueId: 'due-4', categoryKey: 'decision', categoryLabel: '决定事项及实施', label: '九月居民会议纪要', dueAt: bj(2026, 10, 1, 12), overdue: true, escalation: 'subdistrict', source: { kind: 'minutes', title: '九月居民会议' } }),
    ],
    rate: { month: '2026-10', onTime: 1, due: 3, rateText: '1/3（33%）' },
    ...over,
  };
}

export function summary(over: Partial<ItemSummaryView> = {}): ItemSummaryView {
  return {
    itemId: 'item-1',
    title: '2026年第三季度社区财务收支',
    categoryKey: 'finance',
    categoryLabel: '财务收支',
    periodLabel: '2026年第三季度',
    state: 'draft',
    stateLabel: '草稿',
    versionNumber: 0,
    publishedAt: null,
    openObjections: 0,
    openQuestions: 0,
    hasDraft: true,
    ...over,
  };
}

export function flag(over: Partial<FlagView> = {}): FlagView {
  return {
    flagId: 'f1',
    field: 'body',
    fieldLabel: '正文',
    kind: 'name',
    kindLabel: '姓名',
    text: '张建国',
    suggestion: '张某',
    before: '支付',
    after: '保洁费',
    decision: null,
    reason: null,
    decidedByName: null,
    ...over,
  };
}

/** Opening 10,000.00, income 5,000.00, expense 3,000.00 (+ 200.00), closing 11,800.00: it reconciles. */
export const books: FinanceTable = {
  openingFen: 1_000_000,
  income: [{ label: '上级补助', amountFen: 500_000 }],
  expense: [
    { label: '保洁费', amountFen: 300_000 },
    { label: '办公用品', amountFen: 20_000, note: '打印纸' },
  ],
  closingFen: 1_180_000,
};

export function draft(over: Partial<DraftView> = {}): DraftView {
  const finance = over.finance === undefined ? books : over.finance;
  const flags = over.flags ?? [flag(), flag({ flagId: 'f2', kind: 'phone', kindLabel: '电话号码', text: '13800001234', suggestion: '138****1234', before: '联系电话', after: '。' })];
  return {
    draftVersion: 3,
    title: '2026年第三季度社区财务收支',
    categoryKey: 'finance',
    period: { kind: 'quarter', year: 2026, quarter: 3 },
    body: '支付张建国保洁费。联系电话13800001234。',
    finance,
    reconciliation: finance ? reconcile(finance) : null,
    relief: null,
    attachments: [],
    links: [],
    correctionReason: null,
    flags,
    unresolved: flags.filter((f) => f.decision === null).length,
    preview: { title: '2026年第三季度社区财务收支', body: '支付张某保洁费。联系电话138****1234。' },
    updatedAt: bj(2026, 10, 12, 9),
    byName: '李秀英',
    ...over,
  };
}

export function version(over: Partial<VersionView> = {}): VersionView {
  return {
    number: 1,
    title: '2026年第三季度社区财务收支',
    periodLabel: '2026年第三季度',
    body: '支付张某保洁费。',
    finance: books,
    financeText: '期初10,000.00元 + 收入5,000.00元 − 支出3,200.00元 = 11,800.00元，与期末余额一致',
    relief: null,
    attachments: [],
    links: [{ kind: 'resolution', refId: 'res-1', title: '增设快递柜' }],
    reason: null,
    publishedAt: bj(2026, 10, 10, 15),
    publishedByName: '王书记',
    superseded: false,
    supersededAt: null,
    ...over,
  };
}

export function opinion(over: Partial<OpinionView> = {}): OpinionView {
  return {
    opinionId: 'op-1',
    versionNumber: 1,
    stance: 'objection',
    stanceLabel: '有异议',
    text: '保洁费比上季度高出一倍，请说明。',
    memberName: '赵监督',
    at: bj(2026, 10, 11, 9),
    response: null,
    ...over,
  };
}

export function question(over: Partial<QuestionView> = {}): QuestionView {
  return {
    questionId: 'q-1',
    itemId: 'item-1',
    itemTitle: '2026年第三季度社区财务收支',
    versionNumber: 1,
    askerText: '刘某',
    mine: false,
    text: '办公用品为什么要200元？',
    askedAt: bj(2026, 10, 8, 10),
    dueAt: bj(2026, 10, 18, 10),
    overdue: false,
    state: 'open',
    answer: null,
    ...over,
  };
}

const STAFF_DRAFT_ACTIONS: ActionName[] = ['disclosure.get', 'disclosure.draft', 'disclosure.review', 'disclosure.publish'];

/** An item with a draft (first publication unless `currentNumber` says otherwise). */
export function draftItem(over: Partial<ItemView> = {}, d: Partial<DraftView> = {}): ItemView {
  return {
    itemId: 'item-1',
    categoryKey: 'finance',
    categoryLabel: '财务收支',
    state: 'draft',
    stateLabel: '草稿',
    shown: null,
    currentNumber: 0,
    versions: [],
    opinions: [],
    objectionBanner: null,
    questions: [],
    source: null,
    dueAt: bj(2026, 10, 16),
    draft: draft(d),
    allowedActions: STAFF_DRAFT_ACTIONS,
    ...over,
  };
}

/** A published item with no correction under way. */
export function publishedItem(over: Partial<ItemView> = {}): ItemView {
  return {
    itemId: 'item-1',
    categoryKey: 'finance',
    categoryLabel: '财务收支',
    state: 'published',
    stateLabel: '已公开',
    shown: version(),
    currentNumber: 1,
    versions: [{ number: 1, publishedAt: bj(2026, 10, 10, 15), reason: null, superseded: false }],
    opinions: [],
    objectionBanner: null,
    questions: [],
    source: null,
    dueAt: null,
    draft: null,
    allowedActions: ['disclosure.get', 'disclosure.correct', 'disclosure.respond'],
    ...over,
  };
}

export function committee(over: Partial<CommitteeView> = {}): CommitteeView {
  return {
    termId: 'term_c1_2024-01-01',
    chosenBy: 'residentsMeeting',
    chosenByLabel: '居民会议推选',
    meeting: null,
    startsOn: '2024-01-01',
    endsOn: '2028-12-31',
    current: true,
    members: [
      { name: '赵监督', position: 'chair', positionLabel: '主任', onApp: true, isMe: false },
      { name: '钱大爷', position: 'member', positionLabel: '委员', onApp: false, isMe: false },
    ],
    past: [],
    ...over,
  };
}
