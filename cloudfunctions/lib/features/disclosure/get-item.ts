import { fromAnchor } from '../../ports/store';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { loadItem } from './load';
import { itemView } from './presenters';

/**
 * Read with the caller's record: the item and the first page of each list the page shows
 * (versions, committee opinions, questions), asked as itemView's everyPage asks them.
 */
export const prefetchItem: PrefetchOf<'disclosure.get'> = (input) => {
  const firstPage = (collection: string, field: string) => ({ collection, where: { communityId: fromAnchor('communityId'), itemId: input.itemId }, orderBy: { field, dir: 'asc' as const }, limit: 100 });
  return {
    item: { collection: 'disclosureItems', id: input.itemId },
    versions: firstPage('disclosureVersions', 'number'),
    opinions: firstPage('disclosureOpinions', 'at'),
    questions: firstPage('disclosureQuestions', 'askedAt'),
  };
};

/** One item: the version asked for (the current one by default) with its history; staff also see the draft. */
export const getItem: Handler<'disclosure.get'> = async (ctx) => itemView(ctx, await loadItem(ctx, ctx.input.itemId), { version: ctx.input.version });
