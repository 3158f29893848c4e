/**
 * Reading the directory: which entries a community may call in, which it may edit, and
 * whether the caller is the current contact person of one. Entries are read from the
 * unscoped store because a shared entry belongs to another community of the subdistrict.
 */
import { departmentVisibleTo } from '../../../../miniprogram/core/department/contract';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { DepartmentRecord } from './records';

export async function communityOf(ctx: HandlerContext<unknown>): Promise<{ id: string; name: string; subdistrict: string }> {
  const db = ctx.db();
  const c = await db.get('communities', db.communityId);
  if (!c) throw new AppError('FORBIDDEN', '社区尚未开通，请先在社区管理中开通');
  return { id: c._id, name: c.name, subdistrict: c.subdistrict };
}

/** An entry of the caller's own community, to edit: a shared one seen from elsewhere is FORBIDDEN. */
export async function ownDepartment(ctx: HandlerContext<unknown>, departmentId: string): Promise<DepartmentRecord> {
  const d = await ctx.deps.store.get('departments', departmentId);
  if (d && d.communityId === ctx.caller.communityId) return d;
  if (d && departmentVisibleTo(d, await communityOf(ctx))) {
    throw fieldError('FORBIDDEN', 'departmentId', '这是其他社区共享的部门，只能由创建它的社区修改');
  }
  throw fieldError('NOT_FOUND', 'departmentId', '部门不存在');
}

/** The department the caller is the current contact person of; FORBIDDEN once replaced or removed. */
export async function myDepartment(ctx: HandlerContext<unknown>): Promise<DepartmentRecord> {
  const id = ctx.caller.departmentId;
  const d = id ? await ctx.deps.store.get('departments', id) : null;
  if (!d || d.contactId !== ctx.caller.memberId) throw new AppError('FORBIDDEN', '您已不是该部门的联系人，请联系社区');
  return d;
}
