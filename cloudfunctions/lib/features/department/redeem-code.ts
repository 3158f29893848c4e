import { AppError } from '../../../../miniprogram/core/errors';
import { DEPARTMENT_KIND_LABELS } from '../../../../miniprogram/core/department/contract';
import type { Handler, HandlerContext } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { changeMember, type MemberRecord } from '../../kernel/members';
import { TransactionConflictError } from '../../ports/store';
import { departmentCodeId, type DepartmentRecord } from './records';
import { checkWritten } from '../../kernel/content';

const INVALID = '加入码无效、已使用或已过期，请向社区重新索取';

/**
 * Claims a join code by a conditional update (unused, unexpired), then makes the caller the
 * department's contact: the entry first (compare-and-set on its version; it is the
 * authority on who the contact is), then the member's role. A contact it replaces loses
 * the role. If the entry cannot be taken the claim is released, so no code burns for nothing.
 */
export const redeemDepartmentCode: Handler<'department.redeemCode'> = async (ctx) => {
  const { caller, now } = ctx;
  const store = ctx.deps.store;
  const id = departmentCodeId(ctx.input.code);
  // The claim needs nothing read first (unused, unexpired, and for a member of a community,
  // of theirs): it follows the name's check (a refused name burns nothing), beside reading
  // the code, which says afterwards why a claim was refused.
  const [code, claimed] = await Promise.all([
    store.get('departmentCodes', id),
    checkWritten(ctx, { name: ctx.input.name }, { scene: 'profile' }).then(() =>
      store.update('departmentCodes', id, { usedBy: caller.memberId, usedAt: now }, { usedBy: null, expiresAt: { $gt: now }, ...(caller.communityId ? { communityId: caller.communityId } : {}) })),
  ]);
  if (!claimed || !code) {
    if (code && code.usedBy === null && code.expiresAt > now && caller.communityId && caller.communityId !== code.communityId) throw new AppError('FORBIDDEN', '您已是其他社区的成员，请联系社区调整');
    throw new AppError('INVITE_INVALID', INVALID);
  }

  let dept: DepartmentRecord;
  let previous: string | null;
  try {
    ({ dept, previous } = await takeContact(ctx, code.departmentId));
  } catch (err) {
    await store.update('departmentCodes', id, { usedBy: null, usedAt: null }, { usedBy: caller.memberId });
    throw err;
  }
  const db = ctx.dbFor(dept.communityId);
  const replaced = !!previous && previous !== caller.memberId;
  // The entry names its contact now: the caller's role, the replaced contact's and the
  // step's event follow it and need nothing of each other.
  const fields = (m: MemberRecord | null) => ({
    openid: m?.openid ?? caller.openid,
    communityId: dept.communityId,
    roles: [...new Set([...(m?.roles ?? []), 'department' as const])],
    gridIds: m?.gridIds ?? [],
    departmentId: dept._id,
    householdId: m?.householdId ?? null,
    household: m?.household ?? null,
    name: m?.name ?? ctx.input.name,
    away: m?.away ?? null,
  });
  // Someone with no record yet (no community) is created by one insert under their id, as
  // changeMember would after reading nothing; a record that exists after all refuses it and
  // the compare-and-set decides.
  const created: MemberRecord | null = caller.communityId ? null : { _id: caller.memberId, ...fields(null), version: 1, createdAt: now, updatedAt: now };
  await Promise.all([
    (async () => (created && (await store.insert('members', created)) ? created : changeMember(store, caller.memberId, now, fields)))(),
    replaced ? dropContact(ctx, previous as string, dept._id) : undefined,
    appendEvent(db, caller, {
      key: `v${dept.version}`,
      subject: `department:${dept._id}`,
      type: replaced ? 'department.contactReplaced' : 'department.contactJoined',
      public: false,
      note: dept.name,
      at: now,
    }),
  ]);
  return { department: { id: dept._id, name: dept.name, kindLabel: DEPARTMENT_KIND_LABELS[dept.kind] } };
};

/** Sets the entry's contact by compare-and-set; answers the entry as saved and who it replaced. */
async function takeContact(ctx: HandlerContext<unknown>, departmentId: string): Promise<{ dept: DepartmentRecord; previous: string | null }> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const d = await ctx.deps.store.get('departments', departmentId);
    if (!d || !d.active) throw new AppError('INVITE_INVALID', '该部门已停用，请联系社区');
    const patch = { contactId: ctx.caller.memberId, contactSince: ctx.now, version: d.version + 1, updatedAt: ctx.now };
    if (await ctx.deps.store.update('departments', d._id, patch, { version: d.version })) return { dept: { ...d, ...patch }, previous: d.contactId };
  }
  throw new TransactionConflictError();
}

/** The former contact keeps their other roles; only the department's goes. */
export async function dropContact(ctx: HandlerContext<unknown>, memberId: string, departmentId: string): Promise<void> {
  await changeMember(ctx.deps.store, memberId, ctx.now, (m) => {
    if (!m) throw new AppError('NOT_FOUND', '成员不存在');
    if (m.departmentId !== departmentId) return m;
    return { ...m, roles: m.roles.filter((r) => r !== 'department'), departmentId: null };
  });
}
