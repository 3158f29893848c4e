/**
 * 撤销委托, until the vote of its scope opens: by the principal who granted it in the app,
 * or by meeting staff for a paper 委托书. If the agent had already signed the entry in, the
 * entry is no longer present by that proxy (its attendance marked as left) until the
 * principal comes or another proxy stands.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { requireProxyWindow } from './grant-proxy';
import { loadMeeting } from './load';
import { isMeetingStaff, mayHaveAttendance } from './permissions';
import { proxyView } from './presenters';
import { tell } from './proxy-binding';
import { LIVE, mayRevoke } from './proxy-rules';
import { attendanceId } from './records';
import { rollEntriesOf } from './roll';

export const revokeProxy: Handler<'meeting.revokeProxy'> = async (ctx) => {
  const db = ctx.db();
  const p = await db.require('meetingProxies', ctx.input.proxyId, '委托不存在', 'proxyId');
  const m = await loadMeeting(ctx, p.meetingId);
  const staff = isMeetingStaff(ctx.caller, m);
  // Someone else's proxy is as missing as one that never was.
  if (!mayRevoke(p, ctx.caller.memberId, staff)) {
    const ofMine = staff || (await rollEntriesOf(db, m, ctx.caller.memberId)).some((e) => e.unitKey === p.principalUnitKey);
    if (!ofMine) throw new AppError('NOT_FOUND', '委托不存在');
    throw new AppError('FORBIDDEN', p.via === 'app' ? '小程序委托只能由委托人本人撤销' : '纸质委托书由会议工作人员撤销');
  }
  if (!LIVE.includes(p.status)) throw new AppError('CONFLICT', '这份委托已不再有效');
  requireProxyWindow(m, p.itemId, 'proxyId');
  await checkWritten(ctx, { reason: ctx.input.reason });
  const patch = { status: 'revoked' as const, code: null, updatedAt: ctx.now, version: p.version + 1 };
  if (!(await db.update('meetingProxies', p._id, patch, { version: p.version }))) throw new AppError('CONFLICT', '委托刚刚有变化，请刷新');
  const subject = `meeting:${m._id}`;
  // Nobody can have been signed in before sign-in opened; after, the entry's attendance is
  // read beside the event (whatever the proxy's status: a record re-used may name it still).
  const [, a] = await Promise.all([
    appendEvent(db, ctx.caller, { key: `proxy:${p._id}:v${patch.version}`, subject, type: 'meeting.proxyRevoked', from: p.status, to: 'revoked', public: false, note: ctx.input.reason || p.principalLabel, at: ctx.now }),
    mayHaveAttendance(m, ctx.now) ? db.get('meetingAttendance', attendanceId(m._id, p.principalUnitKey)) : Promise.resolve(null),
  ]);
  if (a && a.via === 'proxy' && a.proxyId === p._id && !a.left) {
    if (await db.update('meetingAttendance', a._id, { left: true, leftAt: ctx.now, version: a.version + 1 }, { version: a.version, proxyId: p._id })) {
      await appendEvent(db, ctx.caller, { key: `left:${a.unitKey}:v${a.version + 1}`, subject, type: 'meeting.left', public: false, note: `${a.label}（委托已撤销）`, at: ctx.now });
    }
  }
  if (p.agentMemberId && p.status !== 'offered') {
    await tell(ctx.deps.notifier, db, [p.agentMemberId], {
      id: `${p._id}:v${patch.version}:revoked`, kind: 'meeting.proxyRevoked', meetingId: m._id,
      title: '委托已撤销', body: `${p.principalLabel}已撤销对您的委托，「${m.title}」上您不再代为出席和表决。`,
    });
  }
  return proxyView(ctx.caller, { ...p, ...patch }, m);
};
