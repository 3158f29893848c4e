/**
 * 登记离场 (or back). The quorum is counted from the attendance records, so someone leaving
 * is a change to their record, by compare-and-set, never a number typed in. An agent who
 * leaves takes the entries they stand for with them; coming back brings them back.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { everyPage } from '../../kernel/every-page';
import { loadMeeting } from './load';
import { requireMeetingStaff } from './permissions';
import { presentNow, quorumNow } from './presence';
import { attendanceEntryView } from './presenters';
import { attendanceId, registrationId, type AttendanceRecord } from './records';
import { rollEntry } from './roll';

export const markLeft: Handler<'meeting.markLeft'> = async (ctx) => {
  const db = ctx.db();
  const { unitKey, back } = ctx.input;
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  requireMeetingStaff(ctx.caller, m);
  if (m.status !== 'inSession') throw new AppError('CLOSED', m.status === 'noticed' ? '会议尚未开始' : '会议已经结束');
  // The entry and every sign-in at once: the entry's own record, those it carried and the quorum come from the one reading.
  const [unit, attendance] = await Promise.all([rollEntry(db, m, unitKey), everyPage(db, 'meetingAttendance', { meetingId: m._id }, 'at')]);
  if (!unit) throw fieldError('NOT_FOUND', 'unitKey', '名册上没有这一户（人）');
  const a = attendance.find((x) => x._id === attendanceId(m._id, unitKey)) ?? null;
  if (!a) throw fieldError('CONFLICT', 'unitKey', `${unit.label}尚未签到`);
  const changed = await setLeft(ctx, m._id, a, !back);
  // Whoever of this entry came also carried the entries they stand in for.
  const people = new Set([a.memberId, ...unit.voterIds].filter((id): id is string => id !== null));
  const carried = attendance.filter((x) => x.via === 'proxy' && x.agentId !== null && people.has(x.agentId));
  const now = new Map([[changed._id, changed]]);
  for (const x of carried) now.set(x._id, await setLeft(ctx, m._id, x, !back));
  const [registration, proxy] = await Promise.all([
    m.seats !== null ? db.get('meetingRegistrations', registrationId(m._id, unitKey)) : Promise.resolve(null),
    changed.proxyId ? db.get('meetingProxies', changed.proxyId) : Promise.resolve(null),
  ]);
  const present = await presentNow(db, m, null, attendance.map((x) => now.get(x._id) ?? x));
  return { entry: attendanceEntryView(unitKey, unit, changed, registration, proxy), quorum: quorumNow(m, present) };
};

async function setLeft(ctx: Parameters<Handler<'meeting.markLeft'>>[0], meetingId: string, a: AttendanceRecord, left: boolean): Promise<AttendanceRecord> {
  const db = ctx.db();
  let current = a;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (current.left === left) return current;
    const patch = { left, leftAt: left ? ctx.now : null, version: current.version + 1 };
    if (await db.update('meetingAttendance', current._id, patch, { version: current.version })) {
      await appendEvent(db, ctx.caller, { key: `${left ? 'left' : 'back'}:${current.unitKey}:v${patch.version}`, subject: `meeting:${meetingId}`, type: left ? 'meeting.left' : 'meeting.back', public: false, note: current.label, at: ctx.now });
      return { ...current, ...patch };
    }
    current = await db.require('meetingAttendance', current._id, '签到记录不存在');
  }
  throw new AppError('CONFLICT', '到会状态刚刚变化，请刷新');
}
