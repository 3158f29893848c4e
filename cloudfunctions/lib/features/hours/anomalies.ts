import { ANOMALY_DAY_MINUTES, ANOMALY_KIND_LABELS, type AnomalyView } from '../../../../miniprogram/core/hours/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor } from '../../ports/store';
import type { AttendanceRecord } from '../volunteer/records';
import { runsActivity } from './rules';

const bjDate = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);

/** The recorded attempts and the attendance's first page, asked exactly as below. */
const recordedSpec = (activityId: string) => ({ where: { activityId }, orderBy: { field: 'firstAt', dir: 'desc' as const }, limit: 100 });
const attendanceSpec = (activityId: string, after?: string) => ({ where: { activityId }, orderBy: { field: 'inAt', dir: 'asc' as const }, limit: 100, after });

/**
 * Read with the caller's record: the activity, its recorded attempts and the first page of
 * its attendance are all named by the input. Read before the lead is checked, but nothing of
 * them leaves unless the caller runs the activity. The people's days follow the attendance.
 */
export const prefetchAnomalies: PrefetchOf<'hours.anomalies'> = (input) => {
  const scoped = { communityId: fromAnchor('communityId'), activityId: input.activityId };
  const recorded = recordedSpec(input.activityId);
  const attendance = attendanceSpec(input.activityId);
  return {
    activity: { collection: 'activities', id: input.activityId },
    recorded: { collection: 'hourAnomalies', ...recorded, where: scoped },
    attendance: { collection: 'attendance', ...attendance, where: scoped },
  };
};

/**
 * The activity's anomaly list for its lead: the recorded attempts (a second person on one
 * phone, a check-in after check-out, a lead verifying their own hours) and, computed from
 * the records, anyone credited more than 12 hours in one day (across all activities).
 */
export const hourAnomalies: Handler<'hours.anomalies'> = async (ctx) => {
  const db = ctx.db();
  const activity = await db.require('activities', ctx.input.activityId, '活动不存在', 'activityId');
  const team = await db.get('teams', activity.teamId);
  if (!runsActivity(ctx.caller, activity, team)) throw new AppError('FORBIDDEN', '只有活动的负责人可以查看异常情况');
  // The recorded attempts and the attendance are apart: read at once.
  const readAttendance = async () => {
    const attendance: AttendanceRecord[] = [];
    let after: string | undefined;
    for (let i = 0; i < 5; i += 1) {
      const page = await db.query('attendance', attendanceSpec(activity._id, after));
      attendance.push(...page.items);
      if (!page.next) break;
      after = page.next;
    }
    return attendance;
  };
  const [recorded, attendance] = await Promise.all([
    db.query('hourAnomalies', recordedSpec(activity._id)),
    readAttendance(),
  ]);
  const pairs = [...new Map(attendance.map((a) => [`${a.memberId}|${bjDate(a.inAt)}`, a])).values()].slice(0, 50);
  const long: Array<{ memberId: string; date: string; minutes: number; at: number }> = [];
  // Each person's day is its own query: all at once, then judged in order.
  const days = await Promise.all(pairs.map((a) => db.query('hourEntries', { where: { memberId: a.memberId, serviceDate: bjDate(a.inAt) }, orderBy: { field: '_id', dir: 'asc' }, limit: 100 })));
  for (const [i, a] of pairs.entries()) {
    const date = bjDate(a.inAt);
    const day = days[i];
    const minutes = day.items.filter((e) => e.status !== 'declined').reduce((n, e) => n + e.minutes, 0);
    const span = attendance.filter((x) => x.memberId === a.memberId && bjDate(x.inAt) === date).reduce((n, x) => Math.max(n, ((x.outAt ?? x.inAt) - x.inAt) / 60_000), 0);
    if (minutes > ANOMALY_DAY_MINUTES || span > ANOMALY_DAY_MINUTES) long.push({ memberId: a.memberId, date, minutes: Math.max(minutes, Math.floor(span)), at: a.inAt });
  }
  const ids = [...new Set([...recorded.items.flatMap((r) => [r.memberId, r.otherMemberId ?? '']), ...long.map((l) => l.memberId)].filter(Boolean))];
  const names = new Map((await db.getMany('members', ids)).map((m) => [m._id, m.name ?? '志愿者']));
  const name = (id: string | null) => (id ? names.get(id) ?? '志愿者' : null);
  const startOf = (shiftId: string | null) => activity.shifts.find((s) => s.shiftId === shiftId)?.startAt ?? null;
  const items: AnomalyView[] = [
    ...recorded.items.map((r) => ({
      kind: r.kind,
      kindLabel: ANOMALY_KIND_LABELS[r.kind],
      people: [name(r.memberId), name(r.otherMemberId)].filter((x): x is string => x !== null),
      shiftStartAt: startOf(r.shiftId),
      serviceDate: startOf(r.shiftId) !== null ? bjDate(startOf(r.shiftId) as number) : null,
      count: r.count,
      at: r.lastAt,
    })),
    ...long.map((l) => ({
      kind: 'overTwelveHours' as const,
      kindLabel: ANOMALY_KIND_LABELS.overTwelveHours,
      people: [name(l.memberId) as string],
      shiftStartAt: null,
      serviceDate: l.date,
      count: 1,
      at: l.at,
    })),
  ];
  return { items: items.sort((a, b) => b.at - a.at) };
};
