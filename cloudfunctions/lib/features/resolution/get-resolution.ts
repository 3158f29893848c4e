import type { Handler } from '../../kernel/action';
import { loadResolution, viewFor } from './transition';

/** One resolution with its progress and register; the concerns it came from only as far as the caller may see them. */
export const getResolution: Handler<'resolution.get'> = async (ctx) => viewFor(ctx, await loadResolution(ctx, ctx.input.resolutionId));
