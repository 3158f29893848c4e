import { routeConcern, isAway } from '../../../../../cloudfunctions/lib/features/concern/routing';

const grid = { workerA: 'A', workerB: 'B', leaderId: 'L' };

describe('the dispatch chain', () => {
  it('starts with worker A', () => {
    expect(routeConcern(grid)).toEqual({ assigneeId: 'A', via: 'workerA' });
  });
  it('skips whoever is away', () => {
    expect(routeConcern(grid, new Set(['A']))).toEqual({ assigneeId: 'B', via: 'workerB' });
    expect(routeConcern(grid, new Set(['A', 'B']))).toEqual({ assigneeId: 'L', via: 'leader' });
  });
  it('continues past the step that missed its deadline, ending at the community pool', () => {
    expect(routeConcern(grid, new Set(), 'workerA')).toEqual({ assigneeId: 'B', via: 'workerB' });
    expect(routeConcern(grid, new Set(), 'leader')).toEqual({ assigneeId: null, via: 'community' });
    expect(routeConcern({ workerA: 'A', workerB: null }, new Set(), 'workerA')).toEqual({ assigneeId: null, via: 'community' });
  });
  it('sends a building without a grid straight to the community', () => {
    expect(routeConcern(null)).toEqual({ assigneeId: null, via: 'community' });
  });
});

describe('away status', () => {
  it('ends at its until time', () => {
    expect(isAway({ away: { since: 0, until: 10 } }, 5)).toBe(true);
    expect(isAway({ away: { since: 0, until: 10 } }, 10)).toBe(false);
    expect(isAway({ away: { since: 0, until: null } }, 1e15)).toBe(true);
    expect(isAway({ away: null }, 0)).toBe(false);
  });
});
