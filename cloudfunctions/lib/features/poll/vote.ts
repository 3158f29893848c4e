import { AppError } from '../../../../miniprogram/core/errors';
import { CHANNEL_LABELS } from '../../../../miniprogram/core/poll/vocabulary';
import { appendEvent } from '../../kernel/audit';
import type { Handler } from '../../kernel/action';
import { checkWritten } from '../../kernel/content';
import { op } from '../../ports/store';
import { checkedChoice } from './choice';
import { ballotsOf, loadPoll, viewOfBallots } from './my-ballot';
import { isVotingTime } from './permissions';
import { ballotId, type BallotRecord } from './records';
import { unitsOfVoter } from './roll-freeze';
import { receiptFor, sealChoice } from './seal';

/**
 * One ballot per unit, by construction: the ballot's id is the poll and the unit, so of any
 * number of votes for one unit — one resident tapping twice, two of a household at once, an
 * app vote racing a paper entry — exactly one is written. A retry by the same voter gets
 * their ballot back; anyone else learns who of their household already voted.
 */
export const vote: Handler<'poll.vote'> = async (ctx) => {
  const db = ctx.db();
  const me = ctx.caller;
  const poll = await loadPoll(ctx, ctx.input.pollId);
  if (!isVotingTime(poll, ctx.now)) throw new AppError('CLOSED', ctx.now < poll.opensAt ? '投票尚未开始' : '投票已结束');
  if (!poll.channels.includes('app')) throw new AppError('FORBIDDEN', '本次投票不在小程序投票，请按社区通知到现场或领取纸质选票');
  const units = await unitsOfVoter(db, poll, me.memberId);
  if (units.length === 0) throw new AppError('FORBIDDEN', '您不在本次投票的名册上，不能投票');
  const target = ctx.input.unitKey ? units.find((u) => u.unitKey === ctx.input.unitKey) : units.length === 1 ? units[0] : undefined;
  if (!target) {
    // At a meeting the several entries are one's own and those one holds a proxy for.
    const [message, field] = poll.meeting
      ? [ctx.input.unitKey ? '您不能为这一户（人）表决' : '您同时受托代表他人，请选择为本人还是为委托人表决', '请选择为谁表决']
      : [ctx.input.unitKey ? '这套房屋不在您名下' : '您名下有多套房屋，请选择为哪一套投票', '请选择房屋'];
    throw new AppError('VALIDATION_ERROR', message, { issues: [{ path: 'unitKey', message: field }] });
  }
  const choice = checkedChoice(poll, ctx.input.choice, ctx.input.openText);
  await checkWritten(ctx, { openText: choice.openText });
  const sealed = sealChoice(ctx.deps, choice);
  const id = ballotId(poll._id, target.unitKey);
  const record: BallotRecord = {
    _id: id, communityId: db.communityId, pollId: poll._id, unitKey: target.unitKey, unitLabel: target.unit.label, areaCenti: target.unit.areaCenti,
    voterId: me.memberId, gridId: target.unit.gridId, voterName: target.unit.voterNames[me.memberId] ?? me.name ?? '居民', channel: 'app', status: 'counted',
    choiceSealed: sealed, enteredBy: null, enteredByName: null, confirmedBy: null, receipt: receiptFor(sealed), at: ctx.now, version: 1,
  };
  const written = await db.insert('ballots', record);
  // The event's id is the unit's, so it is written once however often a vote is retried.
  const voted = (at: number) => appendEvent(db, me, { key: `ballot:${target.unitKey}`, subject: `poll:${poll._id}`, type: 'poll.voted', public: false, note: null, at });
  // Written: this unit's ballot is the one just made (others are read only for an owner of
  // several), so its count and its event need nothing more and go side by side.
  const [ballots] = await Promise.all([
    written && units.length === 1 ? new Map([[target.unitKey, record]]) : ballotsOf(db, poll, units),
    written ? db.update('polls', poll._id, { participation: op.inc(1) }, { status: 'open' }) : null,
    written ? voted(record.at) : null,
  ]);
  if (written) ballots.set(target.unitKey, record);
  const view = viewOfBallots(ctx.deps, me, poll, ctx.now, units, ballots);
  const mine = ballots.get(target.unitKey);
  if (!mine || mine.voterId !== me.memberId) {
    throw new AppError('CONFLICT', poll.unit === 'household' ? `您家已由${view.byName ?? '家人'}投票，一户一票，不能再投` : `已经投过票（${mine ? CHANNEL_LABELS[mine.channel] : ''}），每个计票单位一票`, { existing: view });
  }
  // A retry: the call that wrote the ballot may have died before its event.
  if (!written) await voted(mine.at);
  return view;
};
