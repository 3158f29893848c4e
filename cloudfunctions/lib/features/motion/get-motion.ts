import type { Handler, PrefetchOf } from '../../kernel/action';
import { supportIdFor } from './records';
import { loadVisible, viewFor } from './transition';

/**
 * Read with the caller's record: the motion, and the caller's support where it counts per
 * person (keyed by their member id). Under 一户一票 the key is the household, known from
 * the record itself, so that one support is read after.
 */
export const prefetchMotion: PrefetchOf<'motion.get'> = (input, me) => ({
  motion: { collection: 'motions', id: input.motionId },
  support: { collection: 'motionSupports', id: supportIdFor(input.motionId, me) },
});

/** One motion, with the caller's support and where it went (concern, meeting, resolution). */
export const getMotion: Handler<'motion.get'> = async (ctx) => {
  const db = ctx.db();
  return viewFor(db, ctx.caller, await loadVisible(db, ctx.caller, ctx.input.motionId), ctx.now);
};
