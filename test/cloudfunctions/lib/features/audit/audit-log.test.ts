/**
 * The admins' audit log: every recorded step of the community, filtered by actor, by kind of
 * step and by period, named in Chinese with people by name — never an id. Grid workers and
 * other communities' admins read nothing.
 */
import type { AuditAreaView, AuditEntry } from '../../../../../miniprogram/core/audit/contract';
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { makePoll } from '../../../../support/polls';

type Log = { items: AuditEntry[]; next?: string; areas?: AuditAreaView[] };
const HOUR = 3600_000;
let h: Harness;
let concern: ConcernView;
beforeEach(async () => {
  h = await createHarness();
  concern = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道灯坏了，晚上很黑' }, key());
  h.clock.advance(HOUR);
  await h.ok('demo-grid-1', 'concern.accept', { concernId: concern.id });
  await h.ok('demo-admin', 'member.setRoles', { memberId: member('demo-volunteer-1'), roles: ['volunteer', 'gridWorker'], gridIds: [h.ids['第一网格']] });
});
afterEach(() => h.close());

const log = (data: Record<string, unknown> = {}, who = 'demo-admin') => h.ok<Log>(who, 'audit.log', data);

describe('the admin reads the log', () => {
  it('lists the newest steps first, in words, with the areas to filter by', async () => {
    const page = await log({ limit: 50 });
    expect(page.items[0]).toMatchObject({ label: '角色变更', actor: '王书记', actorRole: '社区管理员', subject: '成员 陈志愿', change: '志愿者 → 志愿者、网格员', note: '网格：第一网格' });
    expect(page.areas?.map((a) => a.label)).toEqual(expect.arrayContaining(['说事', '住户与成员', '内容审核']));
    expect(page.areas?.find((a) => a.key === 'concern')?.types).toContainEqual({ type: 'concern.accepted', label: '已签收' });
    // No ids on screen: no member, grid or household id in any line.
    expect(JSON.stringify(page.items.map(({ id: _id, ...rest }) => rest))).not.toMatch(/\b(m|h|g|br)_[A-Za-z0-9]{6,}/);
  });
  it('filters by actor', async () => {
    const page = await log({ actorId: member('demo-grid-1') });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((e) => e.actor === '李秀英')).toBe(true);
    expect(page.items.map((e) => e.label)).toContain('已签收');
    expect(page.items.find((e) => e.type === 'concern.accepted')?.subject).toBe(`诉求 ${concern.number}`);
  });
  it('filters by action type and by area', async () => {
    const accepted = await log({ type: 'concern.accepted' });
    expect(accepted.items.map((e) => e.type)).toEqual(['concern.accepted']);
    const members = await log({ area: 'member', limit: 50 });
    expect(members.items.length).toBeGreaterThan(0);
    expect(members.items.every((e) => ['member', 'binding', 'invites'].includes(e.type.split('.')[0]))).toBe(true);
    expect(await h.call('demo-admin', 'audit.log', { type: 'concern.nothing' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
  });
  it('filters by period', async () => {
    const t = h.clock.now();
    const before = await log({ to: t - HOUR + 1, limit: 50 });
    expect(before.items.map((e) => e.type)).toContain('concern.submitted');
    expect(before.items.map((e) => e.type)).not.toContain('concern.accepted');
    const after = await log({ from: t - HOUR / 2, limit: 50 });
    expect(after.items.map((e) => e.type)).toEqual(expect.arrayContaining(['concern.accepted', 'member.rolesChanged']));
    expect(after.items.map((e) => e.type)).not.toContain('concern.submitted');
  });
  it('pages through the log', async () => {
    const first = await log({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await log({ limit: 2, cursor: first.next });
    expect(second.areas).toBeUndefined();
    expect(second.items.map((e) => e.id)).not.toContain(first.items[0].id);
  });
  it('shows one record’s history', async () => {
    const page = await log({ subject: `concern:${concern.id}` });
    expect(page.items.map((e) => e.label)).toEqual(expect.arrayContaining(['已受理', '已签收']));
  });
});

describe('only admins of the community read it', () => {
  it('refuses a grid worker', async () => {
    expect(await h.call('demo-grid-1', 'audit.log', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
  it('shows another community’s admin nothing of this one', async () => {
    const page = await log({ limit: 50 }, 'other-admin');
    expect(page.items.map((e) => e.subject).join()).not.toContain(concern.number);
  });
});

describe('reports that can hide content are on the log', () => {
  it('records each moderation.report with its reporter', async () => {
    await h.ok('demo-grid-1b', 'moderation.report', { subjectType: 'concernText', subjectId: concern.id, reason: '内容与事实不符' });
    const page = await log({ area: 'moderation' });
    expect(page.items[0]).toMatchObject({ type: 'moderation.reported', label: '被举报', actor: '赵丽', note: '内容与事实不符' });
  });
});

describe('an area may span several features: 投票表决 gathers rolls and polls', () => {
  it('lists a vote in the poll area, on the poll, without saying how anyone voted', async () => {
    const poll = await makePoll(h);
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    const page = await log({ area: 'poll', limit: 50 });
    expect(page.areas?.find((a) => a.key === 'poll')?.label).toBe('投票表决');
    expect(page.areas?.find((a) => a.key === 'volunteer')?.types.map((t) => t.type)).toEqual(expect.arrayContaining(['activity.published', 'hours.verified']));
    expect(page.items.map((e) => e.label)).toEqual(expect.arrayContaining(['发起投票', '投票']));
    expect(page.items.find((e) => e.type === 'poll.voted')?.subject).toBe('投票 是否同意在小区东门加装快递柜');
    expect(JSON.stringify(page.items)).not.toMatch(/赞成|"o1"/);
  });
});

describe('民主议事 steps are named by what they concern', () => {
  it('lists a motion and its support threshold in the council area, by the motion\'s title', async () => {
    const m = await h.ok<{ id: string }>('demo-resident-1', 'motion.propose', { title: '1号楼单元门口加装扶手', body: '1号楼单元门口有三级台阶，老人进出不方便，希望加装不锈钢扶手。' }, key());
    await h.ok('demo-resident-2', 'motion.support', { motionId: m.id });
    const page = await log({ area: 'council', limit: 50 });
    expect(page.items.map((e) => e.label)).toEqual(expect.arrayContaining(['提出议题', '附议已达标']));
    expect(page.items.find((e) => e.type === 'motion.thresholdMet')?.subject).toBe('议题 1号楼单元门口加装扶手');
  });
});
