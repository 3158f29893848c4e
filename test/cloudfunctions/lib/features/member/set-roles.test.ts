/**
 * A first admin named in the deployment's configuration (LINLI_ADMIN_OPENIDS) is an admin
 * whatever the member record says; taking the role away in the app would say 已保存 and change
 * nothing, so it is refused with the reason. Other roles still change for them.
 */
import type { MeView } from '../../../../../miniprogram/core/member/contract';
import { createHarness, member, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('taking the admin role from a configured first admin', () => {
  it('is refused with the reason, and they stay an admin', async () => {
    const res = await h.call('demo-admin', 'member.setRoles', { memberId: member('demo-admin'), roles: ['gridWorker'], gridIds: [h.ids['第一网格']] });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'roles', message: expect.stringContaining('系统配置的首任管理员') }] } } });
    expect((await h.ok<MeView>('demo-admin', 'member.me')).roles).toContain('admin');
  });
  it('still lets other roles be added to them', async () => {
    const view = await h.ok<{ roles: string[] }>('demo-admin', 'member.setRoles', { memberId: member('demo-admin'), roles: ['admin', 'gridWorker'], gridIds: [h.ids['第一网格']] });
    expect(view.roles.sort()).toEqual(['admin', 'gridWorker']);
  });
  it('does not stand in the way for an admin made in the app', async () => {
    await h.ok('demo-admin', 'member.setRoles', { memberId: member('second-admin'), roles: ['admin'], name: '孙主任' });
    const view = await h.ok<{ roles: string[] }>('demo-admin', 'member.setRoles', { memberId: member('second-admin'), roles: ['volunteer'] });
    expect(view.roles).toEqual(['volunteer']);
  });
});

describe('a refused word in a name an admin gives', () => {
  it('is refused naming the field', async () => {
    expect(await h.call('demo-admin', 'member.setRoles', { memberId: member('new-staff'), roles: ['volunteer'], name: '赌博王' })).toMatchObject({ error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: 'name' }] } } });
  });
});
