/**
 * What the meeting actions read first, named from their input alone, so the wrapper reads it
 * in the same round-trip as the caller's record (kernel/prefetched-store.ts). Every part asks
 * exactly as the handler will (the same id, or everyPage's first page: same where, order and
 * limit); a part the handler ends up not asking for costs bytes, never a wrong answer — the
 * handler's later reads, its own writes and transactions go to the database as always.
 */
import type { PrefetchOf } from '../../kernel/action';
import { fromAnchor, type PartFilter, type ReadPart } from '../../ports/store';
import { attendanceId, meetingSeatId, proxyAgentId, proxyId } from './records';

type Parts = Record<string, ReadPart>;

/** everyPage's first page of a meeting's records (kernel/every-page.ts: ascending, 100 a page). */
const firstPage = (collection: string, where: PartFilter, field: string): ReadPart => ({
  collection,
  where: { communityId: fromAnchor('communityId'), ...where },
  orderBy: { field, dir: 'asc' },
  limit: 100,
});

export const meetingPart = (meetingId: string): ReadPart => ({ collection: 'meetings', id: meetingId });
/** The sign-ins, as presentNow and the staff screens read them. */
export const attendancePart = (meetingId: string): ReadPart => firstPage('meetingAttendance', { meetingId }, 'at');
export const seatsPart = (meetingId: string): ReadPart => ({ collection: 'meetingSeats', id: meetingSeatId(meetingId) });
export const agentPart = (meetingId: string, memberId: string): ReadPart => ({ collection: 'meetingProxyAgents', id: proxyAgentId(meetingId, memberId) });

/**
 * The meeting a proxy id names (`px_<meeting>_<unit>_<scope>`; meeting ids have no `_`).
 * Only a guess to read ahead: the handler asks for the meeting the stored proxy names, and a
 * guess that differs is simply not used.
 */
export function meetingOfProxyId(id: string): string | null {
  const [tag, meetingId] = id.split('_');
  return tag === 'px' && meetingId ? meetingId : null;
}

type ByMeeting = { meetingId: string };

/** The meeting alone, for the actions that read it first and then what it names. */
export const prefetchMeetingOnly = (input: ByMeeting): Parts => ({ meeting: meetingPart(input.meetingId) });

/** The meeting and its sign-ins: screens that count the quorum from them. */
export const prefetchMeetingAttendance = (input: ByMeeting): Parts => ({ meeting: meetingPart(input.meetingId), attendance: attendancePart(input.meetingId) });

/** A resident's own meeting actions: the meeting, its seat pool, the proxies they hold as agent (the view). */
export const prefetchMeetingOfMine = (input: ByMeeting, me: string): Parts => ({
  meeting: meetingPart(input.meetingId),
  seats: seatsPart(input.meetingId),
  agent: agentPart(input.meetingId, me),
});

/** A create: its secretary (the meeting's own id needs the community, known only from the caller's record). */
export const prefetchCreate: PrefetchOf<'meeting.create'> = (input) => ({ secretary: { collection: 'members', id: input.secretaryId } });

/** A sign-in: the meeting, the proxies the caller holds as agent (signed in with them), the sign-ins for the count. */
export const prefetchSignIn: PrefetchOf<'meeting.signIn'> = (input, me) => ({
  meeting: meetingPart(input.meetingId),
  agent: agentPart(input.meetingId, me),
  attendance: attendancePart(input.meetingId),
});

export const prefetchAttendanceScreen: PrefetchOf<'meeting.attendance'> = (input) => ({
  meeting: meetingPart(input.meetingId),
  attendance: attendancePart(input.meetingId),
  registrations: firstPage('meetingRegistrations', { meetingId: input.meetingId }, 'at'),
});

export const prefetchProxies: PrefetchOf<'meeting.proxies'> = (input) => ({
  meeting: meetingPart(input.meetingId),
  proxies: firstPage('meetingProxies', { meetingId: input.meetingId }, 'createdAt'),
});

export const prefetchAcceptProxy: PrefetchOf<'meeting.acceptProxy'> = (input) => ({
  meeting: meetingPart(input.meetingId),
  offered: firstPage('meetingProxies', { meetingId: input.meetingId, status: 'offered' }, 'createdAt'),
});

export const prefetchPaperProxy: PrefetchOf<'meeting.recordPaperProxy'> = (input) => ({
  meeting: meetingPart(input.meetingId),
  agent: { collection: 'members', id: input.agentMemberId },
  proxy: { collection: 'meetingProxies', id: proxyId(input.meetingId, input.principalUnitKey, input.itemId ?? null) },
  came: { collection: 'meetingAttendance', id: attendanceId(input.meetingId, input.principalUnitKey) },
});

/** A proxy named by id, and the meeting its id names. */
export function prefetchProxyById(input: { proxyId: string }): Parts {
  const meetingId = meetingOfProxyId(input.proxyId);
  const parts: Parts = { proxy: { collection: 'meetingProxies', id: input.proxyId } };
  if (meetingId) parts.meeting = meetingPart(meetingId);
  return parts;
}
