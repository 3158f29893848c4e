import { fieldError } from '../../../../miniprogram/core/errors';
import { formatDay, sentence } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { checkWritten } from '../../kernel/content';
import { requireStaffMember } from './create';
import { requireOpen } from './permissions';
import { commitResolution, loadResolution, tell, viewFor } from './transition';

/**
 * 更换负责人或调整期限, always with a reason on the record. A new due date starts the
 * overdue reminders afresh; the (new) owner is told.
 */
export const reassignResolution: Handler<'resolution.reassign'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  const r = await loadResolution(ctx, input.resolutionId);
  requireOpen(r);
  if (input.ownerId === undefined && input.dueAt === undefined) throw fieldError('VALIDATION_ERROR', 'ownerId', '请选择新的负责人或新的期限');
  if (input.dueAt !== undefined && input.dueAt <= ctx.now) throw fieldError('VALIDATION_ERROR', 'dueAt', '完成期限须晚于现在');
  const owner = input.ownerId !== undefined ? await requireStaffMember(db, input.ownerId, 'ownerId') : { id: r.ownerId, name: r.ownerName };
  await checkWritten(ctx, { reason: input.reason });
  const dueAt = input.dueAt ?? r.dueAt;
  const moved = dueAt !== r.dueAt;
  const changes = [owner.id !== r.ownerId ? `负责人改为${owner.name}` : null, moved ? `期限改为${formatDay(dueAt)}` : null].filter(Boolean).join('，');
  const { next, event } = await commitResolution(
    db,
    caller,
    r,
    { ownerId: owner.id, ownerName: owner.name, dueAt, ...(moved ? { overdue: dueAt < ctx.now, chases: 0, wakeAt: dueAt } : {}) },
    { type: 'resolution.reassigned', note: `${changes || '未作更改'}（${input.reason}）`, from: r.ownerName, to: owner.name },
    ctx.now,
  );
  await tell(ctx.deps.notifier, next, event._id, {
    to: [owner.id],
    kind: 'resolution.assigned',
    title: `请落实会议决议：${sentence(r.title, 20)}`,
    body: `${changes}。原因：${sentence(input.reason, 40)}。请于${formatDay(dueAt)}前完成。`,
  });
  return viewFor(ctx, next);
};
