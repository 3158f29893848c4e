/**
 * Paper ballots and per-person votes in a meeting, entered by staff. A paper entry holds
 * its unit at once — the app then refuses that unit, and the entry is refused if the unit
 * voted first — but counts only when a second staff member has keyed the same paper in
 * again and the marks agree (double entry, so one person cannot put words in a ballot).
 * A meeting vote is cast before the meeting and counts as entered.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { CHANNEL_LABELS } from '../../../../miniprogram/core/poll/vocabulary';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { fromAnchor, op } from '../../ports/store';
import { checkedChoice } from './choice';
import { loadPoll } from './my-ballot';
import { isVotingTime, mayCollect, mayCollectAny } from './permissions';
import { toPaperView } from './presenters';
import { ballotId } from './records';
import { rollUnit } from './roll-freeze';
import { openChoice, receiptFor, sealChoice, sameMarks } from './seal';

export const enterPaperBallot: Handler<'poll.enterPaperBallot'> = async (ctx) => {
  const db = ctx.db();
  const poll = await loadPoll(ctx, ctx.input.pollId);
  if (!mayCollectAny(ctx.caller, poll)) throw new AppError('FORBIDDEN', '只有投票范围内的工作人员可以录入');
  if (!isVotingTime(poll, ctx.now)) throw new AppError('CLOSED', ctx.now < poll.opensAt ? '投票尚未开始' : '投票已结束，不能再录入选票');
  const channel = ctx.input.channel;
  if (!poll.channels.includes(channel)) throw new AppError('FORBIDDEN', `本次投票不接受${CHANNEL_LABELS[channel]}`);
  const unit = await rollUnit(db, poll, ctx.input.unitKey);
  if (!unit || !mayCollect(ctx.caller, poll, unit.gridId)) throw new AppError('NOT_FOUND', '该户不在本次投票的名册上（或不在您负责的网格）', { issues: [{ path: 'unitKey', message: '该户不在名册上' }] });
  const choice = checkedChoice(poll, ctx.input.choice, ctx.input.openText);
  await checkWritten(ctx, { openText: choice.openText });
  const sealed = sealChoice(ctx.deps, choice);
  const id = ballotId(poll._id, ctx.input.unitKey);
  const record = {
    _id: id, communityId: db.communityId, pollId: poll._id, unitKey: ctx.input.unitKey, unitLabel: unit.label, areaCenti: unit.areaCenti,
    voterId: null, voterName: null, gridId: unit.gridId, channel, status: channel === 'paper' ? ('pendingConfirm' as const) : ('counted' as const),
    choiceSealed: sealed, enteredBy: ctx.caller.memberId, enteredByName: ctx.caller.name ?? '工作人员', confirmedBy: null, receipt: receiptFor(sealed), at: ctx.now, version: 1,
  };
  if (!(await db.insert('ballots', record))) {
    const existing = await db.get('ballots', id);
    throw new AppError('CONFLICT', `${unit.label}已经投过票（${existing ? CHANNEL_LABELS[existing.channel] : ''}），每户只能一票`);
  }
  // The ballot holds the unit: its running count and its event depend on nothing more and go
  // side by side (the count is recounted from the ballots at close).
  await Promise.all([
    db.update('polls', poll._id, { participation: op.inc(1) }, { status: 'open' }),
    appendEvent(db, ctx.caller, { key: `ballot:${ctx.input.unitKey}`, subject: `poll:${poll._id}`, type: channel === 'paper' ? 'poll.paperEntered' : 'poll.meetingEntered', public: false, note: unit.label, at: ctx.now }),
  ]);
  return toPaperView(record, ctx.caller.memberId);
};

/**
 * Read with the caller's record: the ballot and its poll. A ballot's id is `b_<pollId>_<unit>`
 * and no poll id holds an underscore (pollIdFor, meetingPollId), so the poll is named from
 * the input; should it ever not be, the handler's read of `ballot.pollId` simply misses the
 * part and goes to the database.
 */
export const prefetchBallotAndPoll: PrefetchOf<'poll.confirmPaperBallot'> = (input) => {
  const pollId = /^b_([^_]+)_/.exec(input.ballotId)?.[1];
  return { ballot: { collection: 'ballots', id: input.ballotId }, ...(pollId ? { poll: { collection: 'polls', id: pollId } } : {}) };
};

export const confirmPaperBallot: Handler<'poll.confirmPaperBallot'> = async (ctx) => {
  const db = ctx.db();
  const ballot = await db.require('ballots', ctx.input.ballotId, '选票不存在', 'ballotId');
  const poll = await db.require('polls', ballot.pollId, '投票不存在');
  if (!mayCollect(ctx.caller, poll, ballot.gridId)) throw new AppError('FORBIDDEN', '只有投票范围内的工作人员可以复核');
  if (ballot.status !== 'pendingConfirm') throw new AppError('CONFLICT', '这张选票已经复核过');
  if (ballot.enteredBy === ctx.caller.memberId) throw new AppError('FORBIDDEN', '须由录入人以外的另一位工作人员复核');
  if (poll.status !== 'open' && poll.status !== 'closed') throw new AppError('CLOSED', '投票已公布结果，不能再复核');
  const subject = `poll:${poll._id}`;
  if ('reject' in ctx.input) {
    await checkWritten(ctx, { reject: ctx.input.reject });
    if (!(await db.remove('ballots', ballot._id, { status: 'pendingConfirm', version: ballot.version }))) throw new AppError('CONFLICT', '这张选票刚被其他人处理过，请刷新');
    // The entry is gone: its count and its event go side by side.
    await Promise.all([
      db.update('polls', poll._id, { participation: op.inc(-1) }),
      appendEvent(db, ctx.caller, { key: `returned:${ballot.unitKey}:${ballot.at}`, subject, type: 'poll.paperReturned', public: false, note: `${ballot.unitLabel}：${ctx.input.reject}`, at: ctx.now }),
    ]);
    return { ...toPaperView(ballot, ctx.caller.memberId), pending: false };
  }
  const first = openChoice(ctx.deps, ballot.choiceSealed);
  const again = checkedChoice(poll, ctx.input.choice, undefined);
  if (!sameMarks(first, again)) throw new AppError('CONFLICT', '与首次录入不一致，请再核对纸质选票；如首次录入有误，请退回后重新录入');
  const next = { ...ballot, status: 'counted' as const, confirmedBy: ctx.caller.memberId, version: ballot.version + 1 };
  if (!(await db.update('ballots', ballot._id, { status: 'counted', confirmedBy: ctx.caller.memberId, version: next.version }, { status: 'pendingConfirm', version: ballot.version }))) {
    throw new AppError('CONFLICT', '这张选票刚被其他人处理过，请刷新');
  }
  await appendEvent(db, ctx.caller, { key: `confirmed:${ballot.unitKey}`, subject, type: 'poll.paperConfirmed', public: false, note: ballot.unitLabel, at: ctx.now });
  return toPaperView(next, ctx.caller.memberId);
};

const pendingPage = (input: { pollId: string; limit: number; cursor?: string }) => ({
  orderBy: { field: 'at', dir: 'asc' as const },
  limit: input.limit,
  after: input.cursor,
});

/** Read with the caller's record: the poll and the page of its entries waiting (the same query the handler asks). */
export const prefetchPendingPaper: PrefetchOf<'poll.pendingPaper'> = (input) => ({
  poll: { collection: 'polls', id: input.pollId },
  pending: { collection: 'ballots', where: { communityId: fromAnchor('communityId'), pollId: input.pollId, status: 'pendingConfirm' }, ...pendingPage(input) },
});

/** Entries waiting for their second keying; the first entry's marks are never shown. */
export const pendingPaperBallots: Handler<'poll.pendingPaper'> = async (ctx) => {
  const db = ctx.db();
  const poll = await db.require('polls', ctx.input.pollId, '投票不存在', 'pollId');
  if (!mayCollectAny(ctx.caller, poll)) throw new AppError('FORBIDDEN', '只有投票范围内的工作人员可以查看');
  const page = await db.query('ballots', { where: { pollId: poll._id, status: 'pendingConfirm' }, ...pendingPage(ctx.input) });
  // A grid worker confirms the paper of their own grids; the page may come back short for them.
  const items = page.items.filter((b) => mayCollect(ctx.caller, poll, b.gridId));
  return { items: items.map((b) => toPaperView(b, ctx.caller.memberId)), ...(page.next ? { next: page.next } : {}) };
};
