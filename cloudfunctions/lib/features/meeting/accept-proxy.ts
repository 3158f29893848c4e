/**
 * 接受委托: the agent enters the principal's code. The rules are checked in the binding's
 * transaction (proxy-binding.ts): another person on the roll, no chains, the cap. The agent
 * learns whom they stand for as 「3号楼2单元301（王某）」 and nothing more.
 */
import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { everyPage } from '../../kernel/every-page';
import { requireProxyWindow } from './grant-proxy';
import { loadMeeting } from './load';
import { proxyView } from './presenters';
import { bindAgent, markProxiesMade, tell } from './proxy-binding';
import { attendanceId } from './records';
import { rollEntryAndEntriesOf } from './roll';
import { attendByProxy } from './sign-in';

export const acceptProxy: Handler<'meeting.acceptProxy'> = async (ctx) => {
  const db = ctx.db();
  const me = ctx.caller.memberId;
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  // Looked for whatever the meeting's mark says (the page was read with the caller's record):
  // a grant that died between its proxy and the mark left a code that must still work.
  const offered = await everyPage(db, 'meetingProxies', { meetingId: m._id, status: 'offered' }, 'createdAt');
  const p = offered.find((x) => x.code === ctx.input.code);
  if (!p) throw fieldError('NOT_FOUND', 'code', '委托码不对，或委托已被撤销、已被接受');
  requireProxyWindow(m, p.itemId, 'code');
  // A proxy found while the meeting says it has none: marked now, before the binding makes it
  // count (a sign-in and the screens look for proxies only on a marked meeting). A no-op otherwise.
  const [{ entry: principal, entries: myEntries }] = await Promise.all([rollEntryAndEntriesOf(db, m, p.principalUnitKey, me, { viaFirst: true }), markProxiesMade(db, m)]);
  if (!principal) throw fieldError('NOT_FOUND', 'code', '委托人已不在名册上');
  const [mine] = myEntries;
  const next = {
    ...p, status: 'active' as const, code: null, agentMemberId: me, agentName: (mine?.unit.voterNames[me] ?? ctx.caller.name) || '受托人',
    agentUnitKey: mine?.unitKey ?? null, updatedAt: ctx.now, version: p.version + 1,
  };
  const bound = await bindAgent(db, m, { next, expected: p, principal, agentMemberId: me, field: 'code', agentEntries: myEntries });
  // The event and the principal's message, each under a fixed id: at once.
  await Promise.all([
    appendEvent(db, ctx.caller, { key: `proxy:${p._id}:v${bound.version}`, subject: `meeting:${m._id}`, type: 'meeting.proxyAccepted', from: 'offered', to: 'active', public: false, note: p.principalLabel, at: ctx.now }),
    p.principalMemberId
      ? tell(ctx.deps.notifier, db, [p.principalMemberId], {
          id: `${p._id}:v${bound.version}:accepted`, kind: 'meeting.proxyAccepted', meetingId: m._id,
          title: '委托已被接受', body: `${bound.agentName}已接受您的委托，将代您出席「${m.title}」${p.itemId ? '并对所委托的议题表决' : '并表决'}。表决开始前您可以撤销；您本人到会签到后，委托即不再使用。`,
        })
      : Promise.resolve(),
  ]);
  // Already in the room: the principal's entry is present by proxy from now, without a second scan.
  if (bound.itemId === null && m.status === 'inSession' && mine) {
    const here = await db.get('meetingAttendance', attendanceId(m._id, mine.unitKey));
    if (here && !here.left && here.via !== 'proxy') await attendByProxy(ctx, m, bound);
  }
  return proxyView(ctx.caller, bound, m);
};
