import type { Handler, PrefetchOf } from '../../kernel/action';
import { loadMeeting } from './load';
import { meetingView } from './presenters';
import { meetingSeatId, proxyAgentId } from './records';

/**
 * Read with the caller's record: the meeting, its seat pool, and the proxies the caller holds
 * as agent. The caller's roll entries (and so their attendance and granted proxies) are named
 * by the frozen roll, so they follow.
 */
export const prefetchMeeting: PrefetchOf<'meeting.get'> = (input, me) => ({
  meeting: { collection: 'meetings', id: input.meetingId },
  seats: { collection: 'meetingSeats', id: meetingSeatId(input.meetingId) },
  agent: { collection: 'meetingProxyAgents', id: proxyAgentId(input.meetingId, me) },
});

export const getMeeting: Handler<'meeting.get'> = async (ctx) => meetingView(ctx, await loadMeeting(ctx, ctx.input.meetingId));
