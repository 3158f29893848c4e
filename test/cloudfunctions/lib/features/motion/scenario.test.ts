/**
 * 刘阿姨’s concern about chargers in the stairwell, as she lives it: she turns it into a
 * motion, her neighbours support it, the committee must act, it goes on a meeting’s agenda,
 * is adopted and becomes a resolution carried out to done — each step seen from her concern
 * and her motion, and told to her once.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { MotionView } from '../../../../../miniprogram/core/council/motion-contract';
import { linkMotionResolution, motionResolutionProgress, recordMotionDecision, scheduleMotion, unscheduleMotion } from '../../../../../cloudfunctions/lib/features/motion/schedule';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { addHouseholds } from '../../../../support/polls';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { adminTitles, DAY, inbox, motionClock, propose } from './motions';

let h: Harness;
let db: ScopedStore;
beforeEach(async () => {
  h = await createHarness();
  db = new ScopedStore(h.deps.store, 'demo');
});
afterEach(() => h.close());

const mine = (id: string) => h.ok<MotionView>('demo-resident-1', 'motion.get', { motionId: id });
const concern = (id: string) => h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: id });

describe('a concern followed through its motion to a resolution done, from the resident’s side', () => {
  it('walks 诉求 → 议题 → 附议达标 → 上会 → 表决通过 → 决议 → 办结', async () => {
    const neighbours = await addHouseholds(h, Array.from({ length: 11 }, (_, i) => ({ building: '1号楼', room: String(601 + i), people: 1 })));
    // 15 households: one fifth or more is 3.
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道里电动车充电，晚上插线板冒过火花，太危险了。' }, key());
    const m = await propose(h, 'demo-resident-1', { fromConcernId: c.id });
    expect(m).toMatchObject({ threshold: 3, moverName: '刘阿姨', links: { concern: { concernId: c.id, trackingNo: c.number } } });
    expect((await concern(c.id)).motion).toMatchObject({ motionId: m.id, statusLabel: '征集附议中' });

    await h.ok('demo-resident-1', 'motion.support', { motionId: m.id });
    await h.ok(neighbours[0].openids[0], 'motion.support', { motionId: m.id });
    const met = await h.ok<MotionView>(neighbours[1].openids[0], 'motion.support', { motionId: m.id });
    expect(met).toMatchObject({ status: 'thresholdMet', supports: 3 });
    expect(await adminTitles(h)).toContain(`须上会或答复：${m.title}`);
    expect((await mine(m.id)).supportedByName).toBe('刘阿姨');
    expect((await concern(c.id)).motion?.statusLabel).toBe('附议已达标，待安排上会');

    await scheduleMotion(db, m.id, { meetingId: 'mt_dec', title: '十二月居民议事会', startsAt: h.clock.now() + 5 * DAY, itemId: 'i1' }, h.clock.now());
    expect((await concern(c.id)).motion?.statusLabel).toBe('已列入会议议程');
    h.clock.advance(5 * DAY);
    await recordMotionDecision(db, m.id, { meetingId: 'mt_dec', itemId: 'i1', adopted: true, explanation: '出席12户，赞成9户，超过出席人的半数，通过。' }, h.clock.now());
    await linkMotionResolution(db, m.id, { resolutionId: 'rs_dec_i1', title: '1号楼门前加装充电桩' }, h.clock.now());
    await motionResolutionProgress(db, m.id, { resolutionId: 'rs_dec_i1', percent: 60, status: 'inProgress' }, h.clock.now());
    expect((await mine(m.id)).links).toMatchObject({
      meeting: { meetingId: 'mt_dec', itemStatusLabel: '表决通过' },
      resolution: { resolutionId: 'rs_dec_i1', percent: 60, statusLabel: '落实中' },
    });
    h.clock.advance(20 * DAY);
    await motionResolutionProgress(db, m.id, { resolutionId: 'rs_dec_i1', percent: 100, status: 'done' }, h.clock.now());
    expect((await mine(m.id)).links.resolution).toMatchObject({ percent: 100, statusLabel: '已办结' });
    expect((await concern(c.id)).motion?.statusLabel).toBe('会议已表决');
    // Nothing chases a motion that went to its meeting.
    const run = await motionClock(h);
    expect(run.chased + run.escalated).toBe(0);

    const told = (await inbox(h, 'demo-resident-1')).map((x) => x.title).reverse();
    // The steps of the resolution itself are its own messages (the council scenario follows them).
    expect(told.filter((t) => t.startsWith('议题') || t.startsWith('决议'))).toEqual(['议题附议已达标', '议题已列入会议议程', '议题已表决通过']);
  });
});

describe('a meeting cancelled before the vote puts the motion back', () => {
  it('returns to 已达标 with its deadline, and the sweep chases it once that has passed', async () => {
    await h.ok('demo-admin', 'motion.configure', { supportUnit: 'household', threshold: { kind: 'count', count: 2 }, supportDays: 30, answerDays: 15 });
    const m = await propose(h);
    await h.ok('demo-resident-1', 'motion.support', { motionId: m.id });
    await h.ok('demo-resident-2', 'motion.support', { motionId: m.id });
    const at = { meetingId: 'mt_x', title: '十二月居民议事会', startsAt: h.clock.now() + 20 * DAY, itemId: 'i2' };
    await scheduleMotion(db, m.id, at, h.clock.now());
    h.clock.advance(16 * DAY);
    expect((await motionClock(h)).chased).toBe(0);
    await unscheduleMotion(db, m.id, at, h.clock.now());
    await unscheduleMotion(db, m.id, at, h.clock.now());
    expect(await mine(m.id)).toMatchObject({ status: 'thresholdMet', overdue: true, links: { meeting: null } });
    expect((await inbox(h, 'demo-resident-1')).filter((x) => x.kind === 'motion.unscheduled')).toHaveLength(1);
    expect((await motionClock(h)).chased).toBe(1);
  });
});
