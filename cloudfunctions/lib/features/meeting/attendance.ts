import type { Handler } from '../../kernel/action';
import { everyPage } from '../../kernel/every-page';
import { loadMeeting } from './load';
import { requireMeetingStaff } from './permissions';
import { presentNow, quorumNow } from './presence';
import { attendanceEntryView } from './presenters';
import { wholeMeetingRoll } from './roll';

/**
 * The roll at the door, for meeting staff only: each entry with its people (to find and sign
 * in the right one), whether it is present and how, who stands in for it, its registration;
 * searched by room or name, optionally only those still absent. Paged in memory: the roll
 * and the sign-ins are read whole either way, and the quorum comes from the same reading.
 */
export const meetingAttendance: Handler<'meeting.attendance'> = async (ctx) => {
  const db = ctx.db();
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  requireMeetingStaff(ctx.caller, m);
  const [roll, attendance, registrations] = await Promise.all([
    wholeMeetingRoll(db, m),
    everyPage(db, 'meetingAttendance', { meetingId: m._id }, 'at'),
    m.seats !== null ? everyPage(db, 'meetingRegistrations', { meetingId: m._id }, 'at') : Promise.resolve([]),
  ]);
  // The quorum from the same reading of the sign-ins.
  const present = await presentNow(db, m, null, attendance);
  const byUnit = new Map(attendance.map((a) => [a.unitKey, a]));
  const regs = new Map(registrations.map((r) => [r.unitKey, r]));
  const search = ctx.input.search;
  const matching = roll.filter(({ unitKey, unit }) => {
    const a = byUnit.get(unitKey);
    if (ctx.input.onlyAbsent && a && !a.left) return false;
    return !search || unit.label.includes(search) || Object.values(unit.voterNames).some((n) => n.includes(search));
  });
  const start = ctx.input.cursor ? Number.parseInt(ctx.input.cursor, 10) || 0 : 0;
  const slice = matching.slice(start, start + ctx.input.limit);
  const proxyIds = slice.flatMap(({ unitKey }) => {
    const p = byUnit.get(unitKey)?.proxyId;
    return p ? [p] : [];
  });
  const proxies = new Map((await db.getMany('meetingProxies', proxyIds)).map((p) => [p._id, p]));
  const items = slice.map(({ unitKey, unit }) => {
    const a = byUnit.get(unitKey) ?? null;
    return attendanceEntryView(unitKey, unit, a, regs.get(unitKey) ?? null, a?.proxyId ? proxies.get(a.proxyId) ?? null : null);
  });
  const next = start + ctx.input.limit < matching.length ? String(start + ctx.input.limit) : undefined;
  return { items, total: matching.length, quorum: quorumNow(m, present), ...(next ? { next } : {}) };
};
