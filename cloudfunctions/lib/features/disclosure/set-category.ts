/**
 * 调整公开目录. A community adds its own categories and sets each one's cadence, citing the
 * resolution that adopted it where there is one (the catalogue is itself a matter for the
 * residents' council). The law's categories keep their names.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { loadCategories, requireCategory, requireNotBuiltinRename } from './catalogue';
import { categoryRecordId, customCategoryKey } from './ids';
import { categoryView } from './list-catalogue';

const MAX_CATEGORIES = 30;

export const setCategory: Handler<'disclosure.setCategory'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  if (input.basisResolutionId && !(await db.get('resolutions', input.basisResolutionId))) throw fieldError('VALIDATION_ERROR', 'basisResolutionId', '没有找到这项决议');
  const all = await loadCategories(db, ctx.now);
  if (input.key) {
    const c = await requireCategory(db, input.key, ctx.now, 'key');
    requireNotBuiltinRename(c, input.label);
    const changed = await db.update('disclosureCategories', c._id, { label: input.label, cadence: input.cadence, basisResolutionId: input.basisResolutionId ?? c.basisResolutionId, version: c.version + 1, updatedAt: ctx.now }, { version: c.version });
    if (!changed) throw new AppError('CONFLICT', '公开目录刚被他人修改，请刷新');
  } else {
    if (all.some((c) => c.label === input.label)) throw fieldError('VALIDATION_ERROR', 'label', '已有同名的公开类别');
    if (all.length >= MAX_CATEGORIES) throw fieldError('VALIDATION_ERROR', 'label', `公开类别最多${MAX_CATEGORIES}个`);
    const key = customCategoryKey(input.label, ctx.now);
    await db.insert('disclosureCategories', {
      _id: categoryRecordId(db.communityId, key), communityId: db.communityId, key, label: input.label, cadence: input.cadence, builtin: false,
      order: Math.max(...all.map((c) => c.order)) + 1, basisResolutionId: input.basisResolutionId ?? null, publishedCount: 0, latest: null, version: 0, createdAt: ctx.now, updatedAt: ctx.now,
    });
  }
  await appendEvent(db, caller, { key: `${ctx.now}`, subject: `disclosureCatalogue:${db.communityId}`, type: 'disclosure.categorySet', public: true, note: input.label, at: ctx.now });
  return { categories: (await loadCategories(db, ctx.now)).map(categoryView) };
};
