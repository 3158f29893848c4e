/** An overview as insight.overview answers it for grid 1 in November 2026 (the hand count of the backend test). */
import type { CaseView, InsightOverview, MonthlyTopicView } from '../../../../../miniprogram/core/insight/contract';

export const OVERVIEW: InsightOverview = {
  month: '2026-11',
  months: ['2026-08', '2026-09', '2026-10', '2026-11'],
  monthLabels: ['8月', '9月', '10月', '11月'],
  buildings: [{ id: 'b1', name: '1号楼', gridId: 'g1' }, { id: 'b2', name: '2号楼', gridId: 'g1' }],
  categories: [{ id: 'cat_demo_safety', name: '安全隐患' }, { id: 'cat_demo_repair', name: '设施维修' }, { id: 'cat_demo_environment', name: '环境卫生' }],
  cells: [
    { buildingId: 'b1', category: 'cat_demo_repair', count: 4, shade: 4, drill: { month: '2026-11', buildingId: 'b1', category: 'cat_demo_repair', figure: 'raised' } },
    { buildingId: 'b2', category: 'cat_demo_repair', count: 1, shade: 1, drill: { month: '2026-11', buildingId: 'b2', category: 'cat_demo_repair', figure: 'raised' } },
  ],
  byCategory: [
    { category: 'cat_demo_repair', name: '设施维修', counts: [0, 2, 1, 5], thisMonth: 5, prevTotal: 3, trend: 'up', trendText: '上升：本月5，前3月平均1.0', rank: 1, bar: 100, drill: { month: '2026-11', category: 'cat_demo_repair', figure: 'raised' } },
  ],
  raised: { value: 5, of: null, n: 5, text: '5件', drill: { month: '2026-11', figure: 'raised' } },
  firstResponse: { value: 2, of: 5, n: 2, medianMinutes: 60, text: '中位1.0小时（已签收2/5，40%）', drill: { month: '2026-11', figure: 'responded' } },
  repeatReporters: { value: 1, of: 2, n: 5, text: '1/2人（50%，5件）', drill: null },
  visitTopics: 0,
  minSample: 5,
  scopeText: '本人网格（1号楼、2号楼）',
  truncated: false,
};

export const TOPIC: MonthlyTopicView = {
  month: '2026-11',
  topic: { category: 'cat_demo_repair', title: '楼道照明' },
  owner: { memberId: 'm_grid1', name: '李秀英' },
  target: '月底前1—4号楼楼道灯全部可用',
  milestones: [
    { index: 0, title: '全面排查', dueAt: Date.UTC(2026, 10, 10, 4), doneAt: Date.UTC(2026, 10, 9, 4), note: '坏灯23盏', overdue: false },
    { index: 1, title: '更换完毕', dueAt: Date.UTC(2026, 10, 25, 4), doneAt: null, note: null, overdue: true },
  ],
  progress: { done: 1, of: 2, text: '1/2个节点完成' },
  setAt: Date.UTC(2026, 10, 1, 2),
  canEdit: true,
};

export const CASE: CaseView = {
  caseId: 'icase_1', state: 'proposed', stateLabel: '待研判', buildingId: 'b1', buildingName: '1号楼', gridId: 'g1', category: 'cat_demo_repair', categoryName: '设施维修',
  title: '1号楼 · 设施维修', reason: '30天内3件（3件起提示）', itemCount: 3,
  items: [1, 2, 3].map((n) => ({ source: 'concern' as const, id: `c${n}`, ref: `20261128-000${n}`, at: Date.UTC(2026, 10, 28, 2, n), page: `/staff/concern/index?id=c${n}` })),
  windowFrom: Date.UTC(2026, 9, 29, 2), windowTo: Date.UTC(2026, 10, 28, 3), proposedAt: Date.UTC(2026, 10, 28, 3),
  decision: null, closed: null, allowedActions: ['insight.decideCase'],
};
