/**
 * The topic items of a period: concerns, read on their indexes, plus whatever other features
 * offer through the `topics` hook (a visit's topics). Merged concerns are duplicates of
 * another and count once, under the one they were merged into.
 */
import type { TopicItem } from '../../../../miniprogram/core/insight/contract';
import type { FeatureRegistry } from '../../kernel/feature';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { Filter } from '../../ports/store';
import type { ConcernRecord } from '../concern/records';
import type { InsightScope } from './scope';

/** One read stops at this many pages of 100 concerns; more says `truncated`. */
export const MAX_PAGES = 20;

export const concernPage = (id: string) => `/staff/concern/index?id=${id}`;

export function concernItem(c: ConcernRecord): TopicItem {
  return { source: 'concern', id: c._id, ref: c.number, buildingId: c.buildingId, gridId: c.gridId, category: c.category, at: c.createdAt, page: concernPage(c._id) };
}

export interface Period {
  /** Exclusive. */
  from: number;
  /** Inclusive. */
  to: number;
}

/** Concerns created in the period, within scope (and of one category, if given), oldest first. */
export async function concernsIn(db: ScopedStore, period: Period, scope: InsightScope, opts: { category?: string; pages?: number } = {}): Promise<{ items: ConcernRecord[]; truncated: boolean }> {
  if (scope.gridIds !== null && scope.gridIds.length === 0) return { items: [], truncated: false };
  const where: Filter = { createdAt: { $gt: period.from, $lte: period.to } };
  // The category index serves the cluster rule; the grid index a grid worker; the community's the admins.
  if (opts.category) where.category = opts.category;
  else if (scope.gridIds !== null) where.gridId = { $in: scope.gridIds };
  const out: ConcernRecord[] = [];
  let after: string | undefined;
  const pages = opts.pages ?? MAX_PAGES;
  for (let page = 0; page < pages; page += 1) {
    const batch = await db.query('concerns', { where, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 100, after });
    out.push(...batch.items);
    after = batch.next;
    if (!after) return { items: keep(out, scope), truncated: false };
  }
  return { items: keep(out, scope), truncated: true };
}

const keep = (items: ConcernRecord[], scope: InsightScope) => items.filter((c) => c.status !== 'merged' && (scope.gridIds === null || scope.gridIds.includes(c.gridId)));

/** The other features' topic items of the period, within scope. */
export async function otherTopics(features: FeatureRegistry, db: ScopedStore, period: Period, scope: InsightScope, category?: string): Promise<{ items: TopicItem[]; truncated: boolean }> {
  if (scope.gridIds !== null && scope.gridIds.length === 0) return { items: [], truncated: false };
  const got = await features.topics(db, { from: period.from, to: period.to, ...(category ? { category } : {}), ...(scope.gridIds !== null ? { gridIds: scope.gridIds } : {}) });
  // A source that ignored a filter still gets only what was asked for.
  const items = got.items.filter((t) => t.at > period.from && t.at <= period.to && (!category || t.category === category) && (scope.gridIds === null || scope.gridIds.includes(t.gridId)));
  return { items, truncated: got.truncated };
}
