import { AppError } from '../../../../miniprogram/core/errors';
import type { DepartmentRequestView } from '../../../../miniprogram/core/department/contract';
import type { HandlerContext, Prefetch } from '../../kernel/action';
import type { Handler } from '../../kernel/action';
import { mediaFor } from '../media/attach';
import { photoVisible } from '../media/records';
import { concernSubject, type ConcernRecord } from '../concern/records';
import { myDepartment } from './directory';
import { calledIn, toRequestView, type RequestExtras } from './presenters';
import { departmentAnswerId, type DepartmentRecord } from './records';

/**
 * The concern, read in the round-trip of the contact's record: its id is the input, and it
 * is handed to nobody before requestFor has checked the department was called into it.
 */
export const prefetchRequest: Prefetch<{ concernId: string }> = (input) => ({ concern: { collection: 'concerns', id: input.concernId } });

/** A concern the caller's department was called into, or NOT_FOUND (its existence is private). */
export async function requestFor(ctx: HandlerContext<{ concernId: string }>): Promise<{ dept: DepartmentRecord; c: ConcernRecord }> {
  // Unscoped: the concern may be of another community the entry serves. Read beside the
  // entry (without a prefetch) and kept until both checks below have passed.
  const [dept, c] = await Promise.all([myDepartment(ctx), ctx.unscoped().get('concerns', ctx.input.concernId)]);
  if (!c || !calledIn(c, dept._id)) throw new AppError('NOT_FOUND', '协办请求不存在');
  return { dept, c };
}

/**
 * What the view reads besides the concern, from the concern's own community (a shared entry
 * serves several). An answer changes none of it but adding its own step, and it knows what was
 * asked (`ask`): then the department's answer record is not read.
 */
export async function extrasFor(ctx: HandlerContext<unknown>, dept: DepartmentRecord, c: ConcernRecord, ask?: string): Promise<RequestExtras> {
  const db = ctx.dbFor(c.communityId);
  const [events, media, community, people, answer] = await Promise.all([
    db.query('events', { where: { subject: concernSubject(c._id) }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 }),
    mediaFor(db, c.photos),
    db.get('communities', c.communityId),
    db.getMany('members', [c.assigneeId, c.authorId].filter((x): x is string => !!x)),
    ask === undefined ? db.get('departmentAnswers', departmentAnswerId(dept._id, c._id)) : null,
  ]);
  // Only photos that passed the check, and never the author's own unchecked ones.
  const shown = c.photos.filter((f) => photoVisible(media.get(f), null));
  const urls = shown.length ? await ctx.deps.files.tempUrls(shown) : {};
  const handler = people.find((m) => m._id === c.assigneeId);
  const author = people.find((m) => m._id === c.authorId);
  const sharing = c.whistle?.departmentId === dept._id && c.whistle.sharePhone === true;
  return {
    communityName: community?.name ?? '',
    photoUrls: shown.map((f) => urls[f]).filter((u): u is string => !!u),
    events: events.items,
    handlerName: handler?.name ?? undefined,
    residentPhone: sharing && author?.phoneEnc ? ctx.deps.cipher.decrypt(author.phoneEnc) : undefined,
    ask: ask ?? answer?.ask,
  };
}

export async function requestView(ctx: HandlerContext<unknown>, dept: DepartmentRecord, c: ConcernRecord): Promise<DepartmentRequestView> {
  return toRequestView(ctx.caller, c, dept._id, ctx.now, await extrasFor(ctx, dept, c));
}

export const getDepartmentRequest: Handler<'department.request'> = async (ctx) => {
  const { dept, c } = await requestFor(ctx);
  return requestView(ctx, dept, c);
};
