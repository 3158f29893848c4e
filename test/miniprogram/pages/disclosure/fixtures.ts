/**
 * 居务公开 as the server sends it to a resident or a committee member, for the pages' tests.
 * Typed against the contracts, so a fixture cannot drift from what the backend answers.
 */
import type { CategoryView, ItemSummaryView, ItemView, OpinionView, QuestionView, VersionView } from '../../../../miniprogram/core/disclosure/contract';
import type { CommitteeView } from '../../../../miniprogram/core/disclosure/supervision-contract';
import { reconciliationText, type FinanceTable } from '../../../../miniprogram/core/disclosure/finance';

const H = 3600_000;
/** A Beijing wall-clock moment as a UTC instant. */
export const bj = (y: number, m: number, d: number, h = 0, min = 0): number => Date.UTC(y, m - 1, d, h, min) - 8 * H;
export const NOW = bj(2026, 10, 20, 9, 30);

export function category(extra: Partial<CategoryView> = {}): CategoryView {
  return {
    key: 'finance',
    label: '财务收支',
    cadence: { kind: 'quarterly', dueDay: 15 },
    cadenceText: '每季度公开，次季度首月15日前',
    builtin: true,
    publishedCount: 3,
    latest: { itemId: 'ditem_fin3', title: '2026年第三季度财务收支', periodLabel: '2026年第三季度', publishedAt: bj(2026, 10, 12, 10, 0) },
    ...extra,
  };
}

export function summary(extra: Partial<ItemSummaryView> = {}): ItemSummaryView {
  return {
    itemId: 'ditem_fin3',
    title: '2026年第三季度财务收支',
    categoryKey: 'finance',
    categoryLabel: '财务收支',
    periodLabel: '2026年第三季度',
    state: 'published',
    stateLabel: '已公开',
    versionNumber: 1,
    publishedAt: bj(2026, 10, 12, 10, 0),
    openObjections: 0,
    openQuestions: 0,
    hasDraft: false,
    ...extra,
  };
}

export const table: FinanceTable = {
  openingFen: 1_250_000,
  income: [
    { label: '公益性岗位补贴', amountFen: 360_000 },
    { label: '停车位租金', amountFen: 128_050, note: '7月至9月' },
  ],
  expense: [
    { label: '楼道照明维修', amountFen: 86_000, note: '3号楼、4号楼' },
    { label: '绿化养护', amountFen: 150_000 },
  ],
  closingFen: 1_502_050,
};

export function version(extra: Partial<VersionView> = {}): VersionView {
  return {
    number: 1,
    title: '2026年第三季度财务收支',
    periodLabel: '2026年第三季度',
    body: '本季度收支情况如下，原始凭证在社区居委会可查阅。',
    finance: table,
    financeText: reconciliationText(table),
    relief: null,
    attachments: [],
    links: [],
    reason: null,
    publishedAt: bj(2026, 10, 12, 10, 0),
    publishedByName: '王书记',
    superseded: false,
    supersededAt: null,
    ...extra,
  };
}

export function opinion(extra: Partial<OpinionView> = {}): OpinionView {
  return {
    opinionId: 'dop_1',
    versionNumber: 1,
    stance: 'agree',
    stanceLabel: '无异议',
    text: '',
    memberName: '周建平',
    at: bj(2026, 10, 13, 15, 0),
    response: null,
    ...extra,
  };
}

export function question(extra: Partial<QuestionView> = {}): QuestionView {
  return {
    questionId: 'dq_1',
    itemId: 'ditem_fin3',
    itemTitle: '2026年第三季度财务收支',
    versionNumber: 1,
    askerText: '刘某',
    mine: false,
    text: '绿化养护1500元是哪几处？',
    askedAt: bj(2026, 10, 14, 8, 0),
    dueAt: bj(2026, 10, 24, 8, 0),
    overdue: false,
    state: 'open',
    answer: null,
    ...extra,
  };
}

export function item(extra: Partial<ItemView> = {}): ItemView {
  return {
    itemId: 'ditem_fin3',
    categoryKey: 'finance',
    categoryLabel: '财务收支',
    state: 'published',
    stateLabel: '已公开',
    shown: version(),
    currentNumber: 1,
    versions: [{ number: 1, publishedAt: bj(2026, 10, 12, 10, 0), reason: null, superseded: false }],
    opinions: [],
    objectionBanner: null,
    questions: [],
    source: { kind: 'manual', title: '2026年第三季度财务收支' },
    dueAt: bj(2026, 10, 16, 0, 0),
    draft: null,
    allowedActions: ['disclosure.get', 'disclosure.ask'],
    ...extra,
  };
}

/** An item corrected once: v1 superseded by v2, which carries the reason. */
export function corrected(shownNumber: 1 | 2 = 2, extra: Partial<ItemView> = {}): ItemView {
  const v1 = version({ superseded: true, supersededAt: bj(2026, 10, 18, 9, 0) });
  const v2 = version({
    number: 2,
    reason: '停车位租金少记了一个月，已补上',
    publishedAt: bj(2026, 10, 18, 9, 0),
    finance: { ...table, income: [table.income[0], { label: '停车位租金', amountFen: 170_000, note: '7月至9月' }], closingFen: 1_544_000 },
  });
  v2.financeText = reconciliationText(v2.finance!);
  return item({
    shown: shownNumber === 1 ? v1 : v2,
    currentNumber: 2,
    versions: [
      { number: 1, publishedAt: v1.publishedAt, reason: null, superseded: true },
      { number: 2, publishedAt: v2.publishedAt, reason: v2.reason, superseded: false },
    ],
    ...extra,
  });
}

export function committee(extra: Partial<CommitteeView> = {}): CommitteeView {
  return {
    termId: 'term_demo_2026-03-01',
    chosenBy: 'residentsMeeting',
    chosenByLabel: '居民会议推选',
    meeting: { meetingId: 'meeting_0', title: '幸福里社区2026年第一次居民会议' },
    startsOn: '2026-03-01',
    endsOn: '2029-02-28',
    current: true,
    members: [
      { name: '吴秀兰', position: 'member', positionLabel: '委员', onApp: true, isMe: false },
      { name: '周建平', position: 'chair', positionLabel: '主任', onApp: true, isMe: false },
      { name: '郑小红', position: 'member', positionLabel: '委员', onApp: false, isMe: false },
    ],
    past: [{ termId: 'term_demo_2023-03-01', startsOn: '2023-03-01', endsOn: '2026-02-28', chosenByLabel: '居民代表会议推选' }],
    ...extra,
  };
}
