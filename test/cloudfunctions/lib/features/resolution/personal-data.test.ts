/** What a resolution holds of a resident: that they follow it. Exported as such, and gone with their account. */
import type { Page } from '../../../../../miniprogram/core/action';
import type { ResolutionView } from '../../../../../miniprogram/core/council/resolution-contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { member, type Harness } from '../../../../support/harness';
import { createHarness, motionFromConcern, seedResolution } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('download my data', () => {
  it('lists the resolutions I follow and why, and nobody else’s', async () => {
    const { motionId } = await motionFromConcern(h, { author: 'demo-resident-1', mover: 'demo-resident-2' });
    await seedResolution(h, { motionId });
    const mine = await h.ok<Record<string, unknown>>('demo-resident-1', 'privacy.export');
    expect(mine.resolutionFollows).toEqual([{ resolution: '在东门增设快递柜', why: '我反映的诉求', since: h.clock.now() }]);
    const mover = await h.ok<Record<string, unknown>>('demo-resident-2', 'privacy.export');
    expect(mover.resolutionFollows).toEqual([{ resolution: '在东门增设快递柜', why: '我提出的议题', since: h.clock.now() }]);
  });
});

describe('deleting my account', () => {
  it('removes my follow records; the resolution stays the community’s', async () => {
    const { motionId } = await motionFromConcern(h, { author: 'demo-resident-1', mover: 'demo-resident-2' });
    const r = await seedResolution(h, { motionId });
    await h.ok('demo-resident-2', 'privacy.requestDeletion', { confirm: true });
    h.clock.advance(8 * DAY);
    await runSweep(h.deps);
    const follows = await h.deps.store.query('resolutionFollows', { where: { communityId: 'demo', resolutionId: r._id }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 10 });
    expect(follows.items.map((f) => f.memberId)).toEqual([member('demo-resident-1')]);
    expect((await h.ok<Page<ResolutionView>>('demo-resident-1', 'resolution.list', { when: 'mine' })).items.map((i) => i.id)).toEqual([r._id]);
    expect(await h.deps.store.get('resolutions', r._id)).toMatchObject({ title: '在东门增设快递柜' });
  });
});
