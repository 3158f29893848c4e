import type { Handler } from '../../kernel/action';
import { loadItem } from './load';
import { itemView } from './presenters';

/** One item: the version asked for (the current one by default) with its history; staff also see the draft. */
export const getItem: Handler<'disclosure.get'> = async (ctx) => itemView(ctx, await loadItem(ctx, ctx.input.itemId), { version: ctx.input.version });
