import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { EventRecord } from '../audit/events';
import type { MemberRecord } from '../membership/records';
import { canView } from './permissions';
import { toConcernView } from './presenters';
import { concernSubject, type ConcernRecord } from './records';

/** Builds the detail view: the concern, its timeline, and the names the viewer may see. */
export async function getConcernView(ctx: HandlerContext<unknown>, concern: ConcernRecord) {
  const db = ctx.db();
  const events = await db.query<EventRecord>('events', {
    where: { subject: concernSubject(concern._id) },
    orderBy: { field: 'at', dir: 'asc' },
    limit: 100,
  });
  const people = [concern.assigneeId, ...events.items.map((e) => e.actorId)].filter((x): x is string => !!x);
  const members = await db.getMany<MemberRecord>('members', people);
  const names = new Map(members.map((m) => [m._id, m.name ?? '社区工作人员']));
  return toConcernView(ctx.caller, concern, events.items, names);
}

export async function getConcern(ctx: HandlerContext<{ concernId: string }>) {
  const concern = await ctx.db().get<ConcernRecord>('concerns', ctx.input.concernId);
  // Someone else's concern is "not found": its existence is itself private.
  if (!concern || !canView(ctx.caller, concern)) throw new AppError('NOT_FOUND', '诉求不存在');
  return getConcernView(ctx, concern);
}
