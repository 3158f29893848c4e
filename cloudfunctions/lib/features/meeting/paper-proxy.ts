/**
 * A paper 委托书: staff photograph it and name the agent; it holds the agent's place (the
 * cap, no chains) at once, and stands only once another staff member has checked the
 * paper — so no one person can put a vote in someone else's hands.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent, eventRecord } from '../../kernel/audit';
import { commitVersioned, settleLastEvent } from '../../kernel/versioned';
import { checkWritten } from '../../kernel/content';
import { checkPhotos, markAttached } from '../media/attach';
import { requireProxyWindow } from './grant-proxy';
import { loadMeeting } from './load';
import { mayHaveAttendance, requireMeetingStaff } from './permissions';
import { proxyView } from './presenters';
import { bindAgent, markProxiesMade, mayHaveProxies, principalsOf, tell } from './proxy-binding';
import { LIVE, principalLabelOf } from './proxy-rules';
import { attendanceId, proxyId, type ProxyRecord } from './records';
import { rollEntry, rollEntryAndEntriesOf } from './roll';

export const recordPaperProxy: Handler<'meeting.recordPaperProxy'> = async (ctx) => {
  const db = ctx.db();
  const { principalUnitKey, agentMemberId, photo } = ctx.input;
  const itemId = ctx.input.itemId ?? null;
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  requireMeetingStaff(ctx.caller, m);
  requireProxyWindow(m, itemId);
  const id = proxyId(m._id, principalUnitKey, itemId);
  const subject = `meeting:${m._id}`;
  // Independent reads (and the photo's check) at once: one wait, not six.
  const [{ entry: principal, entries: agentEntries }, agent, photoRefusal, existing, came] = await Promise.all([
    rollEntryAndEntriesOf(db, m, principalUnitKey, agentMemberId),
    db.get('members', agentMemberId),
    // Its refusal is kept and thrown in the order the checks were always made.
    checkPhotos(db, ctx.caller.memberId, [photo], subject).then(() => null, (err: unknown) => err),
    mayHaveProxies(m) ? db.get('meetingProxies', id) : Promise.resolve(null),
    mayHaveAttendance(m, ctx.now) ? db.get('meetingAttendance', attendanceId(m._id, principalUnitKey)) : Promise.resolve(null),
  ]);
  if (!principal) throw fieldError('NOT_FOUND', 'principalUnitKey', '名册上没有这一户（人）');
  if (!agent || agent.deletedAt) throw fieldError('NOT_FOUND', 'agentMemberId', '没有找到受托人');
  if (photoRefusal) throw photoRefusal;
  if (existing && LIVE.includes(existing.status)) throw new AppError('CONFLICT', `${existing.principalLabel}已有委托（${existing.via === 'app' ? '小程序委托' : '纸质委托书'}），须先撤销`);
  if (came && came.via !== 'proxy' && !came.left) throw new AppError('CONFLICT', `${principal.label}已本人到会，无需委托`);
  const [agentEntry] = agentEntries;
  const single = principal.voterIds.length === 1 ? principal.voterNames[principal.voterIds[0]] ?? null : null;
  const next: ProxyRecord = {
    _id: id, communityId: db.communityId, meetingId: m._id, itemId, principalUnitKey, principalLabel: principalLabelOf(m.roll.kind, principal, single),
    areaCenti: principal.areaCenti, principalMemberId: null, agentMemberId, agentName: (agentEntry?.unit.voterNames[agentMemberId] ?? agent.name) || '受托人',
    agentUnitKey: agentEntry?.unitKey ?? null, status: 'pendingConfirm', via: 'paper', code: null, photo,
    recordedBy: ctx.caller.memberId, recordedByName: ctx.caller.name ?? '工作人员', confirmedBy: null, confirmedByName: null,
    uses: existing?.uses ?? [], createdAt: existing?.createdAt ?? ctx.now, updatedAt: ctx.now, version: (existing?.version ?? 0) + 1,
  };
  await markProxiesMade(db, m);
  const bound = await bindAgent(db, m, { next, expected: existing, principal, agentMemberId, field: 'agentMemberId', agentEntries });
  // Independent writes under fixed ids: at once.
  await Promise.all([
    markAttached(db, [photo], subject),
    appendEvent(db, ctx.caller, { key: `proxy:${id}:v${bound.version}`, subject, type: 'meeting.proxyRecorded', to: 'pendingConfirm', public: false, note: bound.principalLabel, photos: [photo], at: ctx.now }),
  ]);
  return proxyView(ctx.caller, bound, m);
};

export const confirmProxy: Handler<'meeting.confirmProxy'> = async (ctx) => {
  const db = ctx.db();
  const p = await db.require('meetingProxies', ctx.input.proxyId, '委托不存在', 'proxyId');
  const m = await loadMeeting(ctx, p.meetingId);
  requireMeetingStaff(ctx.caller, m);
  if (p.status !== 'pendingConfirm') {
    // A retry of the check that landed: its event may not have reached `events` yet.
    await settleLastEvent(db, p);
    throw new AppError('CONFLICT', '这份委托书已经复核过');
  }
  if (p.recordedBy === ctx.caller.memberId) throw new AppError('FORBIDDEN', '须由登记人以外的另一位工作人员复核');
  const subject = `meeting:${m._id}`;
  const me = { confirmedBy: ctx.caller.memberId, confirmedByName: ctx.caller.name ?? '工作人员', updatedAt: ctx.now };
  const busy = '这份委托书刚被其他人处理过，请刷新';
  // The check and its event in one compare-and-set on the version (kernel/versioned.ts): the
  // version read was the one at `pendingConfirm`, so a concurrent check makes this one refused.
  const step = (type: 'meeting.proxyRefused' | 'meeting.proxyConfirmed', to: 'refused' | 'active', note: string) => (n: ProxyRecord) =>
    eventRecord(db, ctx.caller, { key: `proxy:${p._id}:v${n.version}`, subject, type, from: 'pendingConfirm', to, public: false, note, at: ctx.now });
  if ('reject' in ctx.input) {
    await checkWritten(ctx, { reject: ctx.input.reject });
    const refused = await commitVersioned(db, 'meetingProxies', p, { ...me, status: 'refused' as const }, step('meeting.proxyRefused', 'refused', `${p.principalLabel}：${ctx.input.reject}`), busy);
    return proxyView(ctx.caller, refused, m);
  }
  // Confirmed after its vote opened, it would stand for a vote it was not counted in.
  requireProxyWindow(m, p.itemId);
  // The entry (whom a paper proxy's message goes to) is read beside the check.
  const [active, entry] = await Promise.all([
    commitVersioned(db, 'meetingProxies', p, { ...me, status: 'active' as const }, step('meeting.proxyConfirmed', 'active', p.principalLabel), busy),
    p.principalMemberId ? Promise.resolve(null) : rollEntry(db, m, p.principalUnitKey),
  ]);
  // Two messages under fixed ids: at once.
  await Promise.all([
    p.agentMemberId
      ? tell(ctx.deps.notifier, db, [p.agentMemberId], {
          id: `${p._id}:v${active.version}:confirmed`, kind: 'meeting.proxyConfirmed', meetingId: m._id,
          title: '您已受托出席会议', body: `您受${p.principalLabel}委托，代为出席「${m.title}」${p.itemId ? '并对所委托的议题表决' : '并表决'}。到会扫码签到时将一并为委托人签到。`,
        })
      : Promise.resolve(),
    tell(ctx.deps.notifier, db, principalsOf(p, entry), {
      id: `${p._id}:v${active.version}:recorded`, kind: 'meeting.proxyConfirmed', meetingId: m._id,
      title: '纸质委托书已登记', body: `您的纸质委托书已登记复核：由${p.agentName ?? '受托人'}代为出席「${m.title}」。`,
    }),
  ]);
  return proxyView(ctx.caller, active, m);
};
