import type { DepartmentRequestSummary } from '../../../../miniprogram/core/department/contract';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor, type ReadPart } from '../../ports/store';
import type { ConcernRecord } from '../concern/records';
import { myDepartment } from './directory';
import { calledIn, isOpenFor, toRequestSummary } from './presenters';

/** Requests waiting on the department, earliest due first: the same spec for the prefetch and the handler. */
const openPage = (limit: number, after: string | undefined) => ({ orderBy: { field: 'whistle.dueAt', dir: 'asc' as const }, limit, after });
/** Requests it answered, latest first. */
const answeredPage = (limit: number, after: string | undefined) => ({ orderBy: { field: 'at', dir: 'desc' as const }, limit, after });

/** Which part of the list a cursor is in (`o…` open, `a…` answered) and where in it. */
function position(cursor: string | undefined): { phase: 'o' | 'a'; after: string | undefined } {
  const at = cursor ?? 'o';
  return { phase: at.startsWith('a') ? 'a' : 'o', after: at.slice(1) || undefined };
}

/**
 * Read with the contact's record, whose `departmentId` names the entry: the page the cursor
 * is in, and the answered list's first page as asked when no open request comes before it
 * (a page that lists some open ones asks for fewer, and reads them itself). The handler
 * takes them only once the record's entry is found to name the caller as its contact.
 */
export const prefetchQueue: PrefetchOf<'department.queue'> = (input) => {
  const { phase, after } = position(input.cursor);
  const parts: Record<string, ReadPart> = {
    answered: { collection: 'departmentAnswers', where: { departmentId: fromAnchor('departmentId') }, ...answeredPage(input.limit, phase === 'a' ? after : undefined) },
  };
  if (phase === 'o') parts.open = { collection: 'concerns', where: { 'whistle.departmentId': fromAnchor('departmentId') }, ...openPage(input.limit, after) };
  return parts;
};

/**
 * The contact's list: requests waiting on the department (earliest due first, straight from
 * the concerns, across the communities a shared entry serves), then the ones it answered
 * (latest first). The cursor says which part it is in: `o…` open, `a…` answered.
 */
export const departmentQueue: Handler<'department.queue'> = async (ctx) => {
  const dept = await myDepartment(ctx);
  // Unscoped: a shared entry is whistled to from several communities.
  const store = ctx.unscoped();
  const { limit } = ctx.input;
  const found: ConcernRecord[] = [];
  let next: string | undefined;
  let { phase, after } = position(ctx.input.cursor);
  if (phase === 'o') {
    const open = await store.query('concerns', { where: { 'whistle.departmentId': dept._id }, ...openPage(limit, after) });
    found.push(...open.items.filter((c) => isOpenFor(c, dept._id)));
    if (open.next) next = `o${open.next}`;
    else {
      phase = 'a';
      after = undefined;
    }
  }
  if (phase === 'a' && !next) {
    if (found.length >= limit) next = 'a';
    else {
      const answered = await store.query('departmentAnswers', { where: { departmentId: dept._id }, ...answeredPage(limit - found.length, after) });
      const concerns = new Map((await store.getMany('concerns', answered.items.map((a) => a.concernId))).map((c) => [c._id, c]));
      // Checked against the concerns: an answer whose commit failed, or one open again, is not listed here.
      for (const a of answered.items) {
        const c = concerns.get(a.concernId);
        if (c && calledIn(c, dept._id) && !isOpenFor(c, dept._id)) found.push(c);
      }
      if (answered.next) next = `a${answered.next}`;
    }
  }
  const communities = await store.getMany('communities', [...new Set(found.map((c) => c.communityId))]);
  const names = new Map(communities.map((c) => [c._id, c.name]));
  const items: DepartmentRequestSummary[] = found.map((c) => toRequestSummary(c, dept._id, names.get(c.communityId) ?? '', ctx.now));
  return next ? { items, next } : { items };
};
