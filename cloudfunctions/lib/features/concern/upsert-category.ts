import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { DEFAULT_RESIDENT_WAIT_DAYS } from './lifecycle';
import type { CategoryRecord } from './records';

/**
 * Staff edit the catalogue. Deadlines of concerns already filed keep the SLA they were
 * promised (they carry a copy); a retired category stays on old concerns but not in forms.
 */
export const upsertCategory: Handler<'concern.upsertCategory'> = async (ctx) => {
  const db = ctx.db();
  const { categoryId, ...given } = ctx.input;
  // Fields left out keep their value; zod leaves them undefined, which must not overwrite.
  const fields = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<CategoryRecord>;
  let record: CategoryRecord;
  if (categoryId) {
    const existing = await db.require('categories', categoryId, '分类不存在', 'categoryId');
    record = { ...existing, ...fields };
    await db.update('categories', categoryId, fields);
  } else {
    record = { _id: ctx.deps.ids.random('cat'), communityId: db.communityId, order: 100, active: true, templates: [], ...fields } as CategoryRecord;
    await db.insert('categories', record);
  }
  await appendEvent(db, ctx.caller, {
    key: ctx.deps.ids.random('e'),
    subject: `category:${record._id}`,
    type: categoryId ? 'category.updated' : 'category.created',
    to: JSON.stringify({ name: record.name, contactHours: record.contactHours, resolveDays: record.resolveDays, residentWaitDays: record.residentWaitDays ?? DEFAULT_RESIDENT_WAIT_DAYS, active: record.active }),
    public: false,
    at: ctx.now,
  });
  return {
    id: record._id,
    name: record.name,
    contactHours: record.contactHours,
    resolveDays: record.resolveDays,
    order: record.order,
    active: record.active,
    templates: record.templates ?? [],
    residentWaitDays: record.residentWaitDays ?? DEFAULT_RESIDENT_WAIT_DAYS,
  };
};
