/**
 * The motions' clock, driven by an injected clock and the sweep: a motion short of its
 * threshold expires when support ends (its mover told); one past its threshold but neither
 * scheduled nor answered is chased every three days, escalated after the second chase; and
 * a count left short by a crash is recounted from the support records.
 */
import type { MotionView } from '../../../../../miniprogram/core/council/motion-contract';
import { addHouseholds } from '../../../../support/polls';
import { createHarness, type Harness } from '../../../../support/harness';
import { adminTitles, DAY, getMotion, HOUR, inbox, motionClock, propose } from './motions';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const count = (threshold: number, supportDays = 30, answerDays = 15) => h.ok('demo-admin', 'motion.configure', { supportUnit: 'household', threshold: { kind: 'count', count: threshold }, supportDays, answerDays });
const support = (who: string, id: string) => h.ok<MotionView>(who, 'motion.support', { motionId: id });

describe('a motion short of its threshold expires when its support period ends', () => {
  it('stays collecting until then, then expires and tells its mover', async () => {
    await count(3, 10);
    const m = await propose(h);
    await support('demo-resident-2', m.id);
    h.clock.advance(10 * DAY - HOUR);
    await motionClock(h);
    expect((await getMotion(h, m.id)).status).toBe('collecting');
    h.clock.advance(HOUR);
    expect((await motionClock(h)).expired).toBe(1);
    expect(await getMotion(h, m.id)).toMatchObject({ status: 'expired', statusLabel: '附议期满未达标', supports: 1 });
    const told = await inbox(h, 'demo-resident-1');
    expect(told.find((x) => x.kind === 'motion.expired')?.body).toBe('「在小区东门加装非机动车充电桩」附议期已结束：1户附议，需3户。');
    // A second sweep finds nothing left to do.
    expect((await motionClock(h)).expired).toBe(0);
    expect((await inbox(h, 'demo-resident-1')).filter((x) => x.kind === 'motion.expired')).toHaveLength(1);
  });
  it('is listed under closed afterwards, not open', async () => {
    await count(3, 10);
    const m = await propose(h);
    h.clock.advance(10 * DAY);
    await motionClock(h);
    const open = await h.ok<{ items: MotionView[] }>('demo-resident-2', 'motion.list', { when: 'open' });
    const closed = await h.ok<{ items: MotionView[] }>('demo-resident-2', 'motion.list', { when: 'closed' });
    expect(open.items.map((x) => x.id)).not.toContain(m.id);
    expect(closed.items.map((x) => x.id)).toContain(m.id);
  });
});

describe('a motion past its threshold and past its answer deadline is chased', () => {
  it('chases the admins at the deadline and every three days, escalating from the third chase', async () => {
    await count(2, 30, 15);
    const m = await propose(h);
    await support('demo-resident-1', m.id);
    await support('demo-resident-2', m.id);
    h.clock.advance(15 * DAY - HOUR);
    expect((await motionClock(h)).chased).toBe(0);
    expect((await getMotion(h, m.id)).overdue).toBe(false);
    h.clock.advance(2 * HOUR);
    expect((await motionClock(h)).chased).toBe(1);
    expect(await getMotion(h, m.id)).toMatchObject({ status: 'thresholdMet', overdue: true });
    expect(await adminTitles(h)).toContain('议题逾期未上会或答复：在小区东门加装非机动车充电桩');
    // Not again the same day.
    h.clock.advance(DAY);
    expect((await motionClock(h)).chased).toBe(0);
    h.clock.advance(2 * DAY);
    expect((await motionClock(h)).chased).toBe(1);
    h.clock.advance(3 * DAY);
    const third = await motionClock(h);
    expect(third).toMatchObject({ chased: 0, escalated: 1 });
    const titles = await adminTitles(h);
    expect(titles.filter((t) => t === '议题逾期未上会或答复：在小区东门加装非机动车充电桩')).toHaveLength(2);
    expect(titles).toContain('督办：议题逾期未上会或答复（第3次）');
  });
  it('stops chasing once the motion is answered', async () => {
    await count(2, 30, 15);
    const m = await propose(h);
    await support('demo-resident-1', m.id);
    await support('demo-resident-2', m.id);
    h.clock.advance(16 * DAY);
    await motionClock(h);
    await h.ok('demo-admin', 'motion.answer', { motionId: m.id, kind: 'declined', reason: '该事项属于业主大会决定事项，已建议业委会召集业主大会。' });
    h.clock.advance(3 * DAY);
    const run = await motionClock(h);
    expect(run.chased + run.escalated).toBe(0);
  });
});

describe('a count left short by a crash is recounted from the support records', () => {
  it('restores the count and meets the threshold the lost increment hid', async () => {
    await count(3);
    const [n] = await addHouseholds(h, [{ building: '1号楼', room: '901', people: 1 }]);
    const m = await propose(h);
    await support('demo-resident-1', m.id);
    await support('demo-resident-2', m.id);
    h.clock.advance(6 * HOUR);
    // A support written whose increment never happened (the function died in between).
    await h.deps.store.insert('motionSupports', { _id: `ms_${m.id}_${n.householdId}`, communityId: 'demo', motionId: m.id, unitKey: n.householdId, householdId: n.householdId, memberId: 'm_crashed', memberName: '邻居1号', createdAt: h.clock.now() });
    expect((await getMotion(h, m.id)).supports).toBe(2);
    // Too fresh to recount: its increment might still be on its way.
    expect((await motionClock(h)).recounted).toBe(0);
    expect((await getMotion(h, m.id)).supports).toBe(2);
    h.clock.advance(6 * HOUR);
    const run = await motionClock(h);
    expect(run.recounted).toBe(1);
    expect(await getMotion(h, m.id)).toMatchObject({ supports: 3, status: 'thresholdMet' });
    expect((await inbox(h, 'admins:demo')).filter((x) => x.kind === 'motion.thresholdMet')).toHaveLength(1);
  });
  it('leaves a count that is right alone', async () => {
    await count(5);
    const m = await propose(h);
    await support('demo-resident-2', m.id);
    h.clock.advance(6 * HOUR);
    expect((await motionClock(h)).recounted).toBe(0);
    expect((await getMotion(h, m.id)).supports).toBe(1);
  });
});
