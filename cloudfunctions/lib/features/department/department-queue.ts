import type { DepartmentRequestSummary } from '../../../../miniprogram/core/department/contract';
import type { Handler } from '../../kernel/action';
import type { ConcernRecord } from '../concern/records';
import { myDepartment } from './directory';
import { calledIn, isOpenFor, toRequestSummary } from './presenters';

/**
 * The contact's list: requests waiting on the department (earliest due first, straight from
 * the concerns, across the communities a shared entry serves), then the ones it answered
 * (latest first). The cursor says which part it is in: `o…` open, `a…` answered.
 */
export const departmentQueue: Handler<'department.queue'> = async (ctx) => {
  const dept = await myDepartment(ctx);
  const store = ctx.deps.store;
  const { limit } = ctx.input;
  const cursor = ctx.input.cursor ?? 'o';
  const found: ConcernRecord[] = [];
  let next: string | undefined;
  let after = cursor.slice(1) || undefined;
  let phase = cursor.startsWith('a') ? 'a' : 'o';
  if (phase === 'o') {
    const open = await store.query('concerns', { where: { 'whistle.departmentId': dept._id }, orderBy: { field: 'whistle.dueAt', dir: 'asc' }, limit, after });
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
      const answered = await store.query('departmentAnswers', { where: { departmentId: dept._id }, orderBy: { field: 'at', dir: 'desc' }, limit: limit - found.length, after });
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
