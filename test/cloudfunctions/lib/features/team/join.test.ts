/** Teams: admins name leaders from the volunteer roll; volunteers join once, however often they tap. */
import type { TeamView } from '../../../../../miniprogram/core/volunteer/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { makeTeam, volunteers } from '../../../../support/volunteering';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('joining a team', () => {
  it('counts a volunteer once even when they tap join many times at once', async () => {
    const [p] = await volunteers(h, 1);
    const teamId = await makeTeam(h);
    await Promise.all(Array.from({ length: 10 }, () => h.ok(p, 'team.join', { teamId })));
    const [team] = (await h.ok<{ items: TeamView[] }>(p, 'team.list', {})).items;
    expect(team).toMatchObject({ memberCount: 1, joined: true });
    expect(team.allowedActions).not.toContain('team.join');
  });

  it('needs a volunteer registration first', async () => {
    const teamId = await makeTeam(h);
    expect(await h.call('demo-resident-1', 'team.join', { teamId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('naming leaders', () => {
  it('takes registered volunteers only, makes them members, and shows their names to staff only', async () => {
    const [leader] = await volunteers(h, 1, 'leader');
    expect(await h.call('demo-admin', 'team.upsert', { name: '植绿护绿队', leaderIds: [member('demo-resident-1')] }, key())).toMatchObject({ ok: false, error: { details: { issues: [{ path: 'leaderIds' }] } } });
    await makeTeam(h, '植绿护绿队', [member(leader)]);
    const staffView = (await h.ok<{ items: TeamView[] }>('demo-admin', 'team.list', {})).items[0];
    expect(staffView).toMatchObject({ memberCount: 1, leaders: [{ name: '志愿者0' }] });
    const residentView = (await h.ok<{ items: TeamView[] }>('demo-resident-1', 'team.list', {})).items[0];
    expect(residentView.leaders).toBeUndefined();
    expect((await h.ok<{ items: TeamView[] }>(leader, 'team.list', {})).items[0]).toMatchObject({ leading: true, joined: true });
  });
});
