/**
 * Support: one per household (or per adult), however many presses arrive at once; the
 * threshold is crossed once under a race, with one task for the admins; and who may not
 * support is refused in the words that say why.
 */
import type { MotionView } from '../../../../../miniprogram/core/council/motion-contract';
import { addFamily, addHouseholds } from '../../../../support/polls';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { DAY, getMotion, inbox, propose } from './motions';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const count = (threshold: number) => h.ok('demo-admin', 'motion.configure', { supportUnit: 'household', threshold: { kind: 'count', count: threshold }, supportDays: 30, answerDays: 15 });
const support = (who: string, id: string) => h.ok<MotionView>(who, 'motion.support', { motionId: id });
const supportRecords = async (id: string) =>
  (await h.deps.store.query('motionSupports', { where: { communityId: 'demo', motionId: id }, orderBy: { field: '_id', dir: 'asc' }, limit: 100 })).items;

describe('one support per household', () => {
  it('counts 刘阿姨’s household once, and her son sees that his mother supported it', async () => {
    await count(5);
    await addFamily(h);
    const m = await propose(h, 'demo-resident-2');
    const mine = await support('demo-resident-1', m.id);
    expect(mine).toMatchObject({ supports: 1, supportedByMe: true, supportedByName: '刘阿姨', supportText: '已有1户附议，需5户' });
    expect(mine.allowedActions).not.toContain('motion.support');
    const son = await support('demo-family-1', m.id);
    expect(son).toMatchObject({ supports: 1, supportedByMe: true, supportedByName: '刘阿姨' });
    // Another household sees the count, never who in 刘阿姨’s household pressed.
    const other = await getMotion(h, m.id, 'demo-resident-2');
    expect(other).toMatchObject({ supports: 1, supportedByMe: false, supportedByName: null });
  });
  it('stays one support and a count of 1 under 100 parallel presses from one household', async () => {
    await count(5);
    await addFamily(h);
    const m = await propose(h, 'demo-resident-2');
    const presses = Array.from({ length: 100 }, (_, i) => h.call(i % 2 ? 'demo-family-1' : 'demo-resident-1', 'motion.support', { motionId: m.id }));
    const results = await Promise.all(presses);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await supportRecords(m.id)).toHaveLength(1);
    expect((await getMotion(h, m.id)).supports).toBe(1);
  });
});

describe('crossing the threshold under a race moves the motion once and tells the admins once', () => {
  it('makes one thresholdMet transition and one 须上会或答复 task from 100 households supporting at once (threshold 50)', async () => {
    await count(50);
    const neighbours = await addHouseholds(h, Array.from({ length: 100 }, (_, i) => ({ building: i % 2 ? '1号楼' : '3号楼', room: String(1001 + i), people: 1 })));
    const m = await propose(h, 'demo-grid-1');
    const results = await Promise.all(neighbours.map((n) => h.call(n.openids[0], 'motion.support', { motionId: m.id })));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const after = await getMotion(h, m.id);
    expect(after).toMatchObject({ status: 'thresholdMet', statusLabel: '附议已达标，待安排上会', supports: 100, threshold: 50 });
    expect(after.thresholdMetAt).toBe(h.clock.now());
    expect(after.answerDueAt).toBe(h.clock.now() + 15 * DAY);
    // One step of its version: a second winner of the race would have moved it again.
    expect((await h.deps.store.get('motions', m.id))?.version).toBe(2);
    const tasks = (await inbox(h, 'admins:demo')).filter((x) => x.kind === 'motion.thresholdMet');
    expect(tasks).toHaveLength(1);
    expect(tasks[0].title).toBe('须上会或答复：在小区东门加装非机动车充电桩');
    const events = await h.deps.store.query<{ _id: string; type: string }>('events', { where: { communityId: 'demo', subject: `motion:${m.id}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 });
    expect(events.items.filter((e) => e.type === 'motion.thresholdMet')).toHaveLength(1);
  });
  it('is met by the support that reaches it, not before', async () => {
    await count(2);
    await addFamily(h, 'demo-family-2', '102');
    const m = await propose(h, 'demo-grid-1');
    expect((await support('demo-resident-1', m.id)).status).toBe('collecting');
    const met = await support('demo-resident-2', m.id);
    expect(met).toMatchObject({ status: 'thresholdMet', supportText: '已有2户附议（需2户），已达标' });
    // Support goes on after the threshold; the count is the community's to see.
    expect(await support('demo-family-2', m.id)).toMatchObject({ status: 'thresholdMet', supports: 3 });
  });
});

describe('per person: one support per adult, minors left out', () => {
  it('counts 刘阿姨 and her son apart, and refuses a child staff marked as a minor', async () => {
    await h.ok('demo-admin', 'motion.configure', { supportUnit: 'person', threshold: { kind: 'count', count: 10 }, supportDays: 30, answerDays: 15 });
    await addFamily(h);
    await addFamily(h, 'demo-child-1');
    const householdId = (await h.deps.store.get('members', member('demo-resident-1')))?.householdId as string;
    await h.deps.store.insert('householdRolls', { _id: `hr_${householdId}`, communityId: 'demo', householdId, representativeId: null, minorIds: [member('demo-child-1')], version: 1, updatedAt: h.clock.now(), updatedBy: member('demo-admin') });
    const m = await propose(h, 'demo-resident-2');
    expect(m).toMatchObject({ supportUnit: 'person', supportText: '已有0人附议，需10人' });
    await support('demo-resident-1', m.id);
    const son = await support('demo-family-1', m.id);
    // Per person the son's support is his own: his mother's does not make it his.
    expect(son).toMatchObject({ supports: 2, supportedByMe: true });
    expect(son.supportedByName).not.toBe('刘阿姨');
    expect(await h.call('demo-child-1', 'motion.support', { motionId: m.id })).toMatchObject({ error: { code: 'FORBIDDEN', message: '附议须年满18周岁' } });
    expect((await getMotion(h, m.id)).supports).toBe(2);
  });
});

describe('who may not support', () => {
  it('hides a building’s motion from a resident of another building (NOT_FOUND)', async () => {
    const m = await propose(h, 'demo-resident-2', { buildingIds: [h.ids['3号楼']] });
    expect(await h.call('demo-resident-1', 'motion.support', { motionId: m.id })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await h.call('demo-resident-1', 'motion.get', { motionId: m.id })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
  it('refuses a volunteer with no household: they see a community motion but are not on its roll (FORBIDDEN)', async () => {
    const m = await propose(h);
    const seen = await getMotion(h, m.id, 'demo-volunteer-1');
    expect(seen.allowedActions).not.toContain('motion.support');
    expect(await h.call('demo-volunteer-1', 'motion.support', { motionId: m.id })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
  it('refuses staff, who do not support', async () => {
    const m = await propose(h);
    expect(await h.call('demo-grid-1', 'motion.support', { motionId: m.id })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
  it('is CLOSED once the support period has ended', async () => {
    const m = await propose(h);
    h.clock.advance(30 * DAY);
    expect(await h.call('demo-resident-2', 'motion.support', { motionId: m.id })).toMatchObject({ error: { code: 'CLOSED', message: '附议期已结束' } });
  });
  it('is CLOSED once the motion was answered', async () => {
    await count(5);
    const m = await propose(h);
    await h.ok('demo-admin', 'motion.answer', { motionId: m.id, kind: 'handled', reason: '物业已在东门安装充电桩，本月底投入使用。' });
    expect(await h.call('demo-resident-2', 'motion.support', { motionId: m.id })).toMatchObject({ error: { code: 'CLOSED' } });
  });
  it('is NOT_FOUND from another community', async () => {
    const m = await propose(h);
    expect(await h.call('other-admin', 'motion.get', { motionId: m.id })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
