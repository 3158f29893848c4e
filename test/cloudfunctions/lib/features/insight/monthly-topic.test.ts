/**
 * 每月一题: the admins set the month's topic with an owner, a target and 2–3 milestones; the
 * community reads it; the owner records each milestone done.
 */
import type { MonthlyTopicView } from '../../../../../miniprogram/core/insight/contract';
import { memberIdFor } from '../../../../../cloudfunctions/lib/kernel/caller';
import { createHarness, type Harness } from '../../../../support/harness';
import { codeOf, pathOf } from './fixtures';

const DAY = 86_400_000;
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const topic = () => ({
  month: '2026-12',
  category: 'cat_demo_repair',
  title: '楼道照明',
  ownerId: memberIdFor('demo-grid-1'),
  target: '12月底前1—4号楼楼道灯全部可用',
  milestones: [
    { title: '全面排查', dueAt: h.clock.now() + 7 * DAY },
    { title: '更换完毕', dueAt: h.clock.now() + 20 * DAY },
  ],
});

describe('an admin sets the month’s topic', () => {
  it('is read by residents and staff with its milestones and progress', async () => {
    await h.ok('demo-admin', 'insight.setMonthlyTopic', topic());
    const read = await h.ok<MonthlyTopicView>('demo-resident-1', 'insight.monthlyTopic', { month: '2026-12' });
    expect(read).toMatchObject({ topic: { category: 'cat_demo_repair', title: '楼道照明' }, owner: { name: '李秀英' }, progress: { done: 0, of: 2, text: '0/2个节点完成' }, canEdit: false });
    expect(read!.milestones.map((m) => m.title)).toEqual(['全面排查', '更换完毕']);
    expect(await h.ok('demo-resident-1', 'insight.monthlyTopic', { month: '2026-11' })).toBeNull();
    const inbox = await h.ok<{ items: Array<{ kind: string }> }>('demo-grid-1', 'notify.inbox', {});
    expect(inbox.items.map((m) => m.kind)).toContain('insight.topicOwner');
  });
  it('needs 2–3 milestones, a staff owner, and is the admins’ alone', async () => {
    expect(pathOf(await h.call('demo-admin', 'insight.setMonthlyTopic', { ...topic(), milestones: topic().milestones.slice(0, 1) }))).toBe('milestones');
    expect(pathOf(await h.call('demo-admin', 'insight.setMonthlyTopic', { ...topic(), ownerId: memberIdFor('demo-resident-1') }))).toBe('ownerId');
    expect(codeOf(await h.call('demo-grid-1', 'insight.setMonthlyTopic', topic()))).toBe('FORBIDDEN');
  });
});

describe('the owner records milestones', () => {
  it('moves the progress, once per milestone; others may not', async () => {
    await h.ok('demo-admin', 'insight.setMonthlyTopic', topic());
    expect(codeOf(await h.call('demo-grid-2', 'insight.recordMilestone', { month: '2026-12', index: 0, note: '已排查' }))).toBe('FORBIDDEN');
    const done = await h.ok<MonthlyTopicView>('demo-grid-1', 'insight.recordMilestone', { month: '2026-12', index: 0, note: '四栋楼排查完，坏灯23盏' });
    expect(done.progress).toEqual({ done: 1, of: 2, text: '1/2个节点完成' });
    expect(done.milestones[0]).toMatchObject({ note: '四栋楼排查完，坏灯23盏', doneAt: h.clock.now() });
    expect(codeOf(await h.call('demo-admin', 'insight.recordMilestone', { month: '2026-12', index: 0, note: '另一说法' }))).toBe('CONFLICT');
    // Once a milestone is done the topic stands.
    expect(codeOf(await h.call('demo-admin', 'insight.setMonthlyTopic', { ...topic(), title: '换个题目' }))).toBe('CONFLICT');
  });
  it('marks a milestone late past its due date', async () => {
    await h.ok('demo-admin', 'insight.setMonthlyTopic', topic());
    h.clock.set(h.clock.now() + 8 * DAY);
    const read = await h.ok<MonthlyTopicView>('demo-grid-1', 'insight.monthlyTopic', { month: '2026-12' });
    expect(read!.milestones.map((m) => m.overdue)).toEqual([true, false]);
    expect(read!.canEdit).toBe(true);
  });
});
