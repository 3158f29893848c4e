import type { Handler } from '../../kernel/action';
import { LOW_SATISFACTION } from './lifecycle';
import { superviseAgain, supervisionStarts, supervisorOf } from './supervise';
import type { ConcernRecord } from './records';
import { act } from './transition';

/**
 * The resident's verdict. Resolved and not unhappy closes and archives it; "not resolved"
 * or 1–2 stars reopens it as supervised, and the handler's superiors hear about it.
 */
export const rateConcern: Handler<'concern.rate'> = async (ctx) => {
  const { resolved, satisfaction, comment } = ctx.input;
  return act(ctx, 'concern.rate', async (c) => {
    const rating = { resolved, satisfaction, comment: comment ?? null, at: ctx.now, round: c.round };
    const closes = resolved && satisfaction > LOW_SATISFACTION;
    const patch: Partial<ConcernRecord> = closes
      ? { rating, status: 'closed', closedAt: ctx.now, closedReason: 'rated', rateDueAt: null, wakeAt: null }
      : { rating, ...superviseAgain(c, ctx.now) };
    const verdict = `${resolved ? '已解决' : '未解决'}，${satisfaction}星${comment ? `：${comment}` : ''}`;
    const leader = closes ? null : await supervisorOf(ctx.db(), c);
    return {
      patch,
      step: { type: 'concern.rated', public: true, note: verdict },
      messages: (next) =>
        closes
          ? [{ to: [next.firstResponderId, next.assigneeId], kind: 'concern.rated', title: `诉求 ${c.number} 已评价归档`, body: verdict.slice(0, 60) }]
          // Titled by what the resident said: solved but unhappy is not "unsolved".
          : supervisionStarts(next, leader, resolved ? `诉求 ${c.number} 居民评价不满意（${satisfaction}星），转督办` : `诉求 ${c.number} 居民评价未解决，转督办`, verdict.slice(0, 60)),
    };
  }, [], { comment });
};
