/**
 * Until the sign-up and ledger actions exist on this branch: volunteers, teams, activities,
 * sign-ups, attendance and hour entries written straight through the store, shaped as the
 * records in cloudfunctions/lib/features/volunteer/records.ts.
 */
import type { Harness } from './harness';
import { member } from './harness';
import type { ActivityRecord, HourEntryRecord, VolunteerRecord } from '../../cloudfunctions/lib/features/volunteer/records';

export async function addVolunteer(h: Harness, openid: string, o: { name: string; number: string; idNumber?: string; communityId?: string }): Promise<string> {
  const memberId = member(openid);
  const id = o.idNumber ?? null;
  const record: VolunteerRecord = {
    _id: `vol_${memberId}`,
    communityId: o.communityId ?? 'demo',
    memberId,
    name: o.name,
    volunteerNumber: o.number,
    skills: [],
    availability: '',
    partyMember: null,
    birthDate: null,
    idNumberEnc: id ? h.deps.cipher.encrypt(id) : null,
    idNumberMasked: id ? `${id.slice(0, 3)}***********${id.slice(-4)}` : null,
    trainings: [],
    resident: true,
    status: 'active',
    verifiedBy: null,
    version: 1,
    createdAt: h.clock.now(),
    updatedAt: h.clock.now(),
  };
  await h.deps.store.insert('volunteers', record);
  return memberId;
}

export async function addTeam(h: Harness, teamId: string, name: string, communityId = 'demo'): Promise<string> {
  await h.deps.store.insert('teams', { _id: teamId, communityId, name, description: '', leaderIds: [], active: true, version: 1, createdAt: h.clock.now(), updatedAt: h.clock.now() });
  return teamId;
}

export async function addActivity(h: Harness, activityId: string, o: { title: string; teamId?: string; communityId?: string; startAt?: number; rounding?: ActivityRecord['rounding'] }): Promise<ActivityRecord> {
  const startAt = o.startAt ?? h.clock.now() - 3 * 24 * 3600_000;
  const record: ActivityRecord = {
    _id: activityId,
    communityId: o.communityId ?? 'demo',
    teamId: o.teamId ?? 'team_green',
    title: o.title,
    description: '',
    place: '社区广场',
    status: 'finished',
    roles: [{ roleId: 'r1', name: '清扫', skill: null, training: null, minAge: null }],
    shifts: [{ shiftId: 's1', startAt, endAt: startAt + 2 * 3600_000 }],
    seats: [{ shiftId: 's1', roleId: 'r1', seats: 5 }],
    signupDeadline: startAt - 3600_000,
    leadId: member('demo-grid-1'),
    organiserId: member('demo-grid-1'),
    risky: false,
    insured: false,
    rounding: o.rounding ?? 'none',
    graceMinutes: 15,
    dailyCapMinutes: 480,
    codeSecret: 'secret',
    cancelledReason: null,
    version: 1,
    createdAt: startAt - 7 * 24 * 3600_000,
    updatedAt: startAt,
    startAt,
    endAt: startAt + 2 * 3600_000,
  };
  await h.deps.store.insert('activities', record);
  return record;
}

let seq = 0;
export async function addEntry(
  h: Harness,
  o: { memberId: string; activityId: string; minutes: number; status?: HourEntryRecord['status']; serviceDate?: string; teamId?: string; communityId?: string; kind?: HourEntryRecord['kind']; corrects?: string },
): Promise<HourEntryRecord> {
  seq += 1;
  const status = o.status ?? 'verified';
  const record: HourEntryRecord = {
    _id: `he_test_${seq}`,
    communityId: o.communityId ?? 'demo',
    memberId: o.memberId,
    activityId: o.activityId,
    teamId: o.teamId ?? 'team_green',
    leadId: member('demo-grid-1'),
    shiftId: 's1',
    kind: o.kind ?? 'attendance',
    minutes: o.minutes,
    content: '清扫绿地',
    serviceDate: o.serviceDate ?? '2026-11-20',
    status,
    flags: [],
    corrects: o.corrects ?? null,
    reason: o.kind === 'adjustment' ? '签退时间记错' : null,
    decidedBy: status === 'pending' ? null : member('demo-grid-1'),
    secondBy: null,
    decidedAt: status === 'pending' ? null : h.clock.now(),
    createdBy: member('demo-grid-1'),
    createdAt: h.clock.now(),
    version: 1,
  };
  await h.deps.store.insert('hourEntries', record);
  return record;
}

export async function addSignup(h: Harness, activityId: string, memberId: string, status: 'booked' | 'waitlisted' = 'booked'): Promise<void> {
  const now = h.clock.now();
  await h.deps.store.insert('signups', {
    _id: `vs_${activityId}_s1_${memberId}`, communityId: 'demo', activityId, shiftId: 's1', roleId: 'r1', memberId,
    startAt: now, endAt: now, status, claim: 'c1', offeredUntil: null, withdrawReason: null, version: 1, createdAt: now, updatedAt: now,
  });
}

export async function addAttendance(h: Harness, activityId: string, memberId: string, inAt: number): Promise<void> {
  await h.deps.store.insert('attendance', {
    _id: `ci_${activityId}_s1_${memberId}`, communityId: 'demo', activityId, shiftId: 's1', memberId,
    inAt, inMethod: 'code', outAt: inAt + 2 * 3600_000, outMethod: 'code', deviceKey: null, recordedBy: null, reason: null, flags: [], version: 1,
  });
}

/** 刘阿姨 as a volunteer of 幸福里 with 5 verified hours in 植绿护绿 and a pending hour. */
export async function ledgerWorld(h: Harness) {
  const resident = await addVolunteer(h, 'demo-resident-1', { name: '刘阿姨', number: 'V0001', idNumber: '110101195501011234' });
  await addTeam(h, 'team_green', '党员志愿者服务队');
  await addActivity(h, 'act_green', { title: '植绿护绿', rounding: 'halfHour' });
  await addActivity(h, 'act_visit', { title: '探访独居老人' });
  const e1 = await addEntry(h, { memberId: resident, activityId: 'act_green', minutes: 180, serviceDate: '2026-10-03' });
  const e2 = await addEntry(h, { memberId: resident, activityId: 'act_visit', minutes: 120, serviceDate: '2026-11-20' });
  const pending = await addEntry(h, { memberId: resident, activityId: 'act_visit', minutes: 60, status: 'pending', serviceDate: '2026-11-25' });
  return { resident, entries: [e1, e2], pending };
}
