/** What the check-in use cases share: the shift, who runs it, who booked it, and the views. */
import { ATTENDANCE_STATE_LABELS, ENTRY_FLAG_LABELS, type AttendanceView, type RosterPersonView } from '../../../../miniprogram/core/volunteer/check-in-contract';
import { CHECK_METHOD_LABELS, hoursText } from '../../../../miniprogram/core/volunteer/vocabulary';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { fromAnchor, type QueryPage, type QuerySpec, type ReadPart } from '../../ports/store';
import { attendanceEntryId } from '../hours/ledger';
import { runsActivity } from '../hours/rules';
import type { ActivityRecord, ActivitySeatRecord, ActivityShift, AttendanceRecord, HourEntryRecord, SignupRecord, TeamRecord } from '../volunteer/records';
import { attendanceId, seatPoolId, signupId } from './check-in-records';

/**
 * What a check-in step reads by id from its input, read with the caller's record: the
 * activity, and for one person (the caller, or whom the organiser records) their sign-up and
 * attendance of the shift. The team is the reference cache's.
 */
export function prefetchShift(input: { activityId: string; shiftId: string }, memberId?: string): Record<string, ReadPart> {
  const parts: Record<string, ReadPart> = { activity: { collection: 'activities', id: input.activityId } };
  if (memberId !== undefined) {
    parts.signup = { collection: 'signups', id: signupId(input.activityId, input.shiftId, memberId) };
    parts.attendance = { collection: 'attendance', id: attendanceId(input.activityId, input.shiftId, memberId) };
  }
  return parts;
}

export async function loadShift(ctx: HandlerContext<unknown>, activityId: string, shiftId: string) {
  const db = ctx.db();
  const activity = await db.require('activities', activityId, '活动不存在', 'activityId');
  // A draft is not there for anyone to check in to; a cancelled one is over.
  if (activity.status === 'draft') throw fieldError('NOT_FOUND', 'activityId', '活动不存在');
  if (activity.status === 'cancelled') throw new AppError('CLOSED', '活动已取消');
  const shift = activity.shifts.find((s) => s.shiftId === shiftId);
  if (!shift) throw fieldError('NOT_FOUND', 'shiftId', '班次不存在');
  const team = await db.get('teams', activity.teamId);
  return { db, activity, shift, team };
}

export function requireRunner(caller: Caller, activity: ActivityRecord, team: TeamRecord | null): void {
  if (!runsActivity(caller, activity, team)) throw new AppError('FORBIDDEN', '只有活动的负责人可以操作签到');
}

/** Only volunteers holding a seat of the shift may check in; a waitlisted one may not. */
export async function requireBooked(db: ScopedStore, activity: ActivityRecord, shift: ActivityShift, memberId: string, field?: string) {
  return assertBooked(await db.get('signups', signupId(activity._id, shift.shiftId, memberId)), field);
}

/** As requireBooked, on the sign-up the caller read beside the shift. */
export function assertBooked(signup: SignupRecord | null, field?: string): SignupRecord {
  if (!signup || signup.status !== 'booked') {
    throw field ? fieldError('FORBIDDEN', field, '这位志愿者没有报名这个班次') : new AppError('FORBIDDEN', '您没有报名这个班次，不能签到');
  }
  return signup;
}

/** Every seat pool of the activity (at most 96: shifts × roles) in one page. */
export const activityPools = (activityId: string): QuerySpec => ({ where: { activityId }, orderBy: { field: '_id', dir: 'asc' }, limit: 100 });
/** The activity's first page of attendance, every shift: for most activities, all of it. */
export const activityAttendance = (activityId: string): QuerySpec => ({ where: { activityId }, orderBy: { field: 'inAt', dir: 'asc' }, limit: 100 });

/** A query part as the scoped store will ask it: within the caller's community. */
export function inCommunity(collection: string, spec: QuerySpec): ReadPart {
  const { where, ...rest } = spec;
  return { collection, where: { communityId: fromAnchor('communityId'), ...where }, ...rest };
}

/**
 * The shift's booked volunteers, read through the seat pools (the one authority on who holds
 * a seat; holders are keyed by sign-up id) — no query of sign-ups, so the screen can refresh
 * often. `known`: the activity's pools and first page of attendance as the caller read them
 * beside the activity (both by the activity alone, so with the caller's record): then only
 * the sign-ups are left to read, and attendance too if the page was not all of it.
 */
export async function roster(
  db: ScopedStore,
  activity: ActivityRecord,
  shift: ActivityShift,
  known?: { pools: QueryPage<ActivitySeatRecord>; attendance: QueryPage<AttendanceRecord> },
): Promise<RosterPersonView[]> {
  const poolIds = new Set(activity.roles.map((r) => seatPoolId(activity._id, shift.shiftId, r.roleId)));
  const pools = known && !known.pools.next ? known.pools.items.filter((p) => poolIds.has(p._id)) : await db.getMany('activitySeats', [...poolIds]);
  const signupIds = pools.flatMap((p) => Object.keys(p.holders)).slice(0, 100);
  const signups = (await db.getMany('signups', signupIds)).filter((s) => s.status === 'booked');
  const memberIds = signups.map((s) => s.memberId);
  const wanted = new Set(memberIds.map((m) => attendanceId(activity._id, shift.shiftId, m)));
  // Names ride on the sign-ups since they were made; older ones read the member.
  const [members, attendance] = await Promise.all([
    db.getMany('members', signups.filter((s) => s.name === undefined).map((s) => s.memberId)),
    known && !known.attendance.next ? known.attendance.items.filter((a) => wanted.has(a._id)) : db.getMany('attendance', [...wanted]),
  ]);
  const names = new Map(members.map((m) => [m._id, m.name ?? '志愿者']));
  for (const s of signups) if (s.name !== undefined) names.set(s.memberId, s.name);
  const byMember = new Map(attendance.map((a) => [a.memberId, a]));
  return signups
    .map((s) => personView(s.memberId, names.get(s.memberId) ?? '志愿者', byMember.get(s.memberId) ?? null))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

export function personView(memberId: string, name: string, a: AttendanceRecord | null): RosterPersonView {
  const state = !a ? 'absent' : a.outAt === null ? 'in' : 'out';
  return {
    memberId,
    name,
    state,
    stateLabel: ATTENDANCE_STATE_LABELS[state],
    ...(a ? { inAt: a.inAt, methodLabel: CHECK_METHOD_LABELS[a.outMethod ?? a.inMethod] } : {}),
    ...(a && a.outAt !== null ? { outAt: a.outAt } : {}),
    flagLabels: a ? a.flags.map((f) => ENTRY_FLAG_LABELS[f]) : [],
  };
}

/** `known`: the ledger entry the caller has just written for this attendance (no read then). */
export async function attendanceView(db: ScopedStore, activity: ActivityRecord, shift: ActivityShift, a: AttendanceRecord, known?: HourEntryRecord): Promise<AttendanceView> {
  const entry: HourEntryRecord | null = a.outAt === null ? null : known ?? (await db.get('hourEntries', attendanceEntryId(a._id)));
  return {
    activityTitle: activity.title,
    shiftStartAt: shift.startAt,
    shiftEndAt: shift.endAt,
    inAt: a.inAt,
    inMethod: a.inMethod,
    inMethodLabel: CHECK_METHOD_LABELS[a.inMethod],
    outAt: a.outAt,
    outMethodLabel: a.outMethod ? CHECK_METHOD_LABELS[a.outMethod] : null,
    flags: entry ? [...new Set([...a.flags, ...entry.flags])] : a.flags,
    flagLabels: (entry ? [...new Set([...a.flags, ...entry.flags])] : a.flags).map((f) => ENTRY_FLAG_LABELS[f]),
    minutes: entry ? entry.minutes : null,
    hoursText: entry ? hoursText(entry.minutes) : null,
  };
}
