/** The three rates as a street office reads them, on hand-made records. */
import type { ConcernRecord } from '../../../../../cloudfunctions/lib/features/concern/records';
import { rank, summarize } from '../../../../../cloudfunctions/lib/features/concern/stats';

const H = 3600_000;
let n = 0;
function concern(over: Partial<ConcernRecord>): ConcernRecord {
  n += 1;
  return {
    _id: `c${n}`, communityId: 'x', number: `N${n}`, authorId: 'a', householdId: 'h', buildingId: 'b', buildingName: 'B', gridId: 'g',
    category: 'k', categoryName: 'K', contactHours: 24, resolveDays: 7, text: 't', photos: [], hideName: false, authorName: null,
    status: 'dispatched', assigneeId: null, routedVia: 'workerA', firstResponderId: null, acceptedAt: null, respondedInTime: null,
    moderation: 'pass', contactDueAt: 24 * H, resolveDueAt: 7 * 24 * H, pausedAt: null, resumeStatus: null, whistle: null,
    resolution: null, firstResolvedAt: null, rating: null, rateDueAt: null, round: 0, escalationLevel: 0, overdue: false,
    mergedInto: null, followerIds: [], closedAt: null, closedReason: null, wakeAt: null, version: 1, requestHash: '', createdAt: 0, updatedAt: 0,
    ...over,
  };
}
const rated = (resolved: boolean, satisfaction: number) => ({ status: 'closed' as const, rating: { resolved, satisfaction, comment: null, at: 1, round: 1 } });

describe('response rate', () => {
  it('counts signatures within the contact SLA against those signed or already late', () => {
    const row = summarize('g', 'G', [
      concern({ acceptedAt: H, respondedInTime: true }),
      concern({ acceptedAt: 30 * H, respondedInTime: false }),
      concern({}), // not yet due: not counted either way
    ], 2 * H);
    expect(row.responseRate).toBe(0.5);
    expect(row.medianMinutesToSign).toBe((60 + 1800) / 2);
  });
  it('counts an unsigned concern past its deadline as a miss', () => {
    expect(summarize('g', 'G', [concern({})], 25 * H).responseRate).toBe(0);
  });
});

describe('resolution and satisfaction rates', () => {
  it('treat unrated archives as assessed but not satisfied, and ignore merged duplicates', () => {
    const row = summarize('g', 'G', [
      concern(rated(true, 5)),
      concern(rated(true, 3)),
      concern(rated(false, 1)),
      concern({ status: 'closed', closedReason: 'autoClosed' }),
      concern({ status: 'merged' }),
    ], 0);
    expect(row).toMatchObject({ total: 4, rated: 3, unrated: 1, resolutionRate: 0.5, satisfactionRate: 0.333 });
  });
  it('are null, not zero, when nothing was rated', () => {
    expect(summarize('g', 'G', [concern({})], 0)).toMatchObject({ resolutionRate: null, satisfactionRate: null });
  });
});

describe('ranking', () => {
  it('ranks only groups with at least five concerns, best satisfaction first', () => {
    const big = (s: number) => Array.from({ length: 5 }, () => concern(rated(true, s)));
    const rows = rank([
      summarize('a', 'A', big(3), 0),
      summarize('b', 'B', big(5), 0),
      summarize('c', 'C', [concern(rated(true, 5))], 0),
    ]);
    expect(rows.map((r) => [r.key, r.rank])).toEqual([['a', 2], ['b', 1], ['c', undefined]]);
  });
});
