/**
 * 街道: the subdistrict admin opens a community in the app and hands its first admin a code;
 * the code makes one admin, once; the overview gives each community's figures with their
 * samples and nothing about any resident; what a community owes the subdistrict arrives there.
 */
import type { MeView } from '../../../../../miniprogram/core/member/contract';
import type { AdminCodeView, EscalationView, SubdistrictOverview } from '../../../../../miniprogram/core/subdistrict/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { addDepartment } from '../../../../support/departments';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { communityIdFor } from '../../../../../cloudfunctions/lib/features/subdistrict/ids';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const SUB = 'demo-subdistrict';
const create = (name = '向阳社区', k = key()) => h.ok<AdminCodeView>(SUB, 'subdistrict.createCommunity', { name }, k);
const me = (who: string) => h.ok<MeView>(who, 'member.me');

describe('a subdistrict admin opens a community and names its first admin', () => {
  it('makes the community, seeded like any other, and its first admin joins with the code', async () => {
    const made = await create();
    expect(made).toMatchObject({ communityName: '向阳社区', code: expect.stringMatching(/^[A-Z2-9]{8}$/) });
    const joined = await h.ok('new-admin', 'subdistrict.redeemAdminCode', { code: made.code, name: '周主任' });
    expect(joined).toEqual({ communityId: made.communityId, communityName: '向阳社区' });
    const view = await me('new-admin');
    expect(view.roles).toEqual(['admin']);
    expect(view.community?.name).toBe('向阳社区');
    // Opened: residents of the new community can speak up from day one.
    const categories = await h.ok<{ items: unknown[] }>('new-admin', 'concern.categories', {});
    expect(categories.items.length).toBeGreaterThan(0);
    // The community is listed for residents choosing where they live.
    const listed = await h.ok<{ items: Array<{ name: string; subdistrict: string }> }>('someone-new', 'community.list', {});
    expect(listed.items).toContainEqual(expect.objectContaining({ name: '向阳社区', subdistrict: '和平街道' }));
  });

  it('opens one community for one name, and shows the same waiting code on a retry', async () => {
    const k = key();
    const a = await create('向阳社区', k);
    const b = await create('向阳社区', k);
    expect(b).toEqual(a);
    expect((await create('向阳社区')).communityId).toBe(a.communityId);
    expect((await create('朝阳社区')).communityId).not.toBe(a.communityId);
  });

  it('finishes on a retry what a crash left after the community\'s insert: seeding, its code, both events', async () => {
    // The first try stopped right after claiming the name: the community and nothing else.
    const id = communityIdFor('和平街道', '向阳社区');
    const now = h.clock.now();
    await h.deps.store.insert('communities', { _id: id, communityId: id, name: '向阳社区', subdistrict: '和平街道', active: true, createdAt: now, updatedAt: now });
    const made = await create('向阳社区');
    expect(made).toMatchObject({ communityId: id, communityName: '向阳社区', code: expect.stringMatching(/^[A-Z2-9]{8}$/) });
    const events = (await h.deps.store.query('events', { where: { communityId: id }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 })).items;
    expect(events.map((e) => e.type).sort()).toEqual(['subdistrict.adminCodeIssued', 'subdistrict.communityCreated']);
    expect((await h.ok('new-admin', 'subdistrict.redeemAdminCode', { code: made.code, name: '周主任' }))).toEqual({ communityId: id, communityName: '向阳社区' });
    expect((await h.ok<{ items: unknown[] }>('new-admin', 'concern.categories', {})).items.length).toBeGreaterThan(0);
  });

  it('issues another code for a second admin; each code makes one admin, once', async () => {
    const made = await create();
    const second = await h.ok<AdminCodeView>(SUB, 'subdistrict.issueAdminCode', { communityId: made.communityId });
    expect(second.code).not.toBe(made.code);
    const [x, y] = await Promise.all([
      h.call('admin-x', 'subdistrict.redeemAdminCode', { code: made.code, name: '周主任' }),
      h.call('admin-y', 'subdistrict.redeemAdminCode', { code: made.code, name: '吴主任' }),
    ]);
    expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
    const loser = x.ok ? y : x;
    expect(loser).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
    expect((await h.call(x.ok ? 'admin-y' : 'admin-x', 'subdistrict.redeemAdminCode', { code: second.code, name: '吴主任' })).ok).toBe(true);
  });

  it('refuses a name the check rejects and keeps the code unused', async () => {
    const made = await create();
    expect(await h.call('new-admin', 'subdistrict.redeemAdminCode', { code: made.code, name: '赌博大王' })).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(await h.ok('new-admin', 'subdistrict.redeemAdminCode', { code: made.code, name: '周主任' })).toEqual({ communityId: made.communityId, communityName: '向阳社区' });
  });

  it('refuses an expired code, and a member of another community', async () => {
    const made = await create();
    const refused = await h.call('demo-resident-1', 'subdistrict.redeemAdminCode', { code: made.code, name: '刘阿姨' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    h.clock.set(h.clock.now() + 8 * 24 * 3600_000);
    expect(await h.call('late-admin', 'subdistrict.redeemAdminCode', { code: made.code, name: '周主任' })).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
  });

  it('is for the subdistrict admin alone', async () => {
    for (const who of ['demo-admin', 'demo-grid-1', 'demo-resident-1', 'someone-new']) {
      expect(await h.call(who, 'subdistrict.createCommunity', { name: '冒名社区' }, key())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await h.call(who, 'subdistrict.overview', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('the overview gives each community its figures, never a resident', () => {
  it('counts the month’s concerns with the rates’ samples, and names no one', async () => {
    const text = '2单元电梯按钮失灵，老人上下楼很不方便。';
    await h.ok('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text }, key());
    const made = await create();
    const view = await h.ok<SubdistrictOverview>(SUB, 'subdistrict.overview', {});
    expect(view.subdistrict).toBe('和平街道');
    const demo = view.communities.find((c) => c.communityId === 'demo')!;
    expect(demo.awaitingAdmin).toBe(false);
    expect(demo.concerns).toBeGreaterThanOrEqual(1);
    expect(demo.response.text).toMatch(/^(—|样本不足（n=\d+）|\d+%（n=\d+）)$/);
    expect(view.communities.find((c) => c.communityId === made.communityId)).toMatchObject({ awaitingAdmin: true, concerns: 0, response: { percent: null, sample: 0, text: '—' } });
    const json = JSON.stringify(view);
    for (const secret of [text, '刘阿姨', '马大爷', '13800000001', '101']) expect(json).not.toContain(secret);
  });
});

describe('what a community owes the subdistrict arrives there', () => {
  it('lists a disclosure overdue a week past its deadline, with its community', async () => {
    await h.ok('demo-admin', 'disclosure.catalogue');
    for (const at of ['2027-01-01T00:05:00', '2027-01-16T00:05:00']) {
      h.clock.set(Date.parse(`${at}+08:00`));
      await runSweep(h.deps);
    }
    expect((await h.ok<{ items: EscalationView[] }>(SUB, 'subdistrict.escalations', {})).items).toEqual([]);
    h.clock.set(Date.parse('2027-01-23T00:05:00+08:00'));
    await runSweep(h.deps);
    const { items } = await h.ok<{ items: EscalationView[] }>(SUB, 'subdistrict.escalations', {});
    expect(items.find((e) => e.title.includes('财务收支') && e.communityId === 'demo')).toMatchObject({ kind: 'disclosure', communityName: '幸福里社区', reason: '逾期未公开（应于1月15日前）' });
    const view = await h.ok<SubdistrictOverview>(SUB, 'subdistrict.overview', { month: '2027-01' });
    expect(view.communities.find((c) => c.communityId === 'demo')!.escalated).toBe(items.filter((e) => e.communityId === 'demo').length);
  });
});

describe('a concern whistled to a 街道科室 reaches the subdistrict while it waits', () => {
  it('lists its number and deadline, never its words or its resident, until the office answers', async () => {
    const text = '小区东门外占道经营，早高峰堵住人行道。';
    const c = await h.ok<{ id: string; number: string }>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text }, key());
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    const office = await addDepartment(h, '和平街道城管科', { kind: 'subdistrictOffice' });
    const property = await addDepartment(h, '物业公司');
    await h.ok('demo-grid-1', 'concern.whistle', { concernId: c.id, departmentId: office, note: '占道经营需街道城管科处理' });
    const { items } = await h.ok<{ items: EscalationView[] }>(SUB, 'subdistrict.escalations', {});
    const row = items.find((e) => e.kind === 'whistle');
    expect(row).toMatchObject({ communityId: 'demo', communityName: '幸福里社区', title: '吹哨：和平街道城管科' });
    expect(row!.reason).toContain(c.number);
    const json = JSON.stringify(items);
    for (const secret of [text, '刘阿姨', '占道经营需街道城管科处理']) expect(json).not.toContain(secret);
    // A whistle to the property company is the community's own business.
    expect(items.filter((e) => e.title.includes('物业'))).toEqual([]);
    void property;
  });
});

describe('the subdistrict admin reads each community’s monthly report', () => {
  it('reads an issued report by naming its community, and nothing of a community outside the subdistrict', async () => {
    const month = '2026-10';
    await h.ok('demo-admin', 'report.issue', { month }, key());
    const list = await h.ok<{ items: Array<{ month: string; issued: boolean }> }>(SUB, 'report.list', { communityId: 'demo' });
    expect(list.items.find((r) => r.month === month)?.issued).toBe(true);
    const report = await h.ok<{ communityName: string; parts: unknown[] }>(SUB, 'report.get', { month, communityId: 'demo' });
    expect(report.communityName).toBe('幸福里社区');
    for (const secret of ['刘阿姨', '马大爷', '13800000001']) expect(JSON.stringify(report)).not.toContain(secret);
    expect(await h.call(SUB, 'report.get', { month })).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'communityId' }] } } });
    expect(await h.call(SUB, 'report.get', { month, communityId: 'other' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A community's own staff cannot reach another community's report by naming it.
    expect(await h.call('other-admin', 'report.get', { month, communityId: 'demo' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('a rate across communities is shown with its sample, never alone', () => {
  it('gives an integer percent rounded down from 10 cases, the sample below it, a dash for none', async () => {
    const { rateFigure } = await import('../../../../../cloudfunctions/lib/features/subdistrict/overview');
    expect(rateFigure({ num: 9, den: 10 })).toEqual({ percent: 90, sample: 10, text: '90%（n=10）' });
    expect(rateFigure({ num: 2, den: 3 })).toEqual({ percent: 66, sample: 3, text: '样本不足（n=3）' });
    expect(rateFigure({ num: 0, den: 0 })).toEqual({ percent: null, sample: 0, text: '—' });
  });
});
