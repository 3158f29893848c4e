import type { Handler, PrefetchOf } from '../../kernel/action';
import type { MeetingStatus } from '../../../../miniprogram/core/council/vocabulary';
import { fromAnchor, type QuerySpec } from '../../ports/store';
import { meetingView } from './presenters';

const UPCOMING: MeetingStatus[] = ['noticed', 'inSession'];
const PAST: MeetingStatus[] = ['ended', 'minutesApproved', 'cancelled'];

/** The page asked for, as the handler asks it (the scoped store adds the community). */
function pageSpec(input: { when: 'upcoming' | 'past'; limit: number; cursor?: string }): QuerySpec {
  const upcoming = input.when === 'upcoming';
  return {
    where: { status: { $in: upcoming ? UPCOMING : PAST } },
    orderBy: { field: 'startsAt', dir: upcoming ? 'asc' : 'desc' },
    limit: input.limit,
    after: input.cursor,
  };
}

/** The page itself, read with the caller's record: then only the rows' own entries follow. */
export const prefetchMeetingList: PrefetchOf<'meeting.list'> = (input) => {
  const { where, ...rest } = pageSpec(input);
  return { page: { collection: 'meetings', where: { communityId: fromAnchor('communityId'), ...where }, ...rest } };
};

/** The community's meetings, the next first (upcoming) or the latest first (past). */
export const listMeetings: Handler<'meeting.list'> = async (ctx) => {
  const page = await ctx.db().query('meetings', pageSpec(ctx.input));
  // The rows' views read independent records: at once.
  const items = await Promise.all(page.items.map((m) => meetingView(ctx, m, { brief: true })));
  return { items, ...(page.next ? { next: page.next } : {}) };
};
