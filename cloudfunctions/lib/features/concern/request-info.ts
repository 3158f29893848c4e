import type { Handler } from '../../kernel/action';
import { pause, RESIDENT_REMINDER_AFTER } from './lifecycle';
import { act, residents } from './transition';

/** Asks the resident for more; the clocks stop until they answer. */
export const requestInfo: Handler<'concern.requestInfo'> = async (ctx) => {
  return act(ctx, 'concern.requestInfo', (c) => ({
    patch: { status: 'waitingResident', ...pause(c, ctx.now), overdue: false, wakeAt: ctx.now + RESIDENT_REMINDER_AFTER },
    step: { type: 'concern.infoRequested', public: true, note: ctx.input.question },
    messages: () => [{ to: residents(c).slice(0, 1), kind: 'concern.infoRequested', title: '请补充诉求情况', body: ctx.input.question.slice(0, 60) }],
  }));
};
