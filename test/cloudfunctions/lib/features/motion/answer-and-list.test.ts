/**
 * Answering a motion with reasons, the lists residents and staff read, and the community's
 * support rule: who may do which, and what each is told.
 */
import type { MotionSettingsView, MotionView } from '../../../../../miniprogram/core/council/motion-contract';
import { addFamily } from '../../../../support/polls';
import { createHarness, type Harness } from '../../../../support/harness';
import { getMotion, inbox, propose } from './motions';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const list = (who: string, when: 'open' | 'closed' | 'mine') => h.ok<{ items: MotionView[] }>(who, 'motion.list', { when });
const reason = '物业已在东门安装充电桩，本月底投入使用，无需再上会。';

describe('an admin answers a motion with reasons', () => {
  it('closes it as 已答复 with the kind and reason, and tells the mover', async () => {
    const m = await propose(h);
    expect((await getMotion(h, m.id)).allowedActions).toContain('motion.answer');
    const a = await h.ok<MotionView>('demo-admin', 'motion.answer', { motionId: m.id, kind: 'handled', reason });
    expect(a).toMatchObject({ status: 'answered', statusLabel: '已答复', answer: { kind: 'handled', label: '已直接办理', reason, byName: '王书记' } });
    expect(a.allowedActions).not.toContain('motion.answer');
    const told = (await inbox(h, 'demo-resident-1')).find((x) => x.kind === 'motion.answered');
    expect(told).toMatchObject({ title: '议题已答复：已直接办理', body: `「${m.title}」：${reason}` });
  });
  it('refuses grid workers and residents', async () => {
    const m = await propose(h);
    for (const who of ['demo-grid-1', 'demo-resident-2']) {
      expect(await h.call(who, 'motion.answer', { motionId: m.id, kind: 'declined', reason })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
  });
  it('refuses a reason the content check rejects', async () => {
    const m = await propose(h);
    expect(await h.call('demo-admin', 'motion.answer', { motionId: m.id, kind: 'declined', reason: '这里有人组织赌博，所以不予上会讨论。' })).toMatchObject({ error: { code: 'CONTENT_REJECTED' } });
    expect((await getMotion(h, m.id)).status).toBe('collecting');
  });
  it('refuses a motion already answered (CONFLICT)', async () => {
    const m = await propose(h);
    await h.ok('demo-admin', 'motion.answer', { motionId: m.id, kind: 'handled', reason });
    expect(await h.call('demo-admin', 'motion.answer', { motionId: m.id, kind: 'declined', reason })).toMatchObject({ error: { code: 'CONFLICT' } });
  });
});

describe('the lists show what the caller’s scope reaches', () => {
  it('shows a building’s motion to its residents and to staff, not to other buildings', async () => {
    const m = await propose(h, 'demo-resident-2', { buildingIds: [h.ids['3号楼']] });
    expect((await list('demo-resident-2', 'open')).items.map((x) => x.id)).toContain(m.id);
    expect((await list('demo-admin', 'open')).items.map((x) => x.id)).toContain(m.id);
    expect((await list('demo-grid-1', 'open')).items.map((x) => x.id)).toContain(m.id);
    expect((await list('demo-resident-1', 'open')).items.map((x) => x.id)).not.toContain(m.id);
  });
  it('lists under 我的 what I proposed and what my household supported', async () => {
    await addFamily(h);
    const mine = await propose(h, 'demo-resident-1', { title: '小区增设老年人休息座椅' });
    const theirs = await propose(h, 'demo-resident-2');
    const untouched = await propose(h, 'demo-grid-1', { title: '规范小区内车辆停放' });
    await h.ok('demo-family-1', 'motion.support', { motionId: theirs.id });
    const rows = (await list('demo-resident-1', 'mine')).items;
    expect(rows.map((x) => x.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect(rows.find((x) => x.id === theirs.id)).toMatchObject({ supportedByMe: true });
    expect(rows.map((x) => x.id)).not.toContain(untouched.id);
  });
  it('says on each row whether the caller’s household supported it', async () => {
    const m = await propose(h);
    await h.ok('demo-resident-2', 'motion.support', { motionId: m.id });
    const row = (await list('demo-resident-2', 'open')).items.find((x) => x.id === m.id);
    expect(row).toMatchObject({ supportedByMe: true, supports: 1 });
    expect((await list('demo-resident-1', 'open')).items.find((x) => x.id === m.id)).toMatchObject({ supportedByMe: false, supportedByName: null });
  });
});

describe('the community’s support rule', () => {
  it('is the law’s default until an admin sets another', async () => {
    const s = await h.ok<MotionSettingsView>('demo-resident-1', 'motion.settings', {});
    expect(s).toEqual({ supportUnit: 'household', threshold: { kind: 'share', num: 1, den: 5 }, thresholdText: '本社区五分之一以上户附议', supportDays: 30, answerDays: 15, allowedActions: ['motion.settings', 'motion.propose'] });
    // A volunteer bound to no household reads the rule but is not offered to propose.
    expect((await h.ok<MotionSettingsView>('demo-volunteer-1', 'motion.settings', {})).allowedActions).toEqual(['motion.settings']);
  });
  it('is set by admins only, and reads as set', async () => {
    expect(await h.call('demo-grid-1', 'motion.configure', { supportUnit: 'person', threshold: { kind: 'share', num: 1, den: 10 }, supportDays: 20, answerDays: 10 })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const s = await h.ok<MotionSettingsView>('demo-admin', 'motion.configure', { supportUnit: 'person', threshold: { kind: 'share', num: 1, den: 10 }, supportDays: 20, answerDays: 10 });
    expect(s).toMatchObject({ supportUnit: 'person', thresholdText: '本社区十分之一以上成年居民附议', supportDays: 20, answerDays: 10 });
    expect(s.allowedActions).toContain('motion.configure');
    const again = await h.ok<MotionSettingsView>('demo-admin', 'motion.configure', { supportUnit: 'household', threshold: { kind: 'count', count: 40 }, supportDays: 30, answerDays: 15 });
    expect(again.thresholdText).toBe('40户以上附议');
    expect((await h.ok<MotionSettingsView>('demo-resident-1', 'motion.settings', {})).thresholdText).toBe('40户以上附议');
  });
  it('refuses a share of one or more', async () => {
    expect(await h.call('demo-admin', 'motion.configure', { supportUnit: 'household', threshold: { kind: 'share', num: 5, den: 5 }, supportDays: 30, answerDays: 15 })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
});
