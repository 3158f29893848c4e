import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { ownDepartment } from './directory';
import { toDepartmentView } from './presenters';
import { dropContact } from './redeem-code';

/** Ends a contact's post (audited): the entry first, by compare-and-set, then the member's role. */
export const removeDepartmentContact: Handler<'department.removeContact'> = async (ctx) => {
  const { caller, now } = ctx;
  const db = ctx.db();
  const d = await ownDepartment(ctx, ctx.input.departmentId);
  if (!d.contactId) return toDepartmentView(caller, d, new Map(), new Map());
  const next = { ...d, contactId: null, contactSince: null, version: d.version + 1, updatedAt: now };
  if (!(await db.update('departments', d._id, { contactId: null, contactSince: null, version: next.version, updatedAt: now }, { version: d.version }))) {
    throw new AppError('CONFLICT', '该部门刚被他人修改，请刷新后重试');
  }
  await dropContact(ctx, d.contactId, d._id);
  await appendEvent(db, caller, { key: `v${next.version}`, subject: `department:${d._id}`, type: 'department.contactRemoved', public: false, note: d.name, at: now });
  return toDepartmentView(caller, next, new Map(), new Map());
};
