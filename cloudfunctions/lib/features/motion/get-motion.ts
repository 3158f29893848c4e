import type { Handler } from '../../kernel/action';
import { loadVisible, viewFor } from './transition';

/** One motion, with the caller's support and where it went (concern, meeting, resolution). */
export const getMotion: Handler<'motion.get'> = async (ctx) => {
  const db = ctx.db();
  return viewFor(db, ctx.caller, await loadVisible(db, ctx.caller, ctx.input.motionId), ctx.now);
};
