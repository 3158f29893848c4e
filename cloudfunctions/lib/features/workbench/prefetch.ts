/**
 * 今日待办's reads that can go with the caller's member record. The hooks' lists that another
 * read follows (a service's bookings, a proxy's meeting, an entry's volunteer, a question's
 * household) are the ones worth it: answered with the record, the read after them joins the
 * other hooks' first reads, and the whole list costs one wave after the record instead of two.
 *
 * Only what the caller's id and the clock decide can be asked before the record is read; a
 * list scoped by the caller's grids or shaped by their role waits for the record as before.
 * Each part copies its hook's query exactly (a hook cannot be imported here: they import
 * workbench/rows), so a hook that changes its query is read from the database again —
 * test/cloudfunctions/lib/features/workbench/prefetch.test.ts says when that happens.
 */
import type { PrefetchOf } from '../../kernel/action';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import { DAY } from '../../kernel/time';
import { fromAnchor, type PartFilter, type ReadPart } from '../../ports/store';
import { localDay } from './rows';

/** booking/today.ts: the first page of the community's services is all of them. */
const SERVICES_READ = 50;
/** hours/today.ts PENDING_DAYS: an entry waiting longer than this is on the list. */
const PENDING_DAYS = 7;
/** disclosure/today.ts QUESTION_AHEAD_DAYS and DUE_AHEAD_DAYS. */
const QUESTION_AHEAD_DAYS = 2;
const DUE_AHEAD_DAYS = 3;

export const prefetchToday: PrefetchOf<'workbench.today'> = (_input, me, now) => {
  const part = (collection: string, where: PartFilter, field: string, limit = TODAY_ROWS_PER_FEATURE): ReadPart => ({
    collection,
    where: { communityId: fromAnchor('communityId'), ...where },
    orderBy: { field, dir: 'asc' },
    limit,
  });
  const { start, end } = localDay(now);
  const today = { $gte: start, $lt: end };
  return {
    services: part('services', {}, 'name', SERVICES_READ),
    proxies: part('meetingProxies', { status: 'pendingConfirm' }, 'createdAt'),
    // The grid worker's form (an admin's has no leadId; theirs is then read as before).
    hours: part('hourEntries', { leadId: me, status: 'pending', createdAt: { $lt: now - PENDING_DAYS * DAY } }, 'createdAt'),
    questions: part('disclosureQuestions', { state: 'open', dueAt: { $lte: now + QUESTION_AHEAD_DAYS * DAY } }, 'dueAt'),
    organised: part('activities', { organiserId: me, startAt: today }, 'startAt'),
    led: part('activities', { leadId: me, startAt: today }, 'startAt'),
    // Admins' lists: a grid worker's call never asks them, and they cost the record's read nothing.
    dues: part('disclosureDues', { state: 'due', dueAt: { $lte: now + DUE_AHEAD_DAYS * DAY } }, 'dueAt'),
    motions: part('motions', { status: 'thresholdMet' }, 'createdAt'),
  };
};
