/**
 * Activities, seat pools and sign-ups written straight into the store (types from
 * volunteer/records.ts), so the check-in and hours tests do not depend on the sign-up
 * actions. Holders of a seat pool are keyed by sign-up id, as booking's slots are.
 */
import { codeFor, periodOf } from '../../cloudfunctions/lib/features/activity/check-in-code';
import { seatPoolId, signupId } from '../../cloudfunctions/lib/features/activity/check-in-records';
import type { ActivityRecord, ActivityShift, SignupRecord } from '../../cloudfunctions/lib/features/volunteer/records';
import type { RoundingRule } from '../../miniprogram/core/volunteer/vocabulary';
import { member, type Harness } from './harness';

export const MIN = 60_000;
export const HOUR = 60 * MIN;

export interface SeededActivity {
  activityId: string;
  shifts: ActivityShift[];
  shiftId: string;
  /** The code the organiser's screen shows at `at` (default: now). */
  code(at?: number, shiftId?: string): string;
}

let n = 0;

export async function seedActivity(
  h: Harness,
  o: {
    booked: string[];
    waitlisted?: string[];
    lead?: string;
    organiser?: string;
    teamLeaders?: string[];
    /** Shifts as [start, end] offsets from now, in ms; default one shift from +1 h to +3 h. */
    shifts?: Array<[number, number]>;
    rounding?: RoundingRule;
    graceMinutes?: number;
    dailyCapMinutes?: number;
    status?: ActivityRecord['status'];
    communityId?: string;
    title?: string;
    /** Sign-ups as written before the volunteer's name rode on them (issue 18): no name. */
    unnamed?: boolean;
  },
): Promise<SeededActivity> {
  n += 1;
  const communityId = o.communityId ?? 'demo';
  const now = h.clock.now();
  const activityId = `act${n}t${now}`;
  const teamId = `team${n}`;
  const shifts = (o.shifts ?? [[HOUR, 3 * HOUR]]).map(([s, e], i) => ({ shiftId: `s${i + 1}`, startAt: now + s, endAt: now + e }));
  const store = h.deps.store;
  await store.insert('teams', {
    _id: teamId, communityId, name: '植绿护绿队', description: '', leaderIds: (o.teamLeaders ?? []).map(member), active: true, version: 0, createdAt: now, updatedAt: now,
  });
  const activity: ActivityRecord = {
    _id: activityId, communityId, teamId, title: o.title ?? '小区植绿护绿', description: '', place: '小区中心花园', status: o.status ?? 'published',
    roles: [{ roleId: 'r1', name: '浇水', skill: null, training: null, minAge: null }],
    shifts,
    seats: shifts.map((s) => ({ shiftId: s.shiftId, roleId: 'r1', seats: o.booked.length })),
    signupDeadline: now, leadId: member(o.lead ?? 'demo-grid-1'), organiserId: member(o.organiser ?? o.lead ?? 'demo-grid-1'),
    risky: false, insured: false, rounding: o.rounding ?? 'none', graceMinutes: o.graceMinutes ?? 15, dailyCapMinutes: o.dailyCapMinutes ?? 8 * 60,
    codeSecret: `secret-${activityId}`, cancelledReason: null, version: 0, createdAt: now, updatedAt: now,
    startAt: shifts[0].startAt, endAt: shifts[shifts.length - 1].endAt,
  };
  await store.insert('activities', activity);
  for (const s of shifts) {
    const holders: Record<string, string> = {};
    const add = async (openid: string, status: SignupRecord['status']) => {
      const id = signupId(activityId, s.shiftId, member(openid));
      if (status === 'booked') holders[id] = `claim-${id}`;
      // As activity.signup writes it now: the volunteer's name rides on the sign-up.
      const name = o.unnamed ? undefined : (await store.get('members', member(openid)))?.name;
      await store.insert('signups', {
        _id: id, communityId, activityId, shiftId: s.shiftId, roleId: 'r1', memberId: member(openid), ...(name ? { name } : {}), startAt: s.startAt, endAt: s.endAt,
        status, claim: `claim-${id}`, offeredUntil: null, withdrawReason: null, version: 0, createdAt: now, updatedAt: now,
      });
    };
    for (const p of o.booked) await add(p, 'booked');
    for (const p of o.waitlisted ?? []) await add(p, 'waitlisted');
    await store.insert('activitySeats', {
      _id: seatPoolId(activityId, s.shiftId, 'r1'), communityId, activityId, shiftId: s.shiftId, roleId: 'r1', startAt: s.startAt, endAt: s.endAt,
      seats: o.booked.length, seatsLeft: 0, holders, waitlist: [], waiting: {}, waitlistCount: 0, waitlistLeft: 0, status: 'open',
    });
  }
  return {
    activityId,
    shifts,
    shiftId: shifts[0].shiftId,
    code: (at = h.clock.now(), shiftId = shifts[0].shiftId) => codeFor(activity.codeSecret, activityId, shiftId, periodOf(at)),
  };
}

/** A well-formed device key per phone name. */
export const device = (name: string) => `device-${name}-0123456789abcdef`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
