import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { ballotView, loadPoll, mayView } from './my-ballot';
import { looksEligible } from './permissions';
import { toPollView } from './presenters';

/** Read with the caller's record: the poll. Its roll bucket and ballots are named by the frozen roll, so they follow. */
export const prefetchPoll: PrefetchOf<'poll.get'> = (input) => ({ poll: { collection: 'polls', id: input.pollId } });

export const getPoll: Handler<'poll.get'> = async (ctx) => {
  const db = ctx.db();
  const poll = await loadPoll(ctx, ctx.input.pollId);
  if (!(await mayView(db, ctx.caller, poll))) throw new AppError('NOT_FOUND', '投票不存在');
  const mine = await ballotView(ctx.deps, db, ctx.caller, poll, ctx.now);
  const eligible = mine.units.length > 0 || (!poll.roll && looksEligible(ctx.caller, poll));
  return toPollView(ctx.caller, poll, ctx.now, eligible, eligible ? mine : null);
};
