/**
 * Becoming a volunteer: residents at once, people from outside after staff verify them; the
 * community's numbers in order; the ID number sealed and only ever shown masked; and nobody
 * else's phone or ID number in anything a volunteer reads.
 */
import type { VolunteerRecord } from '../../../../../cloudfunctions/lib/features/volunteer/records';
import type { MeView } from '../../../../../miniprogram/core/member/contract';
import type { ActivityView, RosterView, SignupView, TeamView, VolunteerView } from '../../../../../miniprogram/core/volunteer/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { makeActivity, makeTeam } from '../../../../support/volunteering';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/** A valid 居民身份证 number (check digit per GB 11643). */
const ID_NUMBER = '11010519491231002X';

describe('a resident registers', () => {
  it('is active at once, gets the volunteer role and the next number, and sees the ID number only masked', async () => {
    const first = await h.ok<VolunteerView>('demo-resident-1', 'volunteer.register', { name: '刘阿姨', skills: ['急救', '急救'], availability: '周末上午', birthDate: '1960-05-01', idNumber: ID_NUMBER });
    const second = await h.ok<VolunteerView>('demo-resident-2', 'volunteer.register', { name: '马大爷' });
    expect(first).toMatchObject({ status: 'active', volunteerNumber: 'V0001', skills: ['急救'], partyMember: null, idNumberMasked: '110105********002X' });
    expect(second.volunteerNumber).toBe('V0002');
    expect(JSON.stringify(first)).not.toContain(ID_NUMBER);
    expect((await h.ok<MeView>('demo-resident-1', 'member.me')).roles.sort()).toEqual(['resident', 'volunteer']);
    const stored = (await h.deps.store.get<VolunteerRecord>('volunteers', first.id))!;
    expect(stored.idNumberEnc).not.toContain(ID_NUMBER);
    expect(h.deps.cipher.decrypt(stored.idNumberEnc!)).toBe(ID_NUMBER);
  });

  it('updates the same record when registering again, keeping the number', async () => {
    await h.ok('demo-resident-1', 'volunteer.register', { name: '刘阿姨' });
    const again = await h.ok<VolunteerView>('demo-resident-1', 'volunteer.register', { name: '刘秀兰', partyMember: true });
    expect(again).toMatchObject({ volunteerNumber: 'V0001', name: '刘秀兰', partyMember: true });
  });

  it('gets one number even when registering twice at once', async () => {
    const [a, b] = await Promise.all([0, 1].map(() => h.call<VolunteerView>('demo-resident-1', 'volunteer.register', { name: '刘阿姨' })));
    const numbers = [a, b].filter((r) => r.ok).map((r) => (r.ok ? r.data.volunteerNumber : ''));
    expect(new Set(numbers)).toEqual(new Set(['V0001']));
    expect((await h.ok<VolunteerView>('demo-resident-2', 'volunteer.register', { name: '马大爷' })).volunteerNumber).toBe('V0002');
  });

  it('is refused a wrong ID number on the field', async () => {
    expect(await h.call('demo-resident-1', 'volunteer.register', { name: '刘阿姨', idNumber: '110105194912310021' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'idNumber' }] } } });
  });
});

describe('someone from outside the community', () => {
  it('registers for a community, waits for staff verification, then may sign up', async () => {
    const student = 'student-1';
    const v = await h.ok<VolunteerView>(student, 'volunteer.register', { communityId: 'demo', name: '小周同学', birthDate: '2008-03-01' });
    expect(v).toMatchObject({ status: 'pendingVerification', resident: false });
    expect((await h.ok<MeView>(student, 'member.me')).roles).toEqual(['volunteer']);
    const teamId = await makeTeam(h);
    const a = await makeActivity(h, { teamId });
    expect(await h.call(student, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const pending = await h.ok<{ items: VolunteerView[] }>('demo-admin', 'volunteer.list', { status: 'pendingVerification' });
    expect(pending.items.map((x) => x.name)).toEqual(['小周同学']);
    await h.ok('demo-admin', 'volunteer.verify', { volunteerId: v.id, decision: 'approve', trainings: ['消防安全'] });
    expect(await h.ok<SignupView>(student, 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key())).toMatchObject({ status: 'booked' });
  });

  it('keeps the number of a registration whose role was never given (a crash between the two)', async () => {
    const student = 'student-3';
    const first = await h.ok<VolunteerView>(student, 'volunteer.register', { communityId: 'demo', name: '小周同学' });
    // As if the call died after the numbering transaction, before the member record was made.
    await h.deps.store.remove('members', member(student));
    const again = await h.ok<VolunteerView>(student, 'volunteer.register', { communityId: 'demo', name: '周同学' });
    expect(again).toMatchObject({ id: first.id, volunteerNumber: first.volunteerNumber, name: '周同学' });
    expect((await h.ok<MeView>(student, 'member.me')).roles).toEqual(['volunteer']);
    expect((await h.ok<VolunteerView>('demo-resident-1', 'volunteer.register', { name: '刘阿姨' })).volunteerNumber).toBe('V0002');
  });

  it('must name a community, and a member of another community cannot register here', async () => {
    expect(await h.call('student-2', 'volunteer.register', { name: '小李' })).toMatchObject({ ok: false, error: { details: { issues: [{ path: 'communityId' }] } } });
    expect(await h.call('demo-resident-1', 'volunteer.register', { communityId: 'other', name: '刘阿姨' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('privacy between volunteers', () => {
  it('no volunteer sees another’s phone or ID number, a leader’s roster included', async () => {
    await h.ok('demo-resident-1', 'privacy.setPhone', { code: 'demo-13800000001' });
    await h.ok('demo-resident-1', 'volunteer.register', { name: '刘阿姨', idNumber: ID_NUMBER });
    await h.ok('demo-resident-2', 'volunteer.register', { name: '马大爷' });
    await h.ok('demo-volunteer-1', 'volunteer.register', { name: '陈志愿' });
    const teamId = await makeTeam(h, '助老探访队', [member('demo-volunteer-1')]);
    const a = await makeActivity(h, { teamId, as: 'demo-volunteer-1', seats: 1 });
    await h.ok('demo-resident-1', 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key());
    await h.ok('demo-resident-2', 'activity.signup', { activityId: a.id, shiftId: 's1', roleId: 'r1' }, key());
    const seen = [
      await h.ok<RosterView>('demo-volunteer-1', 'activity.roster', { activityId: a.id }),
      await h.ok<ActivityView>('demo-resident-2', 'activity.get', { activityId: a.id }),
      await h.ok<{ items: TeamView[] }>('demo-resident-2', 'team.list', {}),
      await h.ok<{ items: ActivityView[] }>('demo-resident-2', 'activity.list', {}),
    ];
    const json = JSON.stringify(seen);
    for (const secret of [ID_NUMBER, '110105********002X', '13800000001', '138****0001']) expect(json).not.toContain(secret);
    // The other volunteer's view of the activity does not even name her.
    expect(JSON.stringify(seen.slice(1))).not.toContain('刘阿姨');
    expect((seen[0] as RosterView).attendees.map((e) => e.name)).toEqual(['刘阿姨']);
  });

  it('volunteer.list (staff) shows the ID number masked only', async () => {
    await h.ok('demo-resident-1', 'volunteer.register', { name: '刘阿姨', idNumber: ID_NUMBER });
    const json = JSON.stringify(await h.ok('demo-admin', 'volunteer.list', {}));
    expect(json).toContain('110105********002X');
    expect(json).not.toContain(ID_NUMBER);
  });
});

describe('numbers are claimed one by one, without a transaction (kernel/numbering.ts)', () => {
  const num = (v: VolunteerView) => Number(v.volunteerNumber.slice(1));

  it('continues the counter kept before numbers were claimed', async () => {
    await h.deps.store.set('counters', { _id: 'ctr_demo_volunteer', communityId: 'demo', value: 7 });
    expect((await h.ok<VolunteerView>('demo-resident-1', 'volunteer.register', { name: '刘阿姨' })).volunteerNumber).toBe('V0008');
    expect((await h.ok<VolunteerView>('demo-resident-2', 'volunteer.register', { name: '马大爷' })).volunteerNumber).toBe('V0009');
  });

  it('gives parallel registrations of different people distinct numbers without gaps, each one record and one role', async () => {
    const who = ['demo-resident-1', 'demo-resident-2', 'student-1', 'student-2'];
    const all = await Promise.all(who.map((o) => h.ok<VolunteerView>(o, 'volunteer.register', { communityId: o.startsWith('student') ? 'demo' : undefined, name: '志愿者甲' })));
    expect(all.map(num).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    for (const o of who) expect((await h.ok<MeView>(o, 'member.me')).roles).toContain('volunteer');
  });

  it('a claim whose record never landed is finished by its retry, or by the next registration', async () => {
    const first = await h.ok<VolunteerView>('demo-resident-1', 'volunteer.register', { name: '刘阿姨' });
    // As if the call died between its claim and its record (the role already given).
    await h.deps.store.remove('volunteers', first.id);
    const next = await h.ok<VolunteerView>('demo-resident-2', 'volunteer.register', { name: '马大爷' });
    expect(next.volunteerNumber).toBe('V0002');
    expect((await h.deps.store.get<VolunteerRecord>('volunteers', first.id))?.volunteerNumber).toBe('V0001');
    const again = await h.ok<VolunteerView>('demo-resident-1', 'volunteer.register', { name: '刘阿姨' });
    expect(again).toMatchObject({ id: first.id, volunteerNumber: 'V0001' });
  });

  it('a retry meets its own claim when the record is missing, and the registration event is there once', async () => {
    const first = await h.ok<VolunteerView>('student-1', 'volunteer.register', { communityId: 'demo', name: '小周同学' });
    await h.deps.store.remove('volunteers', first.id);
    const again = await h.ok<VolunteerView>('student-1', 'volunteer.register', { communityId: 'demo', name: '小周同学' });
    expect(again).toMatchObject({ id: first.id, volunteerNumber: 'V0001', status: 'pendingVerification' });
    const events = (await h.deps.store.query<{ _id: string; type: string; subject: string }>('events', { where: { communityId: 'demo' }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items;
    expect(events.filter((e) => e.subject === `volunteer:${first.id}` && e.type === 'volunteer.registered')).toHaveLength(1);
  });
});
