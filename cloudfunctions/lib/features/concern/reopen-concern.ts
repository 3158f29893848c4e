import type { Handler } from '../../kernel/action';
import { superviseAgain } from './supervise';
import { act, adminsInbox } from './transition';

/** The resident says it is not fixed before rating: back to work, supervised. */
export const reopenConcern: Handler<'concern.reopen'> = async (ctx) => {
  return act(ctx, 'concern.reopen', (c) => ({
    patch: superviseAgain(c, ctx.now),
    step: { type: 'concern.reopened', public: true, note: ctx.input.reason },
    messages: (next) => [
      { to: [next.firstResponderId, next.assigneeId, adminsInbox(next.communityId)], kind: 'concern.supervised', title: `诉求 ${c.number} 居民反映未解决，转督办`, body: ctx.input.reason.slice(0, 60) },
    ],
  }));
};
