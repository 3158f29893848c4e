/** The three rates as a street office reads them, on hand-made records. */
import type { ConcernRecord } from '../../../../../cloudfunctions/lib/features/concern/records';
import { byPerson, rank, summarize } from '../../../../../cloudfunctions/lib/features/concern/stats';

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

describe('per person, each missed clock is charged to whoever held the item', () => {
  const label = (k: string) => ({ a: '李秀英', b: '赵丽', pool: '社区统一受理', unsigned: '尚未签收' })[k] ?? k;
  // A let the contact window run out; B got the item with a window of her own and signed in it.
  const rescued = () =>
    concern({ status: 'accepted', firstResponderId: 'b', acceptedAt: 30 * H, respondedInTime: false, signedInWindow: true, clockMisses: [{ clock: 'contact', holderId: 'a', round: 0, at: 24 * H }] });

  it('charges the miss to the one who let it run out, not to the one who rescued it', () => {
    const rows = byPerson([rescued(), concern({ status: 'accepted', firstResponderId: 'a', acceptedAt: H, respondedInTime: true, signedInWindow: true })], 40 * H, label);
    const a = rows.find((r) => r.key === 'a')!;
    const b = rows.find((r) => r.key === 'b')!;
    expect(a).toMatchObject({ total: 2, responseRate: 0.5, missedClocks: 1 });
    expect(b).toMatchObject({ total: 1, responseRate: 1, missedClocks: 0 });
  });

  it('shows the community pool and never-signed items as rows that are nobody, never ranked', () => {
    const pool = Array.from({ length: 6 }, () => concern({ clockMisses: [{ clock: 'contact', holderId: null, round: 0, at: 24 * H }] }));
    const rows = rank(byPerson(pool, 40 * H, label));
    expect(rows.map((r) => [r.key, r.person, r.rank])).toEqual([
      ['pool', false, undefined],
      ['unsigned', false, undefined],
    ]);
    expect(rows.find((r) => r.key === 'unsigned')!.total).toBe(6);
  });

  it('counts a resolve clock that ran out against the holder at the time', () => {
    const late = concern({ status: 'accepted', firstResponderId: 'a', acceptedAt: H, respondedInTime: true, signedInWindow: true, assigneeId: 'b', clockMisses: [{ clock: 'resolve', holderId: 'b', round: 0, at: 8 * 24 * H }] });
    const rows = byPerson([late], 9 * 24 * H, label);
    expect(rows.find((r) => r.key === 'a')).toMatchObject({ missedClocks: 0, responseRate: 1 });
    expect(rows.find((r) => r.key === 'b')).toMatchObject({ missedClocks: 1, total: 1, responseRate: null });
  });

  it('ranks people with enough cases, keeping the minimum sample', () => {
    const many = (who: string, s: number, k: number) => Array.from({ length: k }, () => concern({ ...rated(true, s), firstResponderId: who, respondedInTime: true, signedInWindow: true }));
    const rows = rank(byPerson([...many('a', 5, 5), ...many('b', 3, 5), ...many('c', 5, 4)], 0, label));
    expect(rows.map((r) => [r.key, r.rank])).toEqual([['a', 1], ['b', 2], ['c', undefined]]);
  });
});

describe('grid × month', () => {
  it('ranks grids against each other within the same month only', () => {
    const five = (s: number) => Array.from({ length: 5 }, () => concern(rated(true, s)));
    const rows = rank(
      [summarize('g1|2026-10', 'A', five(5), 0), summarize('g2|2026-10', 'B', five(3), 0), summarize('g2|2026-11', 'C', five(2), 0)],
      (r) => r.key.split('|')[1],
    );
    expect(rows.map((r) => [r.key, r.rank])).toEqual([['g1|2026-10', 1], ['g2|2026-10', 2], ['g2|2026-11', 1]]);
  });
});
