import { instanceState, supersede } from '../../../miniprogram/services/page-state';

describe('per-instance page state', () => {
  it('is created once per owner and kept apart between owners', () => {
    const state = instanceState(() => ({ n: 0 }));
    const a = {};
    const b = {};
    state(a).n += 1;
    state(a).n += 1;
    expect(state(a).n).toBe(2);
    expect(state(b).n).toBe(0);
  });
});

describe('a reload supersedes a load-more in flight', () => {
  it('frees the list for the next load-more and makes the old answer stale', () => {
    const run = { gen: 3, busy: true };
    const gen = supersede(run);
    expect(gen).toBe(4);
    expect(run).toEqual({ gen: 4, busy: false });
    // The load-more that started at generation 3 sees it is stale.
    expect(3 === run.gen).toBe(false);
  });
});
