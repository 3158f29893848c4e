/**
 * What both adapters share for `readTogether`: the bounds every part must keep, and the
 * page a query part answers (the same `next` cursor `query` hands out), so a part answered
 * together and the query asked alone cannot differ.
 */
import { AnchorValue, MAX_PAGE, MAX_READ_PARTS, resolvePartFilter, type Doc, type PartFilter, type QueryPage, type QuerySpec, type ReadPart } from '../ports/store';
import { encodeCursor } from './cursor';
import { assertIndexed, isKnownCollection, type CollectionIndexes } from './index-check';

export type IdPart = { collection: string; id: string };
export type IdsPart = { collection: string; ids: readonly string[] };
export type QueryPart = Extract<ReadPart, { where: PartFilter }>;

export const isIdPart = (part: ReadPart): part is IdPart => 'id' in part;
export const isIdsPart = (part: ReadPart): part is IdsPart => 'ids' in part;

/** The ids a part of ids really asks for: each once, at most MAX_PAGE (as getMany keeps). */
export const idsOf = (part: IdsPart): string[] => [...new Set(part.ids)].slice(0, MAX_PAGE);

/** A query part's page size, clamped as `query` clamps it. */
export const limitOf = (part: QueryPart): number => Math.max(1, Math.min(part.limit, MAX_PAGE));

/** Refuses what would make the one request unbounded or a scan: too many parts, unknown collections, unindexed filters. */
export function checkParts(collections: CollectionIndexes, anchor: { collection: string }, parts: Readonly<Record<string, ReadPart>>): void {
  const names = Object.keys(parts);
  if (names.length > MAX_READ_PARTS) throw new Error(`readTogether takes at most ${MAX_READ_PARTS} parts, got ${names.length}`);
  if (!isKnownCollection(collections, anchor.collection)) throw new Error(`unknown collection: ${anchor.collection}`);
  for (const name of names) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`invalid part name: ${name}`);
    const part = parts[name];
    if (!isKnownCollection(collections, part.collection)) throw new Error(`unknown collection: ${part.collection}`);
    // An anchor's value is an equality like any other constant, as far as indexes go.
    if (!isIdPart(part) && !isIdsPart(part)) assertIndexed(collections, part.collection, { ...part, where: Object.fromEntries(Object.entries(part.where).map(([f, c]) => [f, c instanceof AnchorValue ? '' : c])) });
  }
}

function readPath(doc: Doc, field: string): unknown {
  return field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
}

/** A query part's page from up to limit + 1 rows in order, as `query` makes it. */
export function pageOf(rows: Doc[], part: QueryPart): QueryPage<Doc> {
  const limit = limitOf(part);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return rows.length > limit && last ? { items, next: encodeCursor(readPath(last, part.orderBy.field), last._id) } : { items };
}

/** A query part as the plain query it is once the anchor is known; null when the anchor lacks a value it names. */
export function resolvePart(part: QueryPart, anchor: object): ({ collection: string } & QuerySpec) | null {
  const where = resolvePartFilter(part.where, anchor);
  return where ? { ...part, where } : null;
}

/** The anchor values of a query part: field of the filter → field of the anchor. */
export function anchorValues(part: QueryPart): Array<{ field: string; anchorField: string }> {
  return Object.entries(part.where).flatMap(([field, cond]) => (cond instanceof AnchorValue ? [{ field, anchorField: cond.field }] : []));
}
