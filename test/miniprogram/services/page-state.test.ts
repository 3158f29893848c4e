import { instanceState } from '../../../miniprogram/services/page-state';

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
