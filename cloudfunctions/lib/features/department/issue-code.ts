import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { INVITE_ALPHABET, INVITE_LENGTH } from '../../../../miniprogram/core/member/contract';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { DAY } from '../../kernel/time';
import { ownDepartment } from './directory';
import { departmentCodeId, type DepartmentCodeRecord } from './records';

/**
 * A single-use, expiring join code for a department's contact person. The code is the
 * document's id, inserted only if absent: two codes can never collide, and redeeming is a
 * conditional update on it.
 */
export const issueDepartmentCode: Handler<'department.issueCode'> = async (ctx) => {
  const { input, now, caller } = ctx;
  const db = ctx.db();
  const d = await ownDepartment(ctx, input.departmentId);
  if (!d.active) throw fieldError('VALIDATION_ERROR', 'departmentId', '该部门已停用，请先启用');
  const expiresAt = now + input.validDays * DAY;
  let code = '';
  for (let attempt = 0; attempt < 5 && !code; attempt += 1) {
    const candidate = ctx.deps.ids.code(INVITE_ALPHABET, INVITE_LENGTH);
    const record: DepartmentCodeRecord = { _id: departmentCodeId(candidate), communityId: db.communityId, departmentId: d._id, expiresAt, usedBy: null, usedAt: null, createdBy: caller.memberId, createdAt: now };
    if (await db.insert('departmentCodes', record)) code = candidate;
  }
  if (!code) throw new AppError('CONFLICT', '生成加入码失败，请重试');
  await appendEvent(db, caller, {
    key: ctx.deps.ids.random('e'),
    subject: `department:${d._id}`,
    type: 'department.codeIssued',
    public: false,
    note: `${d.name}，${input.validDays}天内有效`,
    at: now,
  });
  return { code, expiresAt, departmentName: d.name };
};
