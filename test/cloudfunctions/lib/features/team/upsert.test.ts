/** Editing a team: a retry of the same request answers as the first did, without a second version or event. */
import type { TeamView } from '../../../../../miniprogram/core/volunteer/contract';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { makeTeam } from '../../../../support/volunteering';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function teamEvents(teamId: string) {
  return (await h.deps.store.query('events', { where: { communityId: 'demo', subject: `team:${teamId}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items as Array<{ type: string }>;
}

describe('editing a team', () => {
  it('answers a retry with the first edit, one version and one event', async () => {
    const teamId = await makeTeam(h);
    const k = key();
    const edit = { teamId, name: '植绿护绿服务队', description: '社区绿化养护与宣传', leaderIds: [], active: true };
    const first = await h.ok<TeamView>('demo-admin', 'team.upsert', edit, k);
    const again = await h.ok<TeamView>('demo-admin', 'team.upsert', edit, k);
    expect(again).toEqual(first);
    const stored = await h.deps.store.get<{ _id: string; version: number; name: string }>('teams', teamId);
    expect(stored).toMatchObject({ version: 2, name: '植绿护绿服务队' });
    expect((await teamEvents(teamId)).map((e) => e.type).sort()).toEqual(['team.created', 'team.updated']);
  });

  it('puts the edit\'s event in the log on a retry when the first call died before it', async () => {
    const teamId = await makeTeam(h);
    const k = key();
    const edit = { teamId, name: '植绿护绿服务队', description: '社区绿化养护', leaderIds: [], active: true };
    await h.ok('demo-admin', 'team.upsert', edit, k);
    const updated = (await teamEvents(teamId)).find((e) => e.type === 'team.updated') as unknown as { _id: string };
    // As if the instance died between the team's update and the event's insert.
    await h.deps.store.remove('events', updated._id);
    await h.ok('demo-admin', 'team.upsert', edit, k);
    expect((await teamEvents(teamId)).map((e) => e.type).sort()).toEqual(['team.created', 'team.updated']);
  });

  it('makes a new version for a new request with the same content', async () => {
    const teamId = await makeTeam(h);
    const edit = { teamId, name: '植绿护绿服务队', description: '社区绿化养护', leaderIds: [], active: true };
    await h.ok('demo-admin', 'team.upsert', edit, key());
    await h.ok('demo-admin', 'team.upsert', edit, key());
    expect(await h.deps.store.get('teams', teamId)).toMatchObject({ version: 3 });
  });
});
