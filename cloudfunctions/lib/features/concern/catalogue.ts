import type { ScopedStore } from '../../kernel/scoped-store';
import type { CategoryRecord } from './records';

/**
 * Categories a new community starts with; staff edit them afterwards. SLAs follow the
 * common 12345 practice: contact quickly, resolve within days, safety first.
 */
export const DEFAULT_CATEGORIES: ReadonlyArray<Omit<CategoryRecord, '_id' | 'communityId'> & { key: string }> = [
  { key: 'safety', name: '安全隐患', contactHours: 2, resolveDays: 3, order: 1, active: true },
  { key: 'repair', name: '设施维修', contactHours: 24, resolveDays: 7, order: 2, active: true },
  { key: 'environment', name: '环境卫生', contactHours: 24, resolveDays: 5, order: 3, active: true },
  { key: 'property', name: '物业服务', contactHours: 24, resolveDays: 7, order: 4, active: true },
  { key: 'dispute', name: '邻里纠纷', contactHours: 24, resolveDays: 15, order: 5, active: true },
  { key: 'suggestion', name: '意见建议', contactHours: 72, resolveDays: 15, order: 6, active: true },
];

export const categoryId = (communityId: string, key: string) => `cat_${communityId}_${key}`;

/** Idempotent: existing categories (possibly edited by staff) are left alone. */
export async function seedDefaultCategories(db: ScopedStore, _now: number): Promise<void> {
  void _now;
  await db.insertMany(
    'categories',
    DEFAULT_CATEGORIES.map(({ key, ...c }) => ({ _id: categoryId(db.communityId, key), communityId: db.communityId, ...c })),
  );
}
