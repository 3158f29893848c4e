import type { Handler } from '../../kernel/action';
import type { MeetingStatus } from '../../../../miniprogram/core/council/vocabulary';
import { meetingView } from './presenters';

const UPCOMING: MeetingStatus[] = ['noticed', 'inSession'];
const PAST: MeetingStatus[] = ['ended', 'minutesApproved', 'cancelled'];

/** The community's meetings, the next first (upcoming) or the latest first (past). */
export const listMeetings: Handler<'meeting.list'> = async (ctx) => {
  const upcoming = ctx.input.when === 'upcoming';
  const page = await ctx.db().query('meetings', {
    where: { status: { $in: upcoming ? UPCOMING : PAST } },
    orderBy: { field: 'startsAt', dir: upcoming ? 'asc' : 'desc' },
    limit: ctx.input.limit,
    after: ctx.input.cursor,
  });
  // The rows' views read independent records: at once.
  const items = await Promise.all(page.items.map((m) => meetingView(ctx, m, { brief: true })));
  return { items, ...(page.next ? { next: page.next } : {}) };
};
