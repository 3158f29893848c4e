import type { Handler, PrefetchOf } from '../../kernel/action';
import { loadItem } from './load';
import { itemPages, itemPart } from './prefetch';
import { itemView } from './presenters';

/**
 * Read with the caller's record: the item and the first page of each list the page shows
 * (versions, committee opinions, questions), asked as itemView's everyPage asks them.
 */
export const prefetchItem: PrefetchOf<'disclosure.get'> = (input) => ({ item: itemPart(input.itemId), ...itemPages(input.itemId) });

/** One item: the version asked for (the current one by default) with its history; staff also see the draft. */
export const getItem: Handler<'disclosure.get'> = async (ctx) => itemView(ctx, await loadItem(ctx, ctx.input.itemId), { version: ctx.input.version });
