import type { MyBallotView } from '../../../../miniprogram/core/poll/contract';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor } from '../../ports/store';
import { ballotFacts } from './my-ballot';
import { looksEligible, mayCollectAny } from './permissions';
import { toPollView } from './presenters';
import { ballotId, type PollRecord } from './records';

const CURRENT = ['scheduled', 'open'];
const PAST = ['closed', 'published', 'cancelled'];

/** The page asked for: the same spec for the prefetch and the handler, so the one answers the other. */
const pageOf = (input: { when: 'current' | 'past'; limit: number; cursor?: string }) => {
  const current = input.when === 'current';
  return {
    where: { status: { $in: current ? CURRENT : PAST } },
    orderBy: { field: 'closesAt', dir: current ? ('asc' as const) : ('desc' as const) },
    limit: input.limit,
    after: input.cursor,
  };
};

/** Read with the caller's record: the page of polls (the caller's community from the record). */
export const prefetchPolls: PrefetchOf<'poll.list'> = (input) => {
  const spec = pageOf(input);
  return { polls: { collection: 'polls', ...spec, where: { communityId: fromAnchor('communityId'), ...spec.where } } };
};

/**
 * Polls the caller may see, soonest end first (current) or latest first (past). A resident's
 * row says whether their household (or they) voted, from one read of the page's ballots;
 * owners' polls leave that to the poll page, which reads the frozen roll.
 */
export const listPolls: Handler<'poll.list'> = async (ctx) => {
  const db = ctx.db();
  const page = await db.query('polls', pageOf(ctx.input));
  // A meeting's votes are found on the meeting's page, not among the community's polls.
  const visible = page.items.filter((p) => !p.meeting && (mayCollectAny(ctx.caller, p) || looksEligible(ctx.caller, p)));
  const keyOf = (p: PollRecord) => (p.unit === 'household' ? ctx.caller.householdId : p.unit === 'person' ? ctx.caller.memberId : null);
  const ids = visible.flatMap((p) => (keyOf(p) ? [ballotId(p._id, keyOf(p) as string)] : []));
  const ballots = new Map((await db.getMany('ballots', ids)).map((b) => [b._id, b]));
  const items = visible.map((p) => {
    const key = keyOf(p);
    const eligible = looksEligible(ctx.caller, p);
    // The row's line only; the poll page reads the frozen roll for choices, units and why not.
    const mine: MyBallotView | null = key && eligible
      ? { pollId: p._id, ...ballotFacts(ballots.get(ballotId(p._id, key)) ?? null, ctx.caller.memberId), choiceLabels: null, units: [], cannotVote: null }
      : null;
    return toPollView(ctx.caller, p, ctx.now, eligible, mine);
  });
  return { items, ...(page.next ? { next: page.next } : {}) };
};
