import type { Handler } from '../../kernel/action';
import { act } from './transition';

/**
 * 催办: the grid leader (or an admin) chases the current handler with a short note. It is on
 * the timeline — the resident sees that it was chased, staff see the words — counted on the
 * concern, and allowed once per URGE_INTERVAL (lifecycle.ts), so a chase stays a chase.
 */
export const urgeConcern: Handler<'concern.urge'> = async (ctx) => {
  return act(ctx, 'concern.urge', (c) => ({
    patch: { urges: (c.urges ?? 0) + 1, lastUrgedAt: ctx.now },
    step: { type: 'concern.urged', public: true, note: ctx.input.note, from: c.status, to: c.status },
    messages: () => [{ to: [c.assigneeId], kind: 'concern.urged', title: `催办：诉求 ${c.number} 请尽快办理`, body: ctx.input.note.slice(0, 60) }],
  }), [], { note: ctx.input.note });
};
