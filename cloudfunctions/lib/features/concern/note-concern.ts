import type { HandlerContext } from '../../kernel/action';
import { act } from './transition';

/** A staff-only note; never on the resident's timeline. */
export async function noteConcern(ctx: HandlerContext<{ concernId: string; text: string }>) {
  return act(ctx, 'concern.note', (c) => ({
    patch: {},
    step: { type: 'concern.noted', public: false, note: ctx.input.text, from: c.status, to: c.status },
  }));
}
