import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor, type ReadPart } from '../../ports/store';
import { committeePart } from './prefetch';
import { sits } from '../supervision/committee';
import { summariesOf } from './presenters';
import { opinionIdFor } from './opinions';

const PUBLISHED = ['published', 'correcting'];
const byObjections = { field: 'openObjections', dir: 'desc' } as const;
const byPublication = { field: 'lastPublishedAt', dir: 'desc' } as const;

/** Read with the caller's record: the page of items, and for `awaiting` whether the caller sits; their opinions follow. */
export const prefetchOpinionQueue: PrefetchOf<'disclosure.opinionQueue'> = (input, _me, now): Record<string, ReadPart> => {
  const page = { limit: input.limit, after: input.cursor };
  if (input.when === 'objections') return { items: { collection: 'disclosureItems', where: { communityId: fromAnchor('communityId'), openObjections: { $gt: 0 } }, orderBy: byObjections, ...page } };
  return {
    committee: committeePart(now),
    items: { collection: 'disclosureItems', where: { communityId: fromAnchor('communityId'), state: { $in: PUBLISHED } }, orderBy: byPublication, ...page },
  };
};

/**
 * 监督意见 lists. `awaiting`: for a sitting member, the published items whose current version
 * has no opinion of theirs yet, leaving out the ones they wrote (newest publication first; a
 * page may hold fewer than `limit`). `objections`: items whose objections wait for an answer,
 * the most first, for the staff who answer and the committee who follow up.
 */
export const opinionQueue: Handler<'disclosure.opinionQueue'> = async (ctx) => {
  const { caller, input } = ctx;
  const db = ctx.db();
  if (input.when === 'objections') {
    const page = await db.query('disclosureItems', { where: { openObjections: { $gt: 0 } }, orderBy: byObjections, limit: input.limit, after: input.cursor });
    return { items: await summariesOf(ctx, page.items), ...(page.next ? { next: page.next } : {}) };
  }
  // Whether they sit, and the page they would see, in one wait: the page is published items only.
  const [sitting, page] = await Promise.all([
    sits(ctx),
    db.query('disclosureItems', { where: { state: { $in: PUBLISHED } }, orderBy: byPublication, limit: input.limit, after: input.cursor }),
  ]);
  if (!sitting) return { items: [] };
  const notMine = page.items.filter((i) => !i.authorIds.includes(caller.memberId));
  const given = new Set((await db.getMany('disclosureOpinions', notMine.map((i) => opinionIdFor(i._id, i.currentNumber, caller.memberId)))).map((o) => o.itemId));
  const awaiting = notMine.filter((i) => !given.has(i._id));
  return { items: await summariesOf(ctx, awaiting), ...(page.next ? { next: page.next } : {}) };
};
