import type { ActivityView, RoleSeatsView, SignupView } from '../../../../miniprogram/core/volunteer/contract';
import { ACTIVITY_STATUS_LABELS, SIGNUP_STATUS_LABELS } from '../../../../miniprogram/core/volunteer/vocabulary';
import type { Caller } from '../../kernel/caller';
import { waitlistPosition } from '../../kernel/seat-pool';
import type { ActivityRecord, ActivitySeatRecord, SignupRecord, TeamRecord } from '../volunteer/records';
import { requirementsOf } from '../volunteer/rules';
import { poolIdFor } from './ids';
import { activityActions, runsActivity, signupActions } from './rules';

export function toSignupView(caller: Caller, s: SignupRecord, a: Pick<ActivityRecord, 'title' | 'place' | 'roles'> | null, pool: ActivitySeatRecord | null, now: number): SignupView {
  const view: SignupView = {
    id: s._id,
    activityId: s.activityId,
    activityTitle: a?.title ?? '志愿活动',
    place: a?.place ?? '',
    shiftId: s.shiftId,
    roleId: s.roleId,
    roleName: a?.roles.find((r) => r.roleId === s.roleId)?.name ?? '',
    startAt: s.startAt,
    endAt: s.endAt,
    status: s.status,
    statusLabel: SIGNUP_STATUS_LABELS[s.status],
    allowedActions: signupActions(caller, s, now),
  };
  if (s.status === 'waitlisted' && pool) {
    const position = waitlistPosition(pool, s._id);
    if (position) view.waitlist = { position, of: pool.waitlistCount };
  }
  if (s.status === 'offered' && s.offeredUntil !== null) view.offeredUntil = s.offeredUntil;
  if (s.withdrawReason) view.withdrawReason = s.withdrawReason;
  return view;
}

/** Seats come from the pools (the authority); a draft has none yet and shows the plan. */
export function toActivityView(caller: Caller, a: ActivityRecord, team: TeamRecord | null, pools: Map<string, ActivitySeatRecord>, mine: SignupRecord[], now: number, canSignUp: boolean): ActivityView {
  let seatsLeft = 0;
  const shifts = a.shifts.map((sh) => ({
    shiftId: sh.shiftId,
    startAt: sh.startAt,
    endAt: sh.endAt,
    roles: a.seats
      .filter((x) => x.shiftId === sh.shiftId)
      .map((x): RoleSeatsView => {
        const role = a.roles.find((r) => r.roleId === x.roleId);
        const pool = pools.get(poolIdFor(a._id, sh.shiftId, x.roleId));
        const left = pool ? (pool.status === 'open' ? pool.seatsLeft : 0) : x.seats;
        seatsLeft += left;
        return { roleId: x.roleId, name: role?.name ?? '', seats: x.seats, seatsLeft: left, waitlistCount: pool?.waitlistCount ?? 0, requirements: role ? requirementsOf(role) : [] };
      }),
  }));
  const finished = a.status === 'published' && now >= a.endAt;
  const view: ActivityView = {
    id: a._id,
    teamId: a.teamId,
    teamName: team?.name ?? '',
    title: a.title,
    description: a.description,
    place: a.place,
    status: finished ? 'finished' : a.status,
    statusLabel: ACTIVITY_STATUS_LABELS[finished ? 'finished' : a.status],
    startAt: a.startAt,
    endAt: a.endAt,
    signupDeadline: a.signupDeadline,
    risky: a.risky,
    insured: a.insured,
    seatsLeft,
    shifts,
    mine: mine.map((s) => toSignupView(caller, s, a, pools.get(poolIdFor(a._id, s.shiftId, s.roleId)) ?? null, now)),
    allowedActions: activityActions(caller, a, team, now, canSignUp && !finished),
  };
  if (a.cancelledReason) view.cancelledReason = a.cancelledReason;
  if (runsActivity(caller, a, team)) {
    view.edit = {
      teamId: a.teamId, title: a.title, description: a.description, place: a.place,
      roles: a.roles.map((r) => ({ key: r.roleId, name: r.name, skill: r.skill, training: r.training, minAge: r.minAge })),
      shifts: a.shifts.map((s) => ({ key: s.shiftId, startAt: s.startAt, endAt: s.endAt })),
      seats: a.seats.map((s) => ({ shift: s.shiftId, role: s.roleId, seats: s.seats })),
      signupDeadline: a.signupDeadline, leadId: a.leadId, risky: a.risky, insured: a.insured,
      rounding: a.rounding, graceMinutes: a.graceMinutes, dailyCapMinutes: a.dailyCapMinutes,
    };
  }
  return view;
}
