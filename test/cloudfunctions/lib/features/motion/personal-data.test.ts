/**
 * A person's motions and supports are theirs: in their data download, and on account
 * deletion the motion stays for the community — its mover becomes 「已注销用户」 — and their
 * support stays counted, pointing at nobody.
 */
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { DAY, getMotion, propose } from './motions';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const count = (n: number) => h.ok('demo-admin', 'motion.configure', { supportUnit: 'household', threshold: { kind: 'count', count: n }, supportDays: 30, answerDays: 15 });

describe('download my data', () => {
  it('lists the motions I proposed and the ones I supported, not my neighbours’', async () => {
    await count(5);
    const mine = await propose(h);
    const theirs = await propose(h, 'demo-resident-2', { title: '规范小区内车辆停放秩序' });
    await h.ok('demo-resident-1', 'motion.support', { motionId: theirs.id });
    await h.ok('demo-resident-2', 'motion.support', { motionId: mine.id });
    const data = await h.ok<{ motions: Array<{ title: string; moverName: string }>; motionSupports: Array<{ motion: string }> }>('demo-resident-1', 'privacy.export');
    expect(data.motions).toEqual([expect.objectContaining({ title: mine.title, moverName: '刘阿姨', status: '征集附议中' })]);
    expect(data.motionSupports).toEqual([{ motion: '规范小区内车辆停放秩序', supportedAt: h.clock.now(), perHousehold: true }]);
  });
});

describe('deleting my account', () => {
  it('keeps my motion with its mover 已注销用户 and my support counted', async () => {
    await count(5);
    const mine = await propose(h);
    const theirs = await propose(h, 'demo-resident-2', { title: '规范小区内车辆停放秩序' });
    await h.ok('demo-resident-1', 'motion.support', { motionId: theirs.id });
    await h.ok('demo-resident-1', 'privacy.requestDeletion', { confirm: true });
    h.clock.advance(8 * DAY);
    expect((await runSweep(h.deps)).jobs.deletions).toEqual({ deleted: 1 });
    const kept = await getMotion(h, mine.id, 'demo-resident-2');
    expect(kept).toMatchObject({ title: mine.title, body: mine.body, moverName: '已注销用户' });
    expect((await getMotion(h, theirs.id)).supports).toBe(1);
    const raw = JSON.stringify([await h.deps.store.get('motions', mine.id), ...(await h.deps.store.query('motionSupports', { where: { communityId: 'demo', motionId: theirs.id }, orderBy: { field: '_id', dir: 'asc' }, limit: 10 })).items]);
    expect(raw).not.toContain('刘阿姨');
    expect(raw).not.toContain(member('demo-resident-1'));
  });
});
