import type { Handler } from '../../kernel/action';
import { DAY } from '../../kernel/time';
import { DEFAULT_RESIDENT_WAIT_DAYS, nextResidentWake, pause } from './lifecycle';
import { act } from './transition';

/**
 * Asks the resident for more; the clocks stop until they answer. The wait has an end the
 * category sets (residentWaitDays): reminders on the way, then the sweep closes it.
 */
export const requestInfo: Handler<'concern.requestInfo'> = async (ctx) => {
  return act(ctx, 'concern.requestInfo', async (c) => {
    const category = await ctx.db().get('categories', c.category);
    const days = category?.residentWaitDays ?? DEFAULT_RESIDENT_WAIT_DAYS;
    const residentWait = { since: ctx.now, closeAt: ctx.now + days * DAY, reminders: 0 };
    return {
      patch: { status: 'waitingResident', ...pause(c, ctx.now), overdue: false, residentWait, wakeAt: nextResidentWake(residentWait, ctx.now) },
      step: { type: 'concern.infoRequested', public: true, note: ctx.input.question },
      messages: () => [{ to: [c.authorId], kind: 'concern.infoRequested', title: '请补充诉求情况', body: ctx.input.question.slice(0, 60) }],
    };
  }, [], { question: ctx.input.question });
};
