/**
 * 居务监督委员会: an admin records a term (how it was chosen, its dates, its members); its
 * members with an account hold the `supervisor` role for that term only — a new term takes it
 * from those not chosen again, the sweep takes it at the term's end — and the staff it
 * supervises cannot sit on it. member.setRoles neither grants nor removes the role.
 */
import type { CommitteeView } from '../../../../../miniprogram/core/disclosure/supervision-contract';
import type { MeView } from '../../../../../miniprogram/core/member/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { addDepartment, joinAsContact } from '../../../../support/departments';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { appointCommittee, inbox } from '../disclosure/committee-fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const roles = async (who: string) => (await h.ok<MeView>(who, 'member.me')).roles;
const committee = (who: string) => h.ok<CommitteeView>(who, 'supervision.committee');
/** 00:05 Beijing time on a day. */
const morningOf = (day: string) => Date.parse(`${day}T00:05:00+08:00`);

describe('an appointed term', () => {
  it('gives its members with an account the supervisor role and tells them', async () => {
    await appointCommittee(h);
    expect(await roles('demo-resident-1')).toEqual(expect.arrayContaining(['resident', 'supervisor']));
    expect(await roles('demo-volunteer-1')).toEqual(expect.arrayContaining(['volunteer', 'supervisor']));
    expect(await roles('demo-resident-2')).not.toContain('supervisor');
    const told = (await inbox(h, 'demo-resident-1')).filter((m) => m.kind === 'supervision.appointed');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: '您已被推选为居务监督委员会成员', page: '/disclosure/committee/index' });
  });

  it('is read by everyone in the community: names, positions, how chosen, the term', async () => {
    await appointCommittee(h);
    const view = await committee('demo-resident-2');
    expect(view).toMatchObject({ chosenByLabel: '居民会议推选', startsOn: '2026-11-01', endsOn: '2029-10-31', current: true, past: [] });
    expect(view.members).toEqual([
      { name: '刘阿姨', position: 'chair', positionLabel: '主任', onApp: true, isMe: false },
      { name: '陈志愿', position: 'member', positionLabel: '委员', onApp: true, isMe: false },
      { name: '周大爷', position: 'member', positionLabel: '委员', onApp: false, isMe: false },
    ]);
    expect((await committee('demo-resident-1')).members[0].isMe).toBe(true);
    // Nothing of it in another community.
    expect((await h.ok<CommitteeView>('other-admin', 'supervision.committee')).termId).toBeNull();
  });

  it('is one term however often the same appointment is sent; a different one on that day is refused', async () => {
    await appointCommittee(h);
    await appointCommittee(h);
    expect((await committee('demo-admin')).past).toEqual([]);
    const other = await h.call('demo-admin', 'supervision.appoint', {
      chosenBy: 'representativesMeeting', startsOn: '2026-11-01', endsOn: '2029-10-31', members: [{ memberId: member('demo-resident-2'), name: '孙先生', position: 'chair' }],
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { issues: [{ path: 'startsOn' }] } } });
    expect(await roles('demo-resident-2')).not.toContain('supervisor');
  });

  it('is recorded by admins only', async () => {
    const res = await h.call('demo-grid-1', 'supervision.appoint', { chosenBy: 'residentsMeeting', startsOn: '2026-11-01', endsOn: '2029-10-31', members: [{ name: '周大爷', position: 'chair' }] });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('staff cannot be appointed', () => {
  it.each([
    ['a grid worker', 'demo-grid-1', '李秀英'],
    ['an admin', 'demo-admin', '王书记'],
    ['a department contact', 'demo-dept-1', '刘经理'],
  ])('refuses %s, naming the row, and grants nothing', async (_label, who, name) => {
    if (who === 'demo-dept-1') await joinAsContact(h, await addDepartment(h), who, name);
    const res = await h.call('demo-admin', 'supervision.appoint', {
      chosenBy: 'residentsMeeting', startsOn: '2026-11-01', endsOn: '2029-10-31',
      members: [{ memberId: member('demo-resident-1'), name: '刘阿姨', position: 'chair' }, { memberId: member(who), name, position: 'member' }],
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'members.1.memberId', message: expect.stringContaining('不能担任居务监督委员会成员') }] } } });
    expect((await committee('demo-admin')).termId).toBeNull();
    expect(await roles('demo-resident-1')).not.toContain('supervisor');
  });

  it('refuses an account that is neither a bound resident nor a volunteer here', async () => {
    // A member record with no role yet (as a grid worker's is after their role is taken away).
    await h.ok('demo-admin', 'member.setRoles', { memberId: member('demo-visitor-1'), roles: [], name: '孙先生' });
    const res = await h.call('demo-admin', 'supervision.appoint', {
      chosenBy: 'residentsMeeting', startsOn: '2026-11-01', endsOn: '2029-10-31', members: [{ memberId: member('demo-visitor-1'), name: '孙先生', position: 'chair' }],
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'members.0.memberId', message: expect.stringContaining('还没有绑定本社区的住户') }] } } });
  });

  it('refuses someone who is not a member of this community', async () => {
    const res = await h.call('demo-admin', 'supervision.appoint', {
      chosenBy: 'residentsMeeting', startsOn: '2026-11-01', endsOn: '2029-10-31', members: [{ memberId: member('other-admin'), name: '外社区', position: 'chair' }],
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { issues: [{ path: 'members.0.memberId' }] } } });
  });
});

describe('a new term', () => {
  it('takes the role from members not chosen again, keeps it for those who are, and ends the term before', async () => {
    await appointCommittee(h);
    // Today (2026-11-28) the next term begins: 陈志愿 stays, 刘阿姨 does not, 孙先生 joins.
    await appointCommittee(h, {
      startsOn: '2026-11-28',
      members: [{ who: 'demo-volunteer-1', name: '陈志愿', position: 'chair' }, { who: 'demo-resident-2', name: '孙先生', position: 'member' }],
    });
    expect(await roles('demo-resident-1')).not.toContain('supervisor');
    expect(await roles('demo-resident-1')).toContain('resident');
    expect(await roles('demo-volunteer-1')).toContain('supervisor');
    expect(await roles('demo-resident-2')).toContain('supervisor');
    const view = await committee('demo-resident-1');
    expect(view).toMatchObject({ startsOn: '2026-11-28', current: true });
    expect(view.members.map((m) => m.name)).toEqual(['陈志愿', '孙先生']);
    expect(view.past).toEqual([{ termId: expect.any(String), startsOn: '2026-11-01', endsOn: '2026-11-27', chosenByLabel: '居民会议推选' }]);
    // The member's record says why the role went.
    const steps = await h.deps.store.query('events', {
      where: { communityId: 'demo', subject: `member:${member('demo-resident-1')}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 50,
    });
    expect(steps.items.filter((e) => e.type === 'member.rolesChanged').map((e) => e.note ?? '')).toEqual(expect.arrayContaining([expect.stringContaining('任期结束')]));
  });

  it('that begins later leaves the sitting term in office until its first day, then the sweep hands over', async () => {
    await appointCommittee(h);
    await appointCommittee(h, { startsOn: '2026-12-05', members: [{ who: 'demo-resident-2', name: '孙先生', position: 'chair' }] });
    expect(await roles('demo-resident-1')).toContain('supervisor');
    expect(await roles('demo-resident-2')).not.toContain('supervisor');
    expect((await committee('demo-admin')).startsOn).toBe('2026-11-01');

    h.clock.set(morningOf('2026-12-05'));
    const report = await runSweep(h.deps);
    expect(report.failed).toEqual([]);
    expect(await roles('demo-resident-1')).not.toContain('supervisor');
    expect(await roles('demo-resident-2')).toContain('supervisor');
    expect((await committee('demo-admin')).startsOn).toBe('2026-12-05');
  });

  it('must begin after the last recorded one', async () => {
    await appointCommittee(h);
    const res = await h.call('demo-admin', 'supervision.appoint', { chosenBy: 'residentsMeeting', startsOn: '2026-10-01', endsOn: '2029-09-30', members: [{ name: '周大爷', position: 'chair' }] });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'startsOn' }] } } });
  });
});

describe('at the end of the term', () => {
  it('the sweep takes the role the next morning, and the committee reads as no longer sitting', async () => {
    await appointCommittee(h, { startsOn: '2026-11-01', endsOn: '2026-11-30' });
    h.clock.set(Date.parse('2026-11-30T23:50:00+08:00'));
    await runSweep(h.deps);
    expect(await roles('demo-resident-1')).toContain('supervisor');

    h.clock.set(morningOf('2026-12-01'));
    const report = await runSweep(h.deps);
    expect(report.failed).toEqual([]);
    expect(await roles('demo-resident-1')).not.toContain('supervisor');
    expect(await roles('demo-volunteer-1')).not.toContain('supervisor');
    expect(await committee('demo-resident-2')).toMatchObject({ startsOn: '2026-11-01', current: false });
    // A second sweep finds nothing left to do.
    const again = await h.deps.store.query('events', { where: { communityId: 'demo', type: 'supervision.termEnded' }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    await runSweep(h.deps);
    expect((await h.deps.store.query('events', { where: { communityId: 'demo', type: 'supervision.termEnded' }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 })).items).toHaveLength(again.items.length);
    expect(again.items).toHaveLength(1);
  });
});

describe('member.setRoles and the supervisor role', () => {
  it('cannot grant it', async () => {
    const res = await h.call('demo-admin', 'member.setRoles', { memberId: member('demo-resident-2'), roles: ['resident', 'supervisor'] });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'roles', message: expect.stringContaining('随登记的任期产生') }] } } });
    expect(await roles('demo-resident-2')).not.toContain('supervisor');
  });

  it('cannot remove it: other roles change, the term’s role stays', async () => {
    await appointCommittee(h);
    const view = await h.ok<{ roles: string[] }>('demo-admin', 'member.setRoles', { memberId: member('demo-resident-1'), roles: ['volunteer'] });
    expect(view.roles.sort()).toEqual(['resident', 'supervisor', 'volunteer']);
    expect((await roles('demo-resident-1')).sort()).toEqual(['resident', 'supervisor', 'volunteer']);
  });

  it('cannot make a sitting member staff', async () => {
    await appointCommittee(h);
    const res = await h.call('demo-admin', 'member.setRoles', { memberId: member('demo-volunteer-1'), roles: ['volunteer', 'gridWorker'], gridIds: [h.ids['第一网格']] });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'roles', message: expect.stringContaining('不能担任社区工作人员') }] } } });
  });
});
