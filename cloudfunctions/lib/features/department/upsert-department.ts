import { createHash } from 'node:crypto';
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { communityOf, ownDepartment } from './directory';
import { toDepartmentView } from './presenters';
import type { DepartmentRecord } from './records';

/**
 * Adds or edits a directory entry. A new entry's id derives from the idempotency key, so a
 * retried save makes one entry; an edit is compare-and-set on `version`. Each save records
 * the community's subdistrict, which is what sharing matches on.
 */
export const upsertDepartment: Handler<'department.upsert'> = async (ctx) => {
  const { input, now, caller } = ctx;
  const db = ctx.db();
  const community = await communityOf(ctx);
  const fields = { name: input.name, kind: input.kind, phone: input.phone ?? null, active: input.active, shared: input.shared, subdistrict: community.subdistrict };
  let saved: DepartmentRecord;
  if (input.departmentId) {
    const current = await ownDepartment(ctx, input.departmentId);
    saved = { ...current, ...fields, version: current.version + 1, updatedAt: now };
    const { _id: _ignored, ...patch } = saved;
    void _ignored;
    if (!(await db.update('departments', current._id, patch, { version: current.version }))) {
      throw new AppError('CONFLICT', '该部门刚被他人修改，请刷新后重试');
    }
  } else {
    const id = `dp_${createHash('sha256').update(`${db.communityId}:${caller.memberId}:${ctx.idempotencyKey ?? ''}`).digest('hex').slice(0, 24)}`;
    saved = { _id: id, communityId: db.communityId, ...fields, contactId: null, contactSince: null, createdBy: caller.memberId, version: 1, createdAt: now, updatedAt: now };
    if (!(await db.insert('departments', saved))) {
      // A retry of the same save: answer with what the first one made.
      const first = await db.require('departments', id, '部门不存在');
      return toDepartmentView(caller, first, new Map(), new Map());
    }
  }
  await appendEvent(db, caller, {
    key: `v${saved.version}`,
    subject: `department:${saved._id}`,
    type: input.departmentId ? 'department.updated' : 'department.created',
    public: false,
    note: `${saved.name}${saved.shared ? '（街道共享）' : ''}${saved.active ? '' : '（已停用）'}`,
    at: now,
  });
  const contact = saved.contactId ? await db.getMany('members', [saved.contactId]) : [];
  return toDepartmentView(caller, saved, new Map(contact.map((m) => [m._id, m])), new Map());
};
