/**
 * 委托 in the app: the principal asks for a code and hands it to the person they trust,
 * who enters it (meeting.acceptProxy). One proxy record per entry and scope; one revoked,
 * refused or no longer used is granted again in the same record, by version.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { loadMeeting } from './load';
import { proxyView } from './presenters';
import { heldProxies, markProxiesMade } from './proxy-binding';
import { mayHaveAttendance } from './permissions';
import { beforeItsVote, PROXY_CODE_ALPHABET, PROXY_CODE_LENGTH, principalLabelOf, STANDING } from './proxy-rules';
import { attendanceId, proxyId, type MeetingRecord, type ProxyRecord } from './records';
import { likelyUnitKey, rollEntriesOf } from './roll';

export function requireProxyWindow(m: MeetingRecord, itemId: string | null, field = 'itemId'): void {
  if (m.status !== 'noticed' && m.status !== 'inSession') throw new AppError('CLOSED', m.status === 'cancelled' ? '会议已取消' : '会议已经结束');
  if (itemId !== null && !m.agenda.some((i) => i.itemId === itemId)) throw fieldError('NOT_FOUND', field, '议程中没有这一项');
  if (!beforeItsVote(m.agenda, itemId)) throw new AppError('CLOSED', itemId === null ? '会议已开始表决，整场委托不能再办理或撤销' : '该议程已开始表决，委托不能再办理或撤销');
}

export const grantProxy: Handler<'meeting.grantProxy'> = async (ctx) => {
  const db = ctx.db();
  const me = ctx.caller.memberId;
  const itemId = ctx.input.itemId ?? null;
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  requireProxyWindow(m, itemId);
  const guess = likelyUnitKey(m, ctx.caller);
  // Nobody can have signed in before sign-in opens.
  const attendanceOf = (unitKey: string | null) => (unitKey !== null && mayHaveAttendance(m, ctx.now) ? db.get('meetingAttendance', attendanceId(m._id, unitKey)) : Promise.resolve(null));
  // Independent readings at once, the attendance of the entry the caller most likely has among them.
  const [[entry], held, guessedCame] = await Promise.all([rollEntriesOf(db, m, me), heldProxies(db, m, me), attendanceOf(guess)]);
  if (!entry) throw new AppError('FORBIDDEN', '您不在本次会议的名册上，不能委托');
  if (held.some((p) => STANDING.includes(p.status))) {
    throw new AppError('CONFLICT', '您已接受他人的委托，不能再把自己的表决权委托出去（不能转委托）');
  }
  const came = entry.unitKey === guess ? guessedCame : await attendanceOf(entry.unitKey);
  if (came && came.via !== 'proxy' && !came.left) throw new AppError('CONFLICT', '您已到会签到，无需委托');
  const id = proxyId(m._id, entry.unitKey, itemId);
  const fresh = {
    status: 'offered' as const, via: 'app' as const, code: ctx.deps.ids.code(PROXY_CODE_ALPHABET, PROXY_CODE_LENGTH),
    principalMemberId: me, principalLabel: principalLabelOf(m.roll.kind, entry.unit, entry.unit.voterNames[me] ?? ctx.caller.name),
    agentMemberId: null, agentName: null, agentUnitKey: null, photo: null, recordedBy: null, recordedByName: null, confirmedBy: null, confirmedByName: null, updatedAt: ctx.now,
  };
  const record: ProxyRecord = {
    _id: id, communityId: db.communityId, meetingId: m._id, itemId, principalUnitKey: entry.unitKey, areaCenti: entry.unit.areaCenti, uses: [], createdAt: ctx.now, version: 1, ...fresh,
  };
  let stored: ProxyRecord = record;
  // The meeting's mark that it may have proxies (screens skip the reads while it says none)
  // goes beside the insert. A call that dies with the proxy in and the mark not: its retry or
  // the principal's next grant marks it (the same record comes back), and so does the agent
  // who enters the code (acceptProxy looks for the code whatever the mark says), before the
  // binding makes it count. Only a grant that passed its checks writes either.
  const [inserted] = await Promise.all([db.insert('meetingProxies', record), markProxiesMade(db, m)]);
  if (!inserted) {
    const existing = await db.require('meetingProxies', id, '委托不存在');
    if (existing.status === 'offered' && existing.principalMemberId === me) return proxyView(ctx.caller, existing, m);
    if (existing.status === 'offered' || STANDING.includes(existing.status)) {
      throw new AppError('CONFLICT', existing.principalMemberId === me ? '您已有有效的委托，如需更换受托人请先撤销' : '您家已有人办理了委托，如需更换请由其本人撤销');
    }
    // Revoked, refused or no longer used: granted again in the same record.
    const patch = { ...fresh, version: existing.version + 1 };
    if (!(await db.update('meetingProxies', id, patch, { version: existing.version }))) throw new AppError('CONFLICT', '委托刚刚有变化，请刷新');
    stored = { ...existing, ...patch };
  }
  await appendEvent(db, ctx.caller, { key: `proxy:${id}:v${stored.version}`, subject: `meeting:${m._id}`, type: 'meeting.proxyOffered', to: 'offered', public: false, note: stored.principalLabel, at: ctx.now });
  return proxyView(ctx.caller, stored, m);
};
