/**
 * The catalogue (公开目录): the law's six categories and the charter, seeded once per
 * community by deterministic ids, and the community's own. Read lazily too, so a community
 * opened before 居务公开 existed gets its catalogue on first use.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { BUILTIN_CADENCES, BUILTIN_CATEGORIES, BUILTIN_CATEGORY_LABELS, type Period } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { ScopedStore } from '../../kernel/scoped-store';
import { categoryRecordId } from './ids';
import type { CategoryRecord } from './records';

export function builtinCategory(communityId: string, key: (typeof BUILTIN_CATEGORIES)[number], now: number): CategoryRecord {
  return {
    _id: categoryRecordId(communityId, key), communityId, key, label: BUILTIN_CATEGORY_LABELS[key], cadence: BUILTIN_CADENCES[key],
    builtin: true, order: BUILTIN_CATEGORIES.indexOf(key) + 1, basisResolutionId: null, publishedCount: 0, latest: null, version: 0, createdAt: now, updatedAt: now,
  };
}

/** Inserts whatever builtin category is missing; a second run (or a parallel one) inserts nothing. */
export async function seedCategories(db: ScopedStore, now: number): Promise<void> {
  for (const key of BUILTIN_CATEGORIES) await db.insert('disclosureCategories', builtinCategory(db.communityId, key, now));
}

export async function loadCategories(db: ScopedStore, now: number): Promise<CategoryRecord[]> {
  const page = await db.query('disclosureCategories', { where: {}, orderBy: { field: 'order', dir: 'asc' }, limit: 100 });
  if (page.items.length >= BUILTIN_CATEGORIES.length) return page.items;
  await seedCategories(db, now);
  return (await db.query('disclosureCategories', { where: {}, orderBy: { field: 'order', dir: 'asc' }, limit: 100 })).items;
}

export async function requireCategory(db: ScopedStore, key: string, now: number, field = 'categoryKey'): Promise<CategoryRecord> {
  const found = await db.get('disclosureCategories', categoryRecordId(db.communityId, key));
  if (found) return found;
  const all = await loadCategories(db, now);
  const seeded = all.find((c) => c.key === key);
  if (!seeded) throw fieldError('VALIDATION_ERROR', field, '没有这个公开类别');
  return seeded;
}

/** Quarterly and monthly categories publish per period; the period must say which. */
export function checkPeriod(category: CategoryRecord, period: Period): void {
  if (category.cadence.kind === 'quarterly' && period.kind !== 'quarter') throw fieldError('VALIDATION_ERROR', 'period', `「${category.label}」按季度公开，请选择季度`);
  if (category.cadence.kind === 'monthly' && period.kind !== 'month') throw fieldError('VALIDATION_ERROR', 'period', `「${category.label}」按月公开，请选择月份`);
  if (period.kind === 'date' && Number.isNaN(Date.parse(`${period.date}T00:00:00+08:00`))) throw fieldError('VALIDATION_ERROR', 'period.date', '日期不正确');
}

export function requireNotBuiltinRename(category: CategoryRecord, label: string): void {
  if (category.builtin && category.label !== label) throw new AppError('FORBIDDEN', '法定公开类别不能改名，只能调整公开频次');
}
