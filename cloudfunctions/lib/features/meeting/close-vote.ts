/**
 * 结束表决. The quorum is counted again from the sign-ins: below it the vote is void, whatever
 * the ballots say. A show of hands is entered here, per option in order, and cannot exceed
 * those present. Then the poll closes, is tallied from its ballots under the item's frozen
 * rule — approval a share of those present — and the decision is kept on the item with the
 * line that explains it. A motion on the item is told its decision, and each principal whose
 * agent voted for them is told how (the choice itself only on an open ballot).
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { QuorumView } from '../../../../miniprogram/core/council/quorum';
import type { Handler, HandlerContext } from '../../kernel/action';
import { eventRecord, type EventRecord } from '../../kernel/audit';
import type { IdentifiedCaller } from '../../kernel/caller';
import { everyPage } from '../../kernel/every-page';
import { recordMotionDecision } from '../motion/schedule';
import { closeNow } from '../poll/close-poll';
import type { PollRecord } from '../poll/records';
import { rollUnit } from '../poll/roll-freeze';
import { choiceLabels } from '../poll/seal';
import { tally, type Tally } from '../poll/tally';
import { loadMeeting } from './load';
import { requireItem } from './open-vote';
import { requireVoteRunner } from './permissions';
import { presentNow, quorumNow, wholeQuorumFrom, type Present } from './presence';
import { meetingView } from './presenters';
import { principalsOf, tell } from './proxy-binding';
import type { AgendaItem, MeetingRecord, ProxyRecord } from './records';
import { rollEntriesOf, rollEntry } from './roll';

type Ctx = HandlerContext<unknown, IdentifiedCaller>;
type Decision = NonNullable<AgendaItem['decision']>;

const DECIDED: readonly AgendaItem['status'][] = ['adopted', 'rejected', 'void', 'discussed'];
/** Options that say no: choosing them adopts nothing. */
const NAY = /^(不同意|反对|不赞成|否)$/;

async function closePollOf(db: ReturnType<Ctx['db']>, poll: PollRecord, by: IdentifiedCaller, reason: string | null, now: number): Promise<PollRecord> {
  if (poll.status !== 'open') return poll;
  try {
    return await closeNow(db, poll, by, reason, now);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    return db.require('polls', poll._id, '表决不存在');
  }
}

/** The audit event of the hands as recorded on the poll (keyed 'hands': a second insert writes nothing). */
function handsEvent(ctx: Ctx, poll: PollRecord, present: number, at: number): EventRecord {
  return eventRecord(ctx.db(), ctx.caller, { key: 'hands', subject: `poll:${poll._id}`, type: 'poll.handsRecorded', public: false, note: `到会${present}`, at });
}

/**
 * A show of hands, per option in the item's order, recorded once on the poll. Its event is
 * handed back, not inserted: it goes into `events` with the meeting's own event of the close
 * (one list insert), or alone if the close goes no further. Hands already on the poll (a
 * retry of the same person's close that died before its events) hand back their event again.
 */
async function recordHands(ctx: Ctx, poll: PollRecord, hands: { counts: number[]; abstain: number } | undefined, quorum: QuorumView, present: Present): Promise<{ poll: PollRecord; event: EventRecord | null }> {
  if (poll.hands) return { poll, event: poll.hands.by === ctx.caller.memberId ? handsEvent(ctx, poll, poll.hands.present, poll.hands.at) : null };
  if (!hands) throw fieldError('VALIDATION_ERROR', 'hands', '举手表决请填写各选项的举手人数');
  if (hands.counts.length !== poll.options.length) throw fieldError('VALIDATION_ERROR', 'hands.counts', `请按${poll.options.length}个选项逐项填写举手人数`);
  const raised = hands.counts.reduce((n, c) => n + c, 0) + hands.abstain;
  if (raised > quorum.present) throw fieldError('VALIDATION_ERROR', 'hands.counts', `举手总数${raised}超过了到会人数${quorum.present}`);
  const record = { present: quorum.present, counts: Object.fromEntries(poll.options.map((o, i) => [o.id, hands.counts[i]])), abstain: hands.abstain, by: ctx.caller.memberId, at: ctx.now };
  // Hands are counted in the room as it is now: those present now take part.
  const meeting = poll.meeting ? { ...poll.meeting, present: { units: quorum.present, areaCenti: present.presence.areaCenti } } : null;
  const patch = { hands: record, participation: quorum.present, meeting, version: poll.version + 1 };
  if (!(await ctx.db().update('polls', poll._id, patch, { version: poll.version, hands: null }))) return { poll: await ctx.db().require('polls', poll._id, '表决不存在'), event: null };
  return { poll: { ...poll, ...patch }, event: handsEvent(ctx, poll, quorum.present, ctx.now) };
}

function decisionOf(poll: PollRecord, t: Tally): { status: AgendaItem['status']; decision: Decision } {
  const counts = t.support.map((s) => ({ label: s.label, count: s.units }));
  if (t.abstain > 0) counts.push({ label: '弃权', count: t.abstain });
  const present = poll.meeting?.present.units ?? t.ballots;
  if (!poll.hands && present > t.ballots) counts.push({ label: '到会未表决', count: present - t.ballots });
  const adopted = t.decision.options.some((o) => o.adopted && !NAY.test(o.label));
  // A rule with no approval test (征求意见) counts opinions and decides nothing.
  const status = poll.rule.approval.length === 0 ? 'discussed' : adopted ? 'adopted' : 'rejected';
  return { status, decision: { adopted, explanation: meetingExplanation(poll, t), counts } };
}

/**
 * The minutes' line: the roll, those present against the quorum, and the options that carry
 * the motion — 「应到5户；到会5户（需>2.5户）；同意4户（需>2.5户） → 通过（居民会议…）」. A 不同意 that
 * did not pass says nothing the 同意 line has not said, so it is left out.
 */
function meetingExplanation(poll: PollRecord, t: Tally): string {
  const d = t.decision;
  if (!d.valid || poll.rule.approval.length === 0) return d.explanation;
  const word = poll.unit === 'household' ? '户' : '人';
  const carrying = d.options.filter((o) => !NAY.test(o.label) || o.adopted);
  const lines = carrying.map((o) => `${o.tests.map((l) => l.text).join('、')} → ${o.adopted ? '通过' : '未通过'}`);
  const base = poll.unit === 'ownerUnit' ? d.explanation.split('；')[0] : `应到${poll.roll?.size ?? 0}${word}`;
  return `${[base, ...d.participation.map((l) => l.text), ...lines].join('；')}（${poll.rule.name}）`;
}

/** Each proxy that voted in this poll: its use logged once, the principal told once. */
async function logProxyVotes(ctx: Ctx, m: MeetingRecord, item: AgendaItem, poll: PollRecord, t: Tally, present: Present): Promise<void> {
  const db = ctx.db();
  // The active proxies the item's count has just read (a retry reads them).
  const standing = (present.proxies ?? (await everyPage(db, 'meetingProxies', { meetingId: m._id, status: 'active' }, 'createdAt'))).filter((p) => p.itemId === null || p.itemId === item.itemId);
  const proxyOf = (unitKey: string, agentId: string | null): ProxyRecord | undefined =>
    standing.filter((p) => p.principalUnitKey === unitKey && p.agentMemberId === agentId).sort((a, b) => (a.itemId ? -1 : b.itemId ? 1 : 0))[0];
  const used: { p: ProxyRecord; choice: string | null }[] = [];
  if (poll.hands) {
    for (const [unitKey, e] of present.entries) {
      const p = e.via === 'proxy' ? proxyOf(unitKey, e.agentId) : undefined;
      if (p) used.push({ p, choice: null });
    }
  } else {
    for (const { ballot, choice } of t.opened) {
      const unit = await rollUnit(db, poll, ballot.unitKey);
      // On the vote's roll an entry present by proxy is voted by its agent alone.
      const agentId = unit && unit.voterIds.length === 1 ? unit.voterIds[0] : null;
      const p = agentId ? proxyOf(ballot.unitKey, agentId) : undefined;
      if (p) used.push({ p, choice: poll.secret ? null : choiceLabels(poll.options, choice).join('、') });
    }
  }
  const result = item.decision ? (item.decision.adopted ? '通过' : '未通过') : '';
  for (const { p, choice } of used) {
    const how = poll.hands ? '举手表决' : choice ? `「${choice}」` : '不记名表决';
    const entry = await rollEntry(db, m, p.principalUnitKey);
    await tell(ctx.deps.notifier, db, principalsOf(p, entry), {
      id: `${p._id}:${poll._id}:vote`, kind: 'meeting.proxyUsed', meetingId: m._id, title: '受托人已代您表决',
      body: poll.secret || poll.hands
        ? `${p.agentName ?? '受托人'}受您委托，参加了「${item.title}」的${how}。表决结果：${result}。`
        : `${p.agentName ?? '受托人'}受您委托，对「${item.title}」投了${how}。表决结果：${result}。`,
    });
    const text = `代为表决：${item.title}${choice ? `（${choice}）` : ''}`;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const cur = await db.get('meetingProxies', p._id);
      if (!cur || cur.uses.some((u) => u.kind === 'vote' && u.itemId === item.itemId)) break;
      if (await db.update('meetingProxies', p._id, { uses: [...cur.uses, { kind: 'vote', itemId: item.itemId, at: ctx.now, text }], updatedAt: ctx.now, version: cur.version + 1 }, { version: cur.version })) break;
    }
  }
}

/** What follows a decision: the motion told, each proxy's vote logged and its principal told. */
async function followUp(ctx: Ctx, m: MeetingRecord, item: AgendaItem, poll: PollRecord, known: { t: Tally; present: Present } | null): Promise<void> {
  const db = ctx.db();
  if (item.motionId && item.decision) {
    await recordMotionDecision(db, item.motionId, { meetingId: m._id, itemId: item.itemId, adopted: item.decision.adopted, explanation: item.decision.explanation }, ctx.now);
  }
  const t = known?.t ?? (await tally(ctx.deps, db, poll));
  await logProxyVotes(ctx, m, item, poll, t, known?.present ?? (await presentNow(db, m, item.itemId)));
}

export const closeVote: Handler<'meeting.closeVote'> = async (ctx) => {
  const db = ctx.db();
  const { itemId } = ctx.input;
  let m = await loadMeeting(ctx, ctx.input.meetingId);
  requireVoteRunner(ctx.caller, m);
  const first = requireItem(m, itemId);
  if (DECIDED.includes(first.status)) {
    // A retry after a crash between the decision and what follows it: those steps are idempotent.
    if ((first.status === 'adopted' || first.status === 'rejected') && first.pollId) await followUp(ctx, m, first, await db.require('polls', first.pollId, '表决不存在'), null);
    return meetingView(ctx, m);
  }
  if (first.status !== 'voting' || m.votingItemId !== itemId || !first.pollId) throw fieldError('CONFLICT', 'itemId', '该议程不在表决中');
  if (m.status !== 'inSession') throw new AppError('CLOSED', '会议已经结束');
  if (first.voteMode !== 'hands' && ctx.input.hands) throw fieldError('VALIDATION_ERROR', 'hands', '本项为逐人表决，无需填写举手人数');
  // The poll, the count and the caller's own entries on the roll (for the view) at once: independent readings.
  const [stored, present, entries] = await Promise.all([
    db.require('polls', first.pollId, '表决不存在'),
    presentNow(db, m, itemId),
    rollEntriesOf(db, m, ctx.caller.memberId),
  ]);
  let poll = stored;
  const quorum = quorumNow(m, present);
  // The hands' event, once recorded, until it is in `events`: whatever way the call leaves, it is put there.
  let pendingHands: EventRecord | null = null;
  try {
    let outcome: { status: AgendaItem['status']; decision: Decision };
    let counted: Tally | null = null;
    if (!quorum.met) {
      poll = await closePollOf(db, poll, ctx.caller, '不足法定人数，表决无效', ctx.now);
      outcome = { status: 'void', decision: { adopted: false, explanation: `结束表决时不足法定人数：${quorum.text}，表决无效`, counts: [] } };
    } else {
      if (first.voteMode === 'hands') ({ poll, event: pendingHands } = await recordHands(ctx, poll, ctx.input.hands, quorum, present));
      poll = await closePollOf(db, poll, ctx.caller, null, ctx.now);
      counted = await tally(ctx.deps, db, poll);
      outcome = decisionOf(poll, counted);
    }
    const subject = `meeting:${m._id}`;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const item = requireItem(m, itemId);
      if (DECIDED.includes(item.status)) return meetingView(ctx, m, { known: { entries } });
      const agenda = m.agenda.map((i) => (i.itemId === itemId ? { ...i, status: outcome.status, quorumAtClose: quorum, decision: outcome.decision, closedAt: ctx.now } : i));
      const next = { ...m, agenda, votingItemId: null, version: m.version + 1 };
      if (await db.update('meetings', m._id, { agenda, votingItemId: null, version: next.version }, { version: m.version, votingItemId: itemId })) {
        const closed = requireItem(next, itemId);
        const event = eventRecord(db, ctx.caller, {
          key: `item:${itemId}:close`, subject, type: outcome.status === 'void' ? 'meeting.voteVoid' : 'meeting.voteClosed', from: 'voting', to: outcome.status, public: true,
          note: `${item.title}：${outcome.decision.explanation}`, at: ctx.now,
        });
        // The hands and the close: one list insert.
        await (pendingHands ? db.insertMany('events', [pendingHands, event]) : db.insert('events', event));
        pendingHands = null;
        if (counted && (outcome.status === 'adopted' || outcome.status === 'rejected')) await followUp(ctx, next, closed, poll, { t: counted, present });
        return meetingView(ctx, next, { known: { entries, quorum: wholeQuorumFrom(next, present) } });
      }
      m = await db.require('meetings', m._id, '会议不存在');
    }
    throw new AppError('CONFLICT', '会议状态刚刚变化，请刷新后再试');
  } finally {
    if (pendingHands) await db.insert('events', pendingHands);
  }
};
