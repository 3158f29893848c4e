import type { Handler } from '../../kernel/action';
import { act } from './transition';

/** A staff-only note; never on the resident's timeline. */
export const noteConcern: Handler<'concern.note'> = async (ctx) => {
  return act(ctx, 'concern.note', (c) => ({
    patch: {},
    step: { type: 'concern.noted', public: false, note: ctx.input.text, from: c.status, to: c.status },
  }), [], { text: ctx.input.text });
};
