/**
 * Fixtures for the volunteer features: bulk volunteers written straight to the store (as
 * residents() does: registering hundreds one by one would test registration, not the race),
 * and teams and activities made through the real actions.
 */
import { memberIdFor } from '../../cloudfunctions/lib/kernel/caller';
import type { VolunteerRecord } from '../../cloudfunctions/lib/features/volunteer/records';
import type { ActivityView } from '../../miniprogram/core/volunteer/contract';
import { key, type Harness } from './harness';
import { residents } from './fixtures';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export function volunteerRecord(openid: string, i: number, now: number, extra: Partial<VolunteerRecord> = {}): VolunteerRecord {
  const memberId = memberIdFor(openid);
  return {
    _id: `vol_${memberId}`, communityId: 'demo', memberId, name: `志愿者${i}`, volunteerNumber: `V${String(9000 + i)}`,
    skills: [], availability: '', partyMember: null, birthDate: '1980-01-01', idNumberEnc: null, idNumberMasked: null,
    trainings: [], resident: true, status: 'active', verifiedBy: null, version: 1, createdAt: now, updatedAt: now, ...extra,
  };
}

/** `count` residents who are registered, active volunteers. */
export async function volunteers(h: Harness, count: number, prefix = 'bulk-volunteer', extra: Partial<VolunteerRecord> = {}): Promise<string[]> {
  const openids = await residents(h, count, '1号楼', prefix);
  for (const [i, openid] of openids.entries()) {
    await h.deps.store.update('members', memberIdFor(openid), { roles: ['resident', 'volunteer'] });
    await h.deps.store.insert('volunteers', volunteerRecord(openid, i, h.clock.now(), extra));
  }
  return openids;
}

export async function makeTeam(h: Harness, name = '植绿护绿队', leaderIds: string[] = []): Promise<string> {
  return (await h.ok<{ id: string }>('demo-admin', 'team.upsert', { name, description: '社区绿化养护', leaderIds }, key())).id;
}

export interface ActivitySpec {
  teamId: string;
  as?: string;
  title?: string;
  /** Shift start; default tomorrow 09:00 Beijing (T0 is 10:00). */
  startAt?: number;
  hours?: number;
  seats?: number;
  roles?: Array<{ key: string; name: string; skill?: string | null; training?: string | null; minAge?: number | null }>;
  shifts?: Array<{ key: string; startAt: number; endAt: number }>;
  risky?: boolean;
  insured?: boolean;
  publish?: boolean;
  leadId?: string;
}

export async function makeActivity(h: Harness, spec: ActivitySpec): Promise<ActivityView> {
  const startAt = spec.startAt ?? h.clock.now() + 23 * HOUR;
  const shifts = spec.shifts ?? [{ key: 's1', startAt, endAt: startAt + (spec.hours ?? 2) * HOUR }];
  const roles = spec.roles ?? [{ key: 'r1', name: '绿化养护' }];
  const as = spec.as ?? 'demo-admin';
  const created = await h.ok<ActivityView>(as, 'activity.upsert', {
    teamId: spec.teamId, title: spec.title ?? '小区绿地补种', description: '补种月季和冬青', place: '3号楼北侧绿地',
    roles, shifts, seats: shifts.flatMap((s) => roles.map((r) => ({ shift: s.key, role: r.key, seats: spec.seats ?? 5 }))),
    signupDeadline: Math.min(...shifts.map((s) => s.startAt)) - HOUR, risky: spec.risky ?? false, insured: spec.insured ?? false,
    ...(spec.leadId ? { leadId: spec.leadId } : {}),
  }, key());
  if (spec.publish === false) return created;
  return h.ok<ActivityView>(as, 'activity.publish', { activityId: created.id });
}
