import type { Handler } from '../../kernel/action';
import { act, residents } from './transition';

/** A public answer to the resident; the status does not change. */
export const replyConcern: Handler<'concern.reply'> = async (ctx) => {
  return act(ctx, 'concern.reply', (c) => ({
    patch: {},
    step: { type: 'concern.replied', public: true, note: ctx.input.text, from: c.status, to: c.status },
    messages: () => [{ to: residents(c), kind: 'concern.replied', title: '社区答复了您的诉求', body: ctx.input.text.slice(0, 60) }],
  }), [], { text: ctx.input.text });
};
