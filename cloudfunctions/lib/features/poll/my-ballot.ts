/**
 * What a voter may know of the ballot for their unit: that it was counted, when, by which
 * channel, and — in 一户一票 — by whom of their own household. For a secret ballot not even
 * the voter is shown their choice: a screen that proves how someone voted could be
 * demanded of them.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { MyBallotView } from '../../../../miniprogram/core/poll/contract';
import { CHANNEL_LABELS } from '../../../../miniprogram/core/poll/vocabulary';
import type { Deps } from '../../kernel/deps';
import type { Handler, HandlerContext, PrefetchOf } from '../../kernel/action';
import type { IdentifiedCaller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { isVotingTime, looksEligible, mayCollectAny } from './permissions';
import { ballotId, type BallotRecord, type PollRecord } from './records';
import { frozenByThisCall, openIfDue, unitsOfVoter, type VoterUnit } from './roll-freeze';
import { choiceLabels, openChoice } from './seal';
import { closeNow } from './close-poll';

type Ctx = HandlerContext<unknown, IdentifiedCaller>;

/**
 * The poll, brought up to its time: opened (its roll frozen) or closed when the sweep has
 * not yet come by. Only for a caller it concerns by address or as staff — a call that is
 * then refused must not write; anyone else sees it as stored until the sweep moves it.
 */
export async function loadPoll(ctx: Ctx, pollId: string): Promise<PollRecord> {
  const db = ctx.db();
  const stored = await db.require('polls', pollId, '投票不存在', 'pollId');
  if (!(mayCollectAny(ctx.caller, stored) || looksEligible(ctx.caller, stored))) return stored;
  const poll = await openIfDue(ctx.deps, db, stored, ctx.now, 'sweep');
  if (poll.status !== 'open' || ctx.now < poll.closesAt) return poll;
  // Past its end and the sweep not yet by: close it now, so nobody waits for a result.
  try {
    return await closeNow(db, poll, 'system', null, ctx.now);
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return db.require('polls', pollId, '投票不存在', 'pollId');
    throw err;
  }
}

/**
 * The unit a caller's ballot most likely stands for, known before the roll is read: their
 * household in 一户一票, themselves in 一人一票. Owners' units are known only from the roll.
 */
function likelyUnitKey(caller: IdentifiedCaller, poll: PollRecord): string | null {
  if (poll.unit === 'household') return caller.householdId ?? null;
  return poll.unit === 'person' ? caller.memberId : null;
}

export async function ballotView(deps: Pick<Deps, 'cipher'>, db: ScopedStore, caller: IdentifiedCaller, poll: PollRecord, now: number): Promise<MyBallotView> {
  // A roll this call froze a moment ago has no ballot yet: one is only ever cast against a
  // frozen roll, and the poll had none until this call's compare-and-set gave it one.
  if (frozenByThisCall(poll)) return viewOfBallots(deps, caller, poll, now, await unitsOfVoter(db, poll, caller.memberId), new Map());
  // The likely unit's ballot is read beside the roll (one round-trip); the roll then says
  // which units are the caller's, and only one it did not foresee costs another read.
  const guess = poll.roll ? likelyUnitKey(caller, poll) : null;
  const [units, guessed] = await Promise.all([unitsOfVoter(db, poll, caller.memberId), guess ? db.getMany('ballots', [ballotId(poll._id, guess)]) : []]);
  const others = units.filter((u) => u.unitKey !== guess);
  const ballots = others.length ? await ballotsOf(db, poll, others) : new Map<string, BallotRecord>();
  for (const b of guessed) if (b.unitKey === guess && units.some((u) => u.unitKey === guess)) ballots.set(b.unitKey, b);
  return viewOfBallots(deps, caller, poll, now, units, ballots);
}

export async function ballotsOf(db: ScopedStore, poll: PollRecord, units: readonly VoterUnit[]): Promise<Map<string, BallotRecord>> {
  return new Map((await db.getMany('ballots', units.map((u) => ballotId(poll._id, u.unitKey)))).map((b) => [b.unitKey, b]));
}

/** The view from the caller's units on the frozen roll and the ballots standing for them. */
export function viewOfBallots(deps: Pick<Deps, 'cipher'>, caller: IdentifiedCaller, poll: PollRecord, now: number, units: readonly VoterUnit[], ballots: ReadonlyMap<string, BallotRecord>): MyBallotView {
  const first = units.map((u) => ballots.get(u.unitKey)).find((b) => b) ?? null;
  const choice = first && first.voterId === caller.memberId && !poll.secret ? openChoice(deps, first.choiceSealed) : null;
  return {
    pollId: poll._id,
    ...ballotFacts(first, caller.memberId),
    choiceLabels: choice ? choiceLabels(poll.options, choice) : null,
    units: units.map((u) => ({ unitKey: u.unitKey, label: u.unit.label, voted: ballots.has(u.unitKey) })),
    cannotVote: cannotVote(poll, now, units.length, units.every((u) => ballots.has(u.unitKey))),
  };
}

/** What any view of the unit's ballot says: whether, when, how, by whom of the household. */
export function ballotFacts(b: BallotRecord | null, memberId: string): Pick<MyBallotView, 'voted' | 'byMe' | 'byName' | 'channel' | 'channelLabel' | 'at' | 'counted' | 'receipt'> {
  const byMe = !!b && b.voterId === memberId;
  return {
    voted: !!b,
    byMe,
    byName: b && !byMe ? (b.voterName ?? (b.channel === 'paper' ? '纸质选票' : '工作人员现场录入')) : null,
    channel: b?.channel ?? null,
    channelLabel: b ? CHANNEL_LABELS[b.channel] : null,
    at: b?.at ?? null,
    counted: b?.status === 'counted',
    receipt: byMe ? b.receipt : null,
  };
}

function cannotVote(poll: PollRecord, now: number, units: number, allVoted: boolean): string | null {
  if (poll.status === 'cancelled') return '投票已撤销';
  if (now < poll.opensAt) return '投票尚未开始';
  if (!isVotingTime(poll, now)) return '投票已结束';
  if (units === 0) return poll.unit === 'ownerUnit' ? '您不在本次业主名册上（或名册中的业主尚未关联到您），如有疑问请联系社区' : '您不在本次投票的名册上（名册在投票开始时确定），如有疑问请联系社区';
  if (allVoted) return poll.unit === 'household' ? '您家已经投过票，一户一票' : '已经投过票，每个计票单位一票';
  if (!poll.channels.includes('app')) return '本次投票不在小程序投票，请按社区通知到现场或领取纸质选票';
  return null;
}

/** Whether the caller may see the poll at all: staff within reach, or a resident in scope or on its roll. */
export async function mayView(db: ScopedStore, caller: IdentifiedCaller, poll: PollRecord): Promise<boolean> {
  if (mayCollectAny(caller, poll) || looksEligible(caller, poll)) return true;
  return (await unitsOfVoter(db, poll, caller.memberId)).length > 0;
}

/** Read with the caller's record: the poll (the roll bucket and ballots follow from its roll). */
export const prefetchMyBallot: PrefetchOf<'poll.myBallot'> = (input) => ({ poll: { collection: 'polls', id: input.pollId } });

export const myBallot: Handler<'poll.myBallot'> = async (ctx) => {
  const poll = await loadPoll(ctx, ctx.input.pollId);
  const db = ctx.db();
  if (!(await mayView(db, ctx.caller, poll))) throw new AppError('NOT_FOUND', '投票不存在');
  return ballotView(ctx.deps, db, ctx.caller, poll, ctx.now);
};
