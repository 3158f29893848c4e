import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { cadenceText } from '../../../../miniprogram/core/disclosure/vocabulary';
import { commitVersioned } from '../../kernel/versioned';
import { categoriesOf, categoryView, MAX_CATEGORIES, periodicWake } from './catalogue';
import { categoryIdFor, categorySubject, customCategoryKey } from './ids';
import type { CategoryRecord } from './records';

const sameCadence = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

/**
 * 调整公开目录. A new category of the community's own, or a new cadence (and, for its own
 * ones, a new name) for one that exists; the resolution that decided it may be named. The
 * seven the law names keep their names: only how often they are due may change.
 */
export const setCategory: Handler<'disclosure.setCategory'> = async (ctx) => {
  const { input, caller, now } = ctx;
  const db = ctx.db();
  const all = await categoriesOf(db, now);
  if (input.basisResolutionId && !(await db.get('resolutions', input.basisResolutionId))) throw fieldError('NOT_FOUND', 'basisResolutionId', '没有找到这项决议');
  const basisResolutionId = input.basisResolutionId ?? null;
  const sameName = all.find((c) => c.label === input.label && c.key !== input.key);
  if (sameName) throw fieldError('CONFLICT', 'label', `已有名为「${input.label}」的公开类别`);
  const note = `${input.label}：${cadenceText(input.cadence)}`;

  if (!input.key) {
    if (all.length >= MAX_CATEGORIES) throw fieldError('VALIDATION_ERROR', 'label', `公开类别最多${MAX_CATEGORIES}个`);
    const key = customCategoryKey(input.label);
    const record: CategoryRecord = {
      _id: categoryIdFor(db.communityId, key), communityId: db.communityId, key, label: input.label, cadence: input.cadence,
      builtin: false, order: now, basisResolutionId, publishedCount: 0, latest: null, wakeAt: periodicWake(input.cadence, now), version: 1, createdAt: now, updatedAt: now,
    };
    const event = eventRecord(db, caller, { key: 'v1:categorySet', subject: categorySubject(record._id), type: 'disclosure.categorySet', to: 'added', public: true, note, at: now });
    await db.store.transaction(async (tx) => {
      tx.insert('disclosureCategories', record);
      tx.insert('events', event);
    });
  } else {
    const c = all.find((x) => x.key === input.key);
    if (!c) throw fieldError('NOT_FOUND', 'key', '没有这个公开类别');
    if (c.builtin && c.label !== input.label) throw fieldError('VALIDATION_ERROR', 'label', `「${c.label}」是法定公开类别，不能改名，只能调整公开频次`);
    await commitVersioned(db, 'disclosureCategories', c, {
      label: input.label, cadence: input.cadence, basisResolutionId: basisResolutionId ?? c.basisResolutionId, updatedAt: now,
      // A new cadence: the clock looks again at once.
      ...(sameCadence(c.cadence, input.cadence) ? {} : { wakeAt: periodicWake(input.cadence, now) }),
    },
      (n) => eventRecord(db, caller, { key: `v${n.version}:categorySet`, subject: categorySubject(c._id), type: 'disclosure.categorySet', to: 'changed', public: true, note, at: now }),
      '公开目录刚被他人调整，请刷新后再试');
  }
  return { categories: (await categoriesOf(db, now)).map(categoryView) };
};
