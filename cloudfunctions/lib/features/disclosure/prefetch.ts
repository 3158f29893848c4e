/**
 * What the disclosure actions read with the caller's record (kernel/action.ts `Prefetch`),
 * each part asked exactly as the handler's own read asks it, so that read is answered from
 * the caller's round-trip (kernel/prefetched-store.ts): the item by id, the first page of
 * each list an item's page shows, the committee's latest term, the community's people for
 * the privacy gate.
 */
import type { PrefetchOf } from '../../kernel/action';
import { fromAnchor, type ReadPart } from '../../ports/store';
import { communityDay } from '../supervision/committee';

const community = () => ({ communityId: fromAnchor('communityId') });

export const itemPart = (itemId: string): ReadPart => ({ collection: 'disclosureItems', id: itemId });

/** The term sittingCommittee asks for: the latest one begun by `now`. */
export const committeePart = (now: number): ReadPart => ({
  collection: 'committeeTerms', where: { ...community(), startsOn: { $lte: communityDay(now) } }, orderBy: { field: 'startsOn', dir: 'desc' }, limit: 1,
});

/** The first page of the community's people, as the privacy gate reads them (gate-names.ts). */
export const gatePeoplePart = (): ReadPart => ({ collection: 'members', where: community(), orderBy: { field: 'createdAt', dir: 'asc' }, limit: 100 });

const firstPage = (collection: string, itemId: string, field: string): ReadPart => ({ collection, where: { ...community(), itemId }, orderBy: { field, dir: 'asc' }, limit: 100 });

/** The first page of each list itemView shows: versions, the committee's opinions, questions. */
export const itemPages = (itemId: string) => ({
  versions: firstPage('disclosureVersions', itemId, 'number'),
  opinions: firstPage('disclosureOpinions', itemId, 'at'),
  questions: firstPage('disclosureQuestions', itemId, 'askedAt'),
});

/** 登记监督意见: whether the caller sits, and the item. The reply's lists follow the opinion's insert. */
export const prefetchOpinion: PrefetchOf<'disclosure.opinion'> = (input, _me, now) => ({ committee: committeePart(now), item: itemPart(input.itemId) });

/** 答复监督异议: the opinion, its item and the committee to copy. */
export const prefetchRespond: PrefetchOf<'disclosure.respond'> = (input, _me, now) => ({
  opinion: { collection: 'disclosureOpinions', id: input.opinionId }, item: itemPart(input.itemId), committee: committeePart(now),
});

/** 答复居民提问: the question and the committee to copy. */
export const prefetchAnswer: PrefetchOf<'disclosure.answer'> = (input, _me, now) => ({
  question: { collection: 'disclosureQuestions', id: input.questionId }, committee: committeePart(now),
});

/**
 * 更正: the item, the gate's names (people, committee), and the reply's lists — a correction
 * writes the item only, so they are as fresh at the end. The version corrected follows.
 */
export const prefetchCorrect: PrefetchOf<'disclosure.correct'> = (input, _me, now) => ({
  item: itemPart(input.itemId), committee: committeePart(now), people: gatePeoplePart(), ...itemPages(input.itemId),
});

/** 起草或修改: the gate's names, and the draft being edited. */
export const prefetchDraft: PrefetchOf<'disclosure.draft'> = (input, _me, now) => ({
  ...(input.itemId ? { item: itemPart(input.itemId) } : {}), committee: committeePart(now), people: gatePeoplePart(),
});

/** 公开: the item and the committee to ask; of the reply's lists, those publishing does not write. */
export const prefetchPublish: PrefetchOf<'disclosure.publish'> = (input, _me, now) => {
  const { opinions, questions } = itemPages(input.itemId);
  return { item: itemPart(input.itemId), committee: committeePart(now), opinions, questions };
};
