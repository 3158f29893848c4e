/**
 * The 公开目录: the seven categories the law and the charter name, each with its cadence,
 * and the community's own. The builtin ones are seeded when a community opens, and for a
 * community opened before 居务公开 existed, the first time anything needs the catalogue —
 * both by insert-if-absent under the category's id, so racing callers make each one once.
 */
import type { CategoryView } from '../../../../miniprogram/core/disclosure/contract';
import {
  BUILTIN_CADENCES,
  BUILTIN_CATEGORIES,
  BUILTIN_CATEGORY_LABELS,
  cadenceText,
  type Cadence,
} from '../../../../miniprogram/core/disclosure/vocabulary';
import { fieldError } from '../../../../miniprogram/core/errors';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { categoryIdFor } from './ids';
import type { CategoryRecord } from './records';

/** A periodic category's first look is now (the period just ended may still be owed); others have none. */
export const periodicWake = (cadence: Cadence, now: number): number | null => (cadence.kind === 'quarterly' || cadence.kind === 'monthly' ? now : null);

/** A community keeps a handful of its own beside the seven: past this, the list is no catalogue. */
export const MAX_CATEGORIES = 40;

function builtin(communityId: string, index: number, now: number): CategoryRecord {
  const key = BUILTIN_CATEGORIES[index];
  return {
    _id: categoryIdFor(communityId, key),
    communityId,
    key,
    label: BUILTIN_CATEGORY_LABELS[key],
    cadence: BUILTIN_CADENCES[key],
    builtin: true,
    order: index + 1,
    basisResolutionId: null,
    publishedCount: 0,
    latest: null,
    wakeAt: periodicWake(BUILTIN_CADENCES[key], now),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** The manifest's `communityOpened`: every builtin category, once. */
export async function seedCatalogue(db: ScopedStore, now: number): Promise<void> {
  await db.insertMany('disclosureCategories', BUILTIN_CATEGORIES.map((_, i) => builtin(db.communityId, i, now)));
}

/** Seeds what is missing (one read when nothing is). */
export async function ensureCatalogue(db: ScopedStore, now: number): Promise<void> {
  const ids = BUILTIN_CATEGORIES.map((k) => categoryIdFor(db.communityId, k));
  const found = await db.getMany('disclosureCategories', ids);
  if (found.length < ids.length) await seedCatalogue(db, now);
}

export async function categoriesOf(db: ScopedStore, now: number): Promise<CategoryRecord[]> {
  await ensureCatalogue(db, now);
  return everyPage(db, 'disclosureCategories', {}, 'order', MAX_CATEGORIES * 2);
}

export async function requireCategory(db: ScopedStore, key: string, now: number, field = 'categoryKey'): Promise<CategoryRecord> {
  await ensureCatalogue(db, now);
  const c = await db.get('disclosureCategories', categoryIdFor(db.communityId, key));
  if (!c) throw fieldError('NOT_FOUND', field, '没有这个公开类别');
  return c;
}

export function categoryView(c: CategoryRecord): CategoryView {
  return {
    key: c.key,
    label: c.label,
    cadence: c.cadence,
    cadenceText: cadenceText(c.cadence),
    builtin: c.builtin,
    publishedCount: c.publishedCount,
    latest: c.latest,
  };
}
