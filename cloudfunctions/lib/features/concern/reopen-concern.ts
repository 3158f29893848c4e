import type { Handler } from '../../kernel/action';
import { superviseAgain, supervisionStarts, supervisorOf } from './supervise';
import { act } from './transition';

/** The resident says it is not fixed before rating: back to work, supervised by the grid leader. */
export const reopenConcern: Handler<'concern.reopen'> = async (ctx) => {
  return act(ctx, 'concern.reopen', async (c) => {
    const leader = await supervisorOf(ctx.db(), c);
    return {
      patch: superviseAgain(c, ctx.now),
      step: { type: 'concern.reopened', public: true, note: ctx.input.reason },
      messages: (next) => supervisionStarts(next, leader, `诉求 ${c.number} 居民反映未解决，转督办`, ctx.input.reason.slice(0, 60)),
    };
  }, [], { reason: ctx.input.reason });
};
