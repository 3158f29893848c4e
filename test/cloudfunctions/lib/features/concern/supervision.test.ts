/**
 * 督办/催办 and 首接负责 as the people involved live them: the grid leader hears of each
 * supervision step he owns before the community does, keeps a list of what is late in his
 * grids and chases the handler; only the handler (and admins) act on an item, colleagues and
 * the first responder keep sight of it; an item the resident never answers ends on time.
 */
import type { CategoryAdminView, ConcernStats, ConcernView, QueueItem } from '../../../../../miniprogram/core/concern/contract';
import type { MeView } from '../../../../../miniprogram/core/member/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { addDepartment } from '../../../../support/departments';
import { createHarness, key, member, T0, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ADMINS = 'admins:demo';

async function submit(who = 'demo-resident-1', building = '1号楼', text = '单元门口的台阶塌了一块，老人进出容易摔倒。'): Promise<ConcernView> {
  return h.ok<ConcernView>(who, 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids[building], text }, key());
}
const clocks = async () => (await runSweep(h.deps)).jobs.concernClocks as Record<string, number>;
const titles = async (who: string) =>
  (await h.deps.store.query<{ _id: string; title: string; body: string }>('inbox', {
    where: { communityId: 'demo', recipientId: who.startsWith('admins:') ? who : member(who) },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: 100,
  })).items.map((m) => m.title);
const queue = (who: string, data: Record<string, unknown>) => h.ok<{ items: QueueItem[] }>(who, 'concern.queue', data);
const ids = (page: { items: QueueItem[] }) => page.items.map((i) => i.id);

/** Signed by A of grid 1, resolved, and reopened by 刘阿姨: under supervision. */
async function reopened(): Promise<ConcernView> {
  const c = await submit();
  await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
  await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '已找施工队补好台阶' });
  return h.ok<ConcernView>('demo-resident-1', 'concern.reopen', { concernId: c.id, reason: '补的水泥又裂开了' });
}

describe('the grid leader is told at each supervision step he owns, before the community', () => {
  it('tells him when supervision starts, when it runs late at his level, and copies him when it goes up', async () => {
    const c = await reopened();
    expect(c).toMatchObject({ status: 'supervised', escalationLevel: 1 });
    expect(await titles('demo-leader')).toContain(`督办：诉求 ${c.number} 居民反映未解决，转督办`);
    expect(await titles('demo-grid-1')).toContain(`诉求 ${c.number} 居民反映未解决，转督办`);
    expect((await titles(ADMINS)).join()).not.toContain(c.number);

    // The supervised round runs past its resolve deadline: the leader first.
    h.clock.advance(7 * DAY + HOUR);
    await clocks();
    let v = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(v).toMatchObject({ overdue: true, escalationLevel: 1 });
    expect(v.timeline.map((e) => e.note)).toContain('已超过办结时限，已提请网格长督办');
    expect(await titles('demo-leader')).toContain(`督办：诉求 ${c.number} 已超期`);
    expect((await titles(ADMINS)).join()).not.toContain(c.number);

    // Still late a day on: the community, with the leader in copy.
    h.clock.advance(DAY);
    await clocks();
    v = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(v.escalationLevel).toBe(2);
    expect(await titles(ADMINS)).toContain(`督办：诉求 ${c.number} 已超期`);
    expect(await titles('demo-leader')).toContain(`抄送：诉求 ${c.number} 超期，已提请社区督办`);
  });

  it('sends a late item of a grid without a leader straight to the community', async () => {
    await h.ok('demo-admin', 'community.upsertGrid', { gridId: h.ids['第二网格'], name: '第二网格', workerA: member('demo-grid-2') });
    const c = await submit('demo-resident-2', '3号楼', '3号楼电梯经常停在半层，困过人。');
    await h.ok('demo-grid-2', 'concern.accept', { concernId: c.id });
    h.clock.advance(7 * DAY + HOUR);
    await clocks();
    const v = await h.ok<ConcernView>('demo-grid-2', 'concern.get', { concernId: c.id });
    expect(v).toMatchObject({ overdue: true, escalationLevel: 2 });
    expect(await titles(ADMINS)).toContain(`督办：诉求 ${c.number} 已超期`);
    expect((await titles('demo-leader')).join()).not.toContain(c.number);
  });
});

describe('the leader’s 督办 list holds what is supervised or late in the grids he leads', () => {
  it('lists his grids’ overdue and supervised items, nothing of a grid he does not lead', async () => {
    // 陈建华 now leads grid 1 only.
    await h.ok('demo-admin', 'community.upsertGrid', { gridId: h.ids['第二网格'], name: '第二网格', workerA: member('demo-grid-2') });
    const late1 = await submit();
    const late2 = await submit('demo-resident-2', '3号楼', '3号楼电梯经常停在半层，困过人。');
    await h.ok('demo-grid-1', 'concern.accept', { concernId: late1.id });
    await h.ok('demo-grid-2', 'concern.accept', { concernId: late2.id });
    h.clock.advance(7 * DAY + HOUR);
    await clocks();
    const onTime = await submit('demo-resident-1', '2号楼', '2号楼的信报箱锁坏了。');
    await h.ok('demo-grid-1', 'concern.accept', { concernId: onTime.id });
    const fresh = await reopened();

    const mine = await queue('demo-leader', { view: 'supervise' });
    expect(ids(mine)).toEqual(expect.arrayContaining([late1.id, fresh.id]));
    expect(ids(mine)).not.toContain(late2.id);
    expect(ids(mine)).not.toContain(onTime.id);
    expect(mine.items.find((i) => i.id === late1.id)).toMatchObject({ overdue: true, escalationLevel: 1 });
    // His list is not his queue: nothing of it waits on him.
    expect(ids(await queue('demo-leader', {}))).toEqual([]);
    expect(ids(await queue('demo-leader', { view: 'supervise', overdue: true }))).not.toContain(fresh.id);

    // Admins supervise the whole community; a worker who leads nothing has no such list.
    expect(ids(await queue('demo-admin', { view: 'supervise' }))).toEqual(expect.arrayContaining([late1.id, late2.id, fresh.id]));
    expect(await h.call('demo-grid-1', 'concern.queue', { view: 'supervise' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('drops an item from the list once it is resolved', async () => {
    const c = await reopened();
    expect(ids(await queue('demo-leader', { view: 'supervise' }))).toContain(c.id);
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '重新浇筑了台阶' });
    expect(ids(await queue('demo-leader', { view: 'supervise' }))).not.toContain(c.id);
  });
});

describe('催办 reaches the handler, is recorded and counted, once per four hours', () => {
  it('notifies the handler, shows staff the words and the resident only that it was chased', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    const leaderView = await h.ok<ConcernView>('demo-leader', 'concern.get', { concernId: c.id });
    expect(leaderView.allowedActions).toEqual(expect.arrayContaining(['concern.urge', 'concern.transfer', 'concern.note']));
    expect(leaderView.allowedActions).not.toContain('concern.resolve');

    const urged = await h.ok<ConcernView>('demo-leader', 'concern.urge', { concernId: c.id, note: '老人多，请今天联系施工队' });
    expect(urged.urges).toBe(1);
    expect(urged.allowedActions).not.toContain('concern.urge');
    expect(await titles('demo-grid-1')).toContain(`催办：诉求 ${c.number} 请尽快办理`);
    const staff = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(staff.timeline.find((e) => e.type === 'concern.urged')).toMatchObject({ label: '已催办', note: '老人多，请今天联系施工队', actorName: '陈建华' });
    const resident = await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id });
    expect(resident.timeline.find((e) => e.type === 'concern.urged')).toMatchObject({ label: '已催办' });
    expect(JSON.stringify(resident)).not.toContain('老人多');
    expect(resident.urges).toBeUndefined();

    expect(await h.call('demo-leader', 'concern.urge', { concernId: c.id, note: '再催一次' })).toMatchObject({ error: { code: 'CONFLICT' } });
    h.clock.advance(4 * HOUR);
    expect((await h.ok<ConcernView>('demo-admin', 'concern.urge', { concernId: c.id, note: '社区再次催办' })).urges).toBe(2);
  });

  it('is for the grid leader and admins only, with words, on open items', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    expect(await h.call('demo-grid-1', 'concern.urge', { concernId: c.id, note: '自己催自己' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-grid-1b', 'concern.urge', { concernId: c.id, note: '同事催办' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-leader', 'concern.urge', { concernId: c.id, note: '' })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect(await h.call('demo-leader', 'concern.urge', { concernId: c.id, note: '长'.repeat(201) })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    await h.ok('demo-resident-1', 'concern.withdraw', { concernId: c.id });
    expect(await h.call('demo-leader', 'concern.urge', { concernId: c.id, note: '请尽快' })).toMatchObject({ error: { code: 'CLOSED' } });
  });
});

describe('only the handler acts on an item; grid colleagues see it', () => {
  it('refuses a colleague resolve, whistle and transfer of an item another signed, but lists it in the grid view', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    for (const [action, data] of [
      ['concern.resolve', { summary: '已修好' }],
      ['concern.whistle', { departmentId: await addDepartment(h, '物业公司'), note: '请物业维修' }],
      ['concern.transfer', { toGridId: h.ids['第二网格'], reason: '我来转' }],
      ['concern.reply', { text: '我们马上处理' }],
    ] as const) {
      expect(await h.call('demo-grid-1b', action, { concernId: c.id, ...data })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    const seen = await h.ok<ConcernView>('demo-grid-1b', 'concern.get', { concernId: c.id });
    expect(seen.allowedActions).toEqual(['concern.get', 'concern.note', 'moderation.report']);
    expect((await h.call('demo-grid-1b', 'concern.note', { concernId: c.id, text: '这户我认识，可以帮忙联系' })).ok).toBe(true);
    expect(ids(await queue('demo-grid-1b', { view: 'grid' }))).toContain(c.id);
    expect(ids(await queue('demo-grid-1b', {}))).not.toContain(c.id);
    expect(ids(await queue('demo-grid-2', { view: 'grid' }))).not.toContain(c.id);
  });

  it('lets the grid leader reassign it, with the reason on the record', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    const moved = await h.ok<ConcernView>('demo-leader', 'concern.transfer', { concernId: c.id, toMemberId: member('demo-grid-1b'), reason: '李秀英本周培训，由赵丽接手' });
    expect(moved).toMatchObject({ status: 'dispatched', assignee: { memberId: member('demo-grid-1b') } });
    expect(moved.timeline.find((e) => e.type === 'concern.transferred')).toMatchObject({ note: '李秀英本周培训，由赵丽接手', actorName: '陈建华' });
  });

  it('keeps the community pool for the admins', async () => {
    await h.ok('demo-admin', 'community.upsertGrid', { gridId: h.ids['第二网格'], name: '第二网格' });
    const c = await submit('demo-resident-2', '3号楼', '3号楼门禁刷卡没反应。');
    expect(c.assignee).toBeUndefined();
    expect(await h.call('demo-grid-2', 'concern.accept', { concernId: c.id })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await h.call('demo-admin', 'concern.accept', { concernId: c.id })).ok).toBe(true);
  });
});

describe('the first responder keeps sight of what she is responsible for', () => {
  it('still lists the item under 我首接的 after handing it to another grid', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    expect(ids(await queue('demo-grid-1', { view: 'signed' }))).toEqual([c.id]);
    await h.ok('demo-grid-1', 'concern.transfer', { concernId: c.id, toGridId: h.ids['第二网格'], reason: '台阶属于3号楼物业范围' });
    expect(ids(await queue('demo-grid-1', {}))).not.toContain(c.id);
    expect(ids(await queue('demo-grid-1', { view: 'signed' }))).toEqual([c.id]);
    const v = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(v).toMatchObject({ firstResponder: { name: '李秀英' }, assignee: { name: '张建国' } });
    expect(v.allowedActions).not.toContain('concern.reply');
    expect(await h.call('demo-grid-1', 'concern.reply', { concernId: c.id, text: '我来答复' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(ids(await queue('demo-grid-2', {}))).toContain(c.id);
  });
});

describe('an item waiting on the resident ends at the category’s limit', () => {
  it('reminds the resident, then closes with its reason, tells both sides and counts it in the export', async () => {
    const cat = await h.ok<CategoryAdminView>('demo-admin', 'concern.upsertCategory', { categoryId: 'cat_demo_repair', name: '设施维修', contactHours: 24, resolveDays: 7, residentWaitDays: 5 });
    expect(cat.residentWaitDays).toBe(5);
    const listed = await h.ok<{ items: CategoryAdminView[] }>('demo-admin', 'concern.categories', {});
    expect(listed.items.find((x) => x.id === 'cat_demo_suggestion')?.residentWaitDays).toBe(7);
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    const asked = await h.ok<ConcernView>('demo-grid-1', 'concern.requestInfo', { concernId: c.id, question: '请拍一张台阶的照片' });
    expect(asked.residentWaitUntil).toBe(h.clock.now() + 5 * DAY);

    h.clock.advance(3 * DAY);
    expect((await clocks()).reminded).toBe(1);
    h.clock.advance(DAY);
    expect((await clocks()).reminded).toBe(1);
    expect((await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id })).status).toBe('waitingResident');
    h.clock.advance(DAY);
    expect((await clocks()).residentSilent).toBe(1);

    const v = await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id });
    expect(v).toMatchObject({ status: 'closed', allowedActions: ['concern.get'] });
    expect(v.timeline.filter((e) => e.label === '已提醒')).toHaveLength(2);
    expect(v.timeline.at(-1)).toMatchObject({ label: '未补充情况，已结束', note: expect.stringContaining('可以重新说事') });
    expect(await titles('demo-resident-1')).toContain('诉求因未补充情况已结束');
    expect(await titles('demo-grid-1')).toContain(`诉求 ${c.number} 居民未补充，已结束`);
    expect((await clocks()).residentSilent).toBe(0);

    const { csv } = await h.ok<{ csv: string }>('demo-admin', 'concern.export', { from: T0 - 1, to: h.clock.now() });
    expect(csv.split('\r\n').find((l) => l.startsWith(c.number))).toContain(',居民未补充情况，到期结束,');
    const s = await h.ok<ConcernStats>('demo-admin', 'concern.stats', { from: T0 - 1, to: h.clock.now(), groupBy: 'grid' });
    // The two concerns the demo seed filed, and this one.
    expect(s.overall.total).toBe(3);
  });

  it('keeps waiting once the resident answers', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.requestInfo', { concernId: c.id, question: '具体是哪个单元？' });
    h.clock.advance(4 * DAY);
    const back = await h.ok<ConcernView>('demo-resident-1', 'concern.supplement', { concernId: c.id, text: '1单元门口' });
    expect(back.residentWaitUntil).toBeUndefined();
    h.clock.advance(10 * DAY);
    await clocks();
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id })).status).toBe('accepted');
  });
});

describe('naming a grid’s leader moves the supervision with it', () => {
  it('gives the new leader the grid and takes it from the previous one', async () => {
    const g1 = h.ids['第一网格'];
    const g2 = h.ids['第二网格'];
    expect((await h.ok<MeView>('demo-leader', 'member.me')).ledGridIds).toEqual([g1, g2]);
    await h.ok('demo-admin', 'community.upsertGrid', { gridId: g2, name: '第二网格', workerA: member('demo-grid-2'), leader: member('demo-grid-1') });
    expect((await h.ok<MeView>('demo-leader', 'member.me')).ledGridIds).toEqual([g1]);
    expect((await h.ok<MeView>('demo-grid-1', 'member.me')).ledGridIds).toEqual([g2]);
    expect((await h.call('demo-grid-1', 'concern.queue', { view: 'supervise' })).ok).toBe(true);
    await h.ok('demo-admin', 'community.upsertGrid', { gridId: g2, name: '第二网格', workerA: member('demo-grid-2') });
    expect((await h.ok<MeView>('demo-grid-1', 'member.me')).ledGridIds).toBeUndefined();
  });
});
