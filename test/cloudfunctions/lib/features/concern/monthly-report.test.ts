/** The speak-up desk's part of 定期评事, on hand-made records with the figures worked out by hand. */
import { concernParts } from '../../../../../cloudfunctions/lib/features/concern/monthly-report';
import type { ConcernRecord } from '../../../../../cloudfunctions/lib/features/concern/records';

const H = 3600_000;
let n = 0;
function concern(over: Partial<ConcernRecord>): ConcernRecord {
  n += 1;
  return {
    _id: `c${n}`, communityId: 'x', number: `N${n}`, authorId: 'a', householdId: 'h', buildingId: 'b', buildingName: 'B', gridId: 'gA',
    category: 'repair', categoryName: '设施维修', contactHours: 24, resolveDays: 7, text: 't', photos: [], hideName: false, authorName: null,
    status: 'dispatched', assigneeId: null, routedVia: 'workerA', firstResponderId: null, acceptedAt: null, respondedInTime: null,
    moderation: 'pass', contactDueAt: 24 * H, resolveDueAt: 7 * 24 * H, pausedAt: null, resumeStatus: null, whistle: null,
    resolution: null, firstResolvedAt: null, rating: null, rateDueAt: null, round: 0, escalationLevel: 0, overdue: false,
    mergedInto: null, followerIds: [], closedAt: null, closedReason: null, wakeAt: null, version: 1, requestHash: '', createdAt: 0, updatedAt: 0,
    ...over,
  };
}
const signed = (by: string, inTime: boolean) => ({ firstResponderId: by, acceptedAt: H, respondedInTime: inTime, signedInWindow: inTime });
const rated = (resolved: boolean, satisfaction: number) => ({ status: 'closed' as const, rating: { resolved, satisfaction, comment: null, at: 1, round: 1 } });

/**
 * Grid A, 12 concerns, all signed by w1: 10 in time; 10 rated (8 resolved, 7 with 4–5 stars),
 * 2 archived unrated. Grid B, 3 concerns signed in time by w2, 1 rated resolved 5 stars.
 * One merged duplicate in grid A counts nowhere.
 */
function month(): ConcernRecord[] {
  const a: ConcernRecord[] = [];
  for (let i = 0; i < 12; i += 1) {
    const rating = i < 10 ? rated(i < 8, i < 7 ? 5 : 2) : { status: 'closed' as const, closedReason: 'autoClosed' as const };
    a.push(concern({ ...signed('w1', i >= 2), ...rating, category: i < 6 ? 'repair' : 'clean', categoryName: i < 6 ? '设施维修' : '环境卫生' }));
  }
  const b = [concern({ gridId: 'gB', ...signed('w2', true), ...rated(true, 5), category: 'noise', categoryName: '噪音扰民' }), concern({ gridId: 'gB', ...signed('w2', true) }), concern({ gridId: 'gB', ...signed('w2', true), category: 'clean', categoryName: '环境卫生' })];
  return [...a, ...b, concern({ status: 'merged' })];
}
const names = { grids: new Map([['gA', '第一网格'], ['gB', '第二网格']]), staff: new Map([['w1', '李秀英'], ['w2', '张建国']]) };

describe('the three rates per grid carry their numerator and denominator', () => {
  const [rates] = concernParts(month(), 100 * H, names);
  it('gives the community 13/15 responded, 9/13 resolved, 8/11 satisfied', () => {
    expect(rates.figures).toEqual([
      { label: '诉求总数', value: 15, text: '15件' },
      { label: '响应率', value: 13, of: 15, text: '13/15（86%）' },
      { label: '解决率', value: 9, of: 13, text: '9/13（69%）' },
      { label: '满意率', value: 8, of: 11, text: '8/11（72%）' },
    ]);
  });
  it('shows grid A’s rates and hides grid B’s behind its sample', () => {
    expect(rates.table?.rows).toEqual([
      ['第一网格', '12', '10/12（83%）', '8/12（66%）', '7/10（70%）'],
      ['第二网格', '3', '样本不足（n=3）', '样本不足（n=1）', '样本不足（n=1）'],
    ]);
  });
});

describe('per worker, by staff name, with samples', () => {
  it('names the two workers and hides the small sample', () => {
    const workers = concernParts(month(), 100 * H, names)[1];
    expect(workers.table?.rows).toEqual([
      ['李秀英', '12', '10/12（83%）', '8/12（66%）', '7/10（70%）'],
      ['张建国', '3', '样本不足（n=3）', '样本不足（n=1）', '样本不足（n=1）'],
    ]);
  });
});

describe('the top categories', () => {
  it('orders categories by count with their share, at most five', () => {
    const categories = concernParts(month(), 100 * H, names)[2];
    expect(categories.table?.rows).toEqual([['环境卫生', '7', '46%'], ['设施维修', '7', '46%'], ['噪音扰民', '1', '6%']]);
    const many = Array.from({ length: 7 }, (_, i) => concern({ category: `k${i}`, categoryName: `分类${i}` }));
    expect(concernParts(many, 0, names)[2].figures).toHaveLength(5);
  });
});
