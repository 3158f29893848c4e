import type { Filter, QuerySpec } from '../ports/store';

/** Every collection an adapter serves and the indexes its queries need (from the manifests). */
export type CollectionIndexes = Readonly<Record<string, readonly (readonly string[])[]>>;

export function isKnownCollection(collections: CollectionIndexes, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(collections, name);
}

/** Range conditions; everything else is an equality (or $in / $exists on a prefix column). */
const RANGE_KEYS = ['$gt', '$gte', '$lt', '$lte', '$ne'];

function isRange(cond: Filter[string]): boolean {
  return typeof cond === 'object' && cond !== null && RANGE_KEYS.some((k) => k in cond);
}

/**
 * A query is index-backed when some declared index starts with exactly the filtered
 * equality fields (in any order) followed by the sort field; a range filter may only sit on
 * the sort field. This is the rule both SQLite and CloudBase need to avoid a scan.
 */
export function findIndex(collections: CollectionIndexes, collection: string, spec: Pick<QuerySpec, 'where' | 'orderBy'>): readonly string[] | undefined {
  if (!isKnownCollection(collections, collection)) return undefined;
  const fields = Object.keys(spec.where);
  const sortField = spec.orderBy.field;
  const equality = fields.filter((f) => f !== sortField || !isRange(spec.where[f]));
  if (fields.some((f) => f !== sortField && isRange(spec.where[f]))) return undefined;
  const indexes = collections[collection];
  return indexes.find((index) => {
    const prefix = index.slice(0, equality.length);
    if (prefix.length !== equality.length || !equality.every((f) => prefix.includes(f))) return false;
    if (equality.includes(sortField)) return true;
    return index[equality.length] === sortField;
  });
}

export function assertIndexed(collections: CollectionIndexes, collection: string, spec: Pick<QuerySpec, 'where' | 'orderBy'>): void {
  if (!findIndex(collections, collection, spec)) {
    throw new Error(
      `query on ${collection} by [${Object.keys(spec.where).join(', ')}] sorted by ${spec.orderBy.field} has no index`,
    );
  }
}

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Field names reach SQL text and query objects: only plain dotted identifiers pass. */
export function assertFieldPath(field: string): void {
  if (!FIELD_PATH.test(field)) throw new Error(`invalid field path: ${field}`);
}
