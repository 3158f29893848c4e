import type { Handler } from '../../kernel/action';
import { act } from './transition';

/** The resident no longer needs it; staff are told so nobody keeps working on it. */
export const withdrawConcern: Handler<'concern.withdraw'> = async (ctx) => {
  return act(ctx, 'concern.withdraw', (c) => ({
    patch: { status: 'withdrawn', closedAt: ctx.now, closedReason: 'withdrawn', pausedAt: null, wakeAt: null, overdue: false },
    step: { type: 'concern.withdrawn', public: true, note: ctx.input.reason ?? null },
    messages: () => [
      { to: [c.assigneeId, c.firstResponderId], kind: 'concern.withdrawn', title: `诉求 ${c.number} 已被居民撤回`, body: ctx.input.reason ?? '居民已撤回该诉求' },
    ],
  }), [], { reason: ctx.input.reason });
};
