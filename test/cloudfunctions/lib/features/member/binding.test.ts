/**
 * Becoming a resident: by a one-time invite code, or by a request the building's grid
 * worker reviews. Covers the races a busy community produces.
 */
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import type { MeView, BindingRequestView } from '../../../../../miniprogram/core/member/contract';
import { op } from '../../../../../cloudfunctions/lib/ports/store';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function invite(building = '2号楼', unit = '2', room = '202'): Promise<string> {
  const { invites } = await h.ok<{ invites: Array<{ code: string }> }>('demo-admin', 'member.issueInvites', {
    households: [{ buildingId: h.ids[building], unit, room }],
  });
  return invites[0].code;
}

describe('an invite code binds a visitor to the household once', () => {
  it('makes the visitor a resident of that address', async () => {
    const code = await invite();
    const me = await h.ok<MeView>('newcomer', 'member.redeemInvite', { code: code.toLowerCase().replace(/(....)/, '$1-') });
    expect(me.roles).toEqual(['resident']);
    expect(me.household).toMatchObject({ buildingName: '2号楼', unit: '2', room: '202' });
    expect(me.allowedActions).toContain('concern.submit');
    expect(me.allowedActions).not.toContain('member.redeemInvite');
  });
  it('binds by an invite written before invites named their flat (the household is read)', async () => {
    const code = await invite('2号楼', '3', '303');
    await h.deps.store.update('invites', `inv_${code}`, { household: op.unset() });
    expect((await h.deps.store.get('invites', `inv_${code}`))?.household).toBeUndefined();
    const me = await h.ok<MeView>('newcomer', 'member.redeemInvite', { code });
    expect(me.household).toMatchObject({ buildingName: '2号楼', unit: '3', room: '303' });
  });
  it('tells a member of another community so, and leaves the code for its household', async () => {
    const code = await invite();
    const other = await h.ok<{ communityId: string }>('demo-subdistrict', 'subdistrict.createCommunity', { name: '朝阳社区' }, key());
    const adminCode = await h.ok<{ code: string }>('demo-subdistrict', 'subdistrict.issueAdminCode', { communityId: other.communityId });
    await h.ok('elsewhere', 'subdistrict.redeemAdminCode', { code: adminCode.code, name: '外社区' });
    expect(await h.call('elsewhere', 'member.redeemInvite', { code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await h.ok<MeView>('newcomer', 'member.redeemInvite', { code })).roles).toEqual(['resident']);
  });
  it('refuses a used, unknown or expired code with INVITE_INVALID', async () => {
    const code = await invite();
    await h.ok('newcomer', 'member.redeemInvite', { code });
    expect(await h.call('another', 'member.redeemInvite', { code })).toMatchObject({ error: { code: 'INVITE_INVALID' } });
    expect(await h.call('another', 'member.redeemInvite', { code: 'ABCDEFGH' })).toMatchObject({ error: { code: 'INVITE_INVALID' } });
    const late = await invite('2号楼', '1', '101');
    h.clock.advance(31 * 24 * 3600 * 1000);
    expect(await h.call('another', 'member.redeemInvite', { code: late })).toMatchObject({ error: { code: 'INVITE_INVALID' } });
  });
  it('lets only one of many people racing for the same code win', async () => {
    const code = await invite();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => h.call(`racer-${i}`, 'member.redeemInvite', { code })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'INVITE_INVALID')).toBe(true);
  });
  it('does not burn a code when the redeemer is already bound', async () => {
    const code = await invite();
    expect(await h.call('demo-resident-1', 'member.redeemInvite', { code })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await h.call('newcomer', 'member.redeemInvite', { code })).ok).toBe(true);
  });
});

describe('a binding request goes to the grid worker of that building', () => {
  const address = () => ({ communityId: 'demo', buildingId: h.ids['2号楼'], unit: '4', room: '401', name: '周大爷' });

  it('shows up for the worker of that grid only, and approval binds the applicant', async () => {
    const req = await h.ok<BindingRequestView>('applicant', 'member.requestBinding', address(), key());
    expect(req.status).toBe('pending');
    const mine = await h.ok<{ items: BindingRequestView[] }>('demo-grid-1', 'member.listRequests', {});
    expect(mine.items.map((r) => r.id)).toContain(req.id);
    expect(mine.items.find((r) => r.id === req.id)?.allowedActions).toEqual(['member.reviewRequest']);
    const theirs = await h.ok<{ items: BindingRequestView[] }>('demo-grid-2', 'member.listRequests', {});
    expect(theirs.items.map((r) => r.id)).not.toContain(req.id);
    expect(await h.call('demo-grid-2', 'member.reviewRequest', { requestId: req.id, decision: 'approve' })).toMatchObject({ error: { code: 'NOT_FOUND' } });

    await h.ok('demo-grid-1', 'member.reviewRequest', { requestId: req.id, decision: 'approve' });
    const me = await h.ok<MeView>('applicant', 'member.me');
    expect(me.roles).toContain('resident');
    expect(me.name).toBe('周大爷');
    expect(me.household).toMatchObject({ unit: '4', room: '401' });
  });
  it('notifies the reviewer and then the applicant', async () => {
    const req = await h.ok<BindingRequestView>('applicant', 'member.requestBinding', address(), key());
    await h.ok('demo-grid-1', 'member.reviewRequest', { requestId: req.id, decision: 'reject', reason: '门牌号与登记不符' });
    const inbox = (recipient: string) =>
      h.deps.store.query<{ _id: string; title: string; body: string }>('inbox', {
        where: { communityId: 'demo', recipientId: member(recipient) },
        orderBy: { field: 'createdAt', dir: 'desc' },
        limit: 10,
      });
    expect((await inbox('demo-grid-1')).items.map((m) => m.title)).toContain('新的住户绑定申请');
    const applicantMessages = (await inbox('applicant')).items;
    expect(applicantMessages[0]).toMatchObject({ title: '住户绑定未通过' });
    expect(applicantMessages[0].body).toContain('门牌号与登记不符');
  });
  it('requires a reason to reject', async () => {
    const req = await h.ok<BindingRequestView>('applicant', 'member.requestBinding', address(), key());
    expect(await h.call('demo-grid-1', 'member.reviewRequest', { requestId: req.id, decision: 'reject' })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
  it('returns the same request on a retry and refuses a second pending one', async () => {
    const k = key();
    const first = await h.ok<BindingRequestView>('applicant', 'member.requestBinding', address(), k);
    const again = await h.ok<BindingRequestView>('applicant', 'member.requestBinding', address(), k);
    expect(again.id).toBe(first.id);
    const other = await h.call('applicant', 'member.requestBinding', { ...address(), room: '402' }, key());
    expect(other).toMatchObject({ error: { code: 'BINDING_PENDING' } });
  });
  it('can be reopened after a rejection', async () => {
    const req = await h.ok<BindingRequestView>('applicant', 'member.requestBinding', address(), key());
    await h.ok('demo-grid-1', 'member.reviewRequest', { requestId: req.id, decision: 'reject', reason: '请核对门牌' });
    const reopened = await h.ok<BindingRequestView>('applicant', 'member.requestBinding', { ...address(), room: '402' }, key());
    expect(reopened).toMatchObject({ status: 'pending', room: '402' });
  });
  it('yields one decision when two reviewers act at once', async () => {
    const req = await h.ok<BindingRequestView>('applicant', 'member.requestBinding', address(), key());
    const [a, b] = await Promise.all([
      h.call('demo-grid-1', 'member.reviewRequest', { requestId: req.id, decision: 'approve' }),
      h.call('demo-grid-1b', 'member.reviewRequest', { requestId: req.id, decision: 'reject', reason: '重复申请' }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { code: 'CONFLICT' } });
  });
  it('refuses a building of another community or one that does not exist', async () => {
    expect(await h.call('applicant', 'member.requestBinding', { ...address(), buildingId: 'b_nope' }, key())).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await h.call('applicant', 'member.requestBinding', { ...address(), communityId: 'other' }, key())).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('roles are set by admins, audited, and residency comes only from binding', () => {
  it('grants grid worker with grids and records who changed what', async () => {
    const view = await h.ok<{ roles: string[]; gridIds: string[] }>('demo-admin', 'member.setRoles', {
      memberId: member('new-staff'), roles: ['gridWorker'], gridIds: [h.ids['第二网格']], name: '钱网格',
    });
    expect(view).toMatchObject({ roles: ['gridWorker'], gridIds: [h.ids['第二网格']] });
    const me = await h.ok<MeView>('new-staff', 'member.me');
    expect(me.allowedActions).toEqual(expect.arrayContaining(['concern.queue', 'member.listRequests']));
    const audit = await h.deps.store.query<{ _id: string; type: string; actorId: string; to: string }>('events', {
      where: { communityId: 'demo', subject: `member:${member('new-staff')}` },
      orderBy: { field: 'at', dir: 'asc' },
      limit: 10,
    });
    expect(audit.items).toEqual([expect.objectContaining({ type: 'member.rolesChanged', actorId: member('demo-admin'), to: 'gridWorker' })]);
  });
  it('keeps a resident a resident of their home when giving them another role', async () => {
    const view = await h.ok<{ roles: string[]; householdId?: string }>('demo-admin', 'member.setRoles', { memberId: member('demo-resident-1'), roles: ['volunteer'] });
    expect(view.roles.sort()).toEqual(['resident', 'volunteer']);
    expect(view.householdId).toBeDefined();
    expect((await h.ok<MeView>('demo-resident-1', 'member.me')).household).toMatchObject({ buildingName: '1号楼' });
  });
  it('refuses to grant the resident role directly', async () => {
    expect(await h.call('demo-admin', 'member.setRoles', { memberId: member('someone'), roles: ['resident'] })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
  it('cannot touch a member of another community', async () => {
    expect(await h.call('other-admin', 'member.setRoles', { memberId: member('demo-resident-1'), roles: [] })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
  it('refuses grids that are not in the community', async () => {
    expect(await h.call('demo-admin', 'member.setRoles', { memberId: member('x'), roles: ['gridWorker'], gridIds: ['g_nope'] })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
});

describe('member.me tells each person what they can do', () => {
  it('offers binding to a visitor and staff tools to staff', async () => {
    const visitor = await h.ok<MeView>('brand-new', 'member.me');
    expect(visitor.roles).toEqual(['visitor']);
    expect(visitor.allowedActions).toEqual(expect.arrayContaining(['member.requestBinding', 'member.redeemInvite']));
    expect(visitor.allowedActions).not.toContain('concern.submit');
    const staff = await h.ok<MeView>('demo-grid-1', 'member.me');
    expect(staff.allowedActions).toEqual(expect.arrayContaining(['concern.queue', 'member.reviewRequest']));
    expect(staff.allowedActions).not.toContain('member.setRoles');
  });
  it('shows a pending request instead of offering a second one', async () => {
    const me = await h.ok<MeView>('demo-visitor-1', 'member.me');
    expect(me.pendingRequest).toMatchObject({ status: 'pending', name: '孙先生' });
    expect(me.allowedActions).not.toContain('member.requestBinding');
  });
  it('never returns an openid', async () => {
    const me = await h.call('demo-resident-1', 'member.me');
    expect(JSON.stringify(me)).not.toContain('demo-resident-1');
  });
});
