/**
 * Sign-ups and activities written before names rode on them (issue 18) still show those
 * names: the roster and the withdrawal notice read the volunteer, the editor reads the
 * lead's member record. And the names that ride on new documents are the ones read before.
 */
import type { ActivityView, RosterView, SignupView } from '../../../../../miniprogram/core/volunteer/contract';
import { op } from '../../../../../cloudfunctions/lib/ports/store';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { makeActivity, makeTeam, volunteers } from '../../../../support/volunteering';

let h: Harness;
let teamId: string;
beforeEach(async () => {
  h = await createHarness();
  teamId = await makeTeam(h);
});
afterEach(() => h.close());

async function signedUp(n: number) {
  const people = await volunteers(h, n);
  const a = await makeActivity(h, { teamId, seats: 1 });
  const signups: SignupView[] = [];
  for (const p of people) signups.push(await h.ok<SignupView>(p, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key()));
  return { people, a, signups };
}

const forget = async (collection: 'signups' | 'activities', id: string, field: string) => {
  await h.deps.store.update(collection, id, { [field]: op.unset() });
};

describe('names on sign-ups', () => {
  it('are the volunteer names the roster showed, with or without them on the sign-up', async () => {
    const { a, signups } = await signedUp(2);
    const fresh = await h.ok<RosterView>('demo-admin', 'activity.roster', { activityId: a.id });
    expect([...fresh.attendees, ...fresh.waitlist].map((e) => e.name).sort()).toEqual(['志愿者0', '志愿者1']);
    for (const s of signups) await forget('signups', s.id, 'name');
    const older = await h.ok<RosterView>('demo-admin', 'activity.roster', { activityId: a.id });
    expect(older).toEqual(fresh);
  });

  it('name the volunteer in the organiser’s withdrawal notice of an older sign-up', async () => {
    const { people, signups } = await signedUp(1);
    await forget('signups', signups[0].id, 'name');
    await h.ok(people[0], 'activity.withdraw', { signupId: signups[0].id, reason: '临时有事' });
    const inbox = await h.deps.store.query<{ _id: string; kind: string; body: string }>('inbox', { where: { communityId: 'demo', recipientId: member('demo-admin') }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 50 });
    const told = inbox.items.filter((m) => m.kind === 'activity.withdrawn');
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((m) => m.body.startsWith('志愿者0退出了'))).toBe(true);
  });
});

describe('the lead’s name on an activity', () => {
  it('is the one the editor showed, and an older activity without it still shows it', async () => {
    const draft = await makeActivity(h, { teamId, publish: false });
    const fresh = await h.ok<ActivityView>('demo-admin', 'activity.get', { activityId: draft.id });
    expect(fresh.leadName).toBeTruthy();
    await forget('activities', draft.id, 'leadName');
    expect((await h.ok<ActivityView>('demo-admin', 'activity.get', { activityId: draft.id })).leadName).toBe(fresh.leadName);
  });
});
