/**
 * What meetings and resolutions do to a motion (motion/schedule.ts): put on an agenda,
 * decided, and followed to its resolution — each step seen on the motion and by the
 * resident whose concern it came from; retries change nothing twice.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { linkMotionResolution, motionResolutionProgress, recordMotionDecision, scheduleMotion } from '../../../../../cloudfunctions/lib/features/motion/schedule';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { DAY, getMotion, inbox, propose } from './motions';

let h: Harness;
let db: ScopedStore;
beforeEach(async () => {
  h = await createHarness();
  db = new ScopedStore(h.deps.store, 'demo');
});
afterEach(() => h.close());

const at = () => ({ meetingId: 'mt_1', title: '十二月居民议事会', startsAt: h.clock.now() + 3 * DAY, itemId: 'i1' });

async function fromConcern() {
  const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道里电动车充电，晚上插线板冒过火花，太危险了。' }, key());
  const m = await propose(h, 'demo-grid-1', { fromConcernId: c.id });
  return { c, m };
}

describe('a motion put on a meeting’s agenda', () => {
  it('is scheduled, shows the meeting, and the concern’s author is told', async () => {
    const { c, m } = await fromConcern();
    const scheduled = await scheduleMotion(db, m.id, at(), h.clock.now());
    expect(scheduled).toMatchObject({ status: 'scheduled', meetingId: 'mt_1', itemId: 'i1' });
    const v = await getMotion(h, m.id, 'demo-resident-2');
    expect(v).toMatchObject({ status: 'scheduled', statusLabel: '已列入会议议程' });
    expect(v.links.meeting).toEqual({ meetingId: 'mt_1', title: '十二月居民议事会', startsAt: at().startsAt, itemStatusLabel: '待审议' });
    expect(v.allowedActions).toEqual(['motion.get']);
    expect((await inbox(h, 'demo-resident-1')).map((x) => x.title)).toContain('议题已列入会议议程');
    expect((await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id })).motion?.statusLabel).toBe('已列入会议议程');
  });
  it('returns the same on a retry and tells nobody twice', async () => {
    const m = await propose(h);
    await scheduleMotion(db, m.id, at(), h.clock.now());
    await scheduleMotion(db, m.id, at(), h.clock.now());
    expect((await inbox(h, 'demo-resident-1')).filter((x) => x.kind === 'motion.scheduled')).toHaveLength(1);
  });
  it('is refused for a motion already answered (CONFLICT on agenda) or unknown (NOT_FOUND)', async () => {
    const m = await propose(h);
    await h.ok('demo-admin', 'motion.answer', { motionId: m.id, kind: 'declined', reason: '该事项属于业主大会决定事项，已建议业委会召集。' });
    await expect(scheduleMotion(db, m.id, at(), h.clock.now())).rejects.toMatchObject({ code: 'CONFLICT', details: { issues: [{ path: 'agenda' }] } });
    await expect(scheduleMotion(db, 'mo_nothing', at(), h.clock.now())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
  it('is no longer answerable or supportable', async () => {
    const m = await propose(h);
    await scheduleMotion(db, m.id, at(), h.clock.now());
    expect(await h.call('demo-admin', 'motion.answer', { motionId: m.id, kind: 'declined', reason: '已经安排上会，不再单独答复处理。' })).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await h.call('demo-resident-2', 'motion.support', { motionId: m.id })).toMatchObject({ error: { code: 'CLOSED' } });
  });
});

describe('a motion decided and followed to its resolution', () => {
  it('shows the vote, the resolution and its progress; the concern’s author hears each step and when it is done', async () => {
    const { m } = await fromConcern();
    await scheduleMotion(db, m.id, at(), h.clock.now());
    await recordMotionDecision(db, m.id, { meetingId: 'mt_1', itemId: 'i1', adopted: true, explanation: '应到30户，实到21户；赞成15户，超过出席人的半数，通过。' }, h.clock.now());
    await recordMotionDecision(db, m.id, { meetingId: 'mt_1', itemId: 'i1', adopted: true, explanation: 'retry' }, h.clock.now());
    let v = await getMotion(h, m.id, 'demo-resident-1');
    expect(v).toMatchObject({ status: 'decided', statusLabel: '会议已表决' });
    expect(v.links.meeting?.itemStatusLabel).toBe('表决通过');
    await linkMotionResolution(db, m.id, { resolutionId: 'rs_1', title: '东门加装充电桩' }, h.clock.now());
    await motionResolutionProgress(db, m.id, { resolutionId: 'rs_1', percent: 60, status: 'inProgress' }, h.clock.now());
    v = await getMotion(h, m.id, 'demo-resident-1');
    expect(v.links.resolution).toEqual({ resolutionId: 'rs_1', title: '东门加装充电桩', percent: 60, statusLabel: '落实中' });
    await motionResolutionProgress(db, m.id, { resolutionId: 'rs_1', percent: 100, status: 'done' }, h.clock.now());
    await motionResolutionProgress(db, m.id, { resolutionId: 'rs_1', percent: 100, status: 'done' }, h.clock.now());
    const titles = (await inbox(h, 'demo-resident-1')).map((x) => x.title);
    expect(titles).toEqual(expect.arrayContaining(['您反映的问题已转为议题', '议题已列入会议议程', '议题已表决通过']));
    expect(titles.filter((t) => t === '议题已表决通过')).toHaveLength(1);
    // The resolution tells its followers of itself (resolution.adopted, .progress, .done): the motion adds no second message.
    expect(titles.filter((t) => t.startsWith('决议') || t.includes('形成决议'))).toEqual([]);
  });
  it('refuses a decision from a meeting the motion is not on', async () => {
    const m = await propose(h);
    await expect(recordMotionDecision(db, m.id, { meetingId: 'mt_1', itemId: 'i1', adopted: false, explanation: 'x' }, h.clock.now())).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
