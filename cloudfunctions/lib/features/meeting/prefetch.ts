/**
 * What the meeting actions read first, named from their input alone, so the wrapper reads it
 * in the same round-trip as the caller's record (kernel/prefetched-store.ts). Every part asks
 * exactly as the handler will (the same id, or everyPage's first page: same where, order and
 * limit); a part the handler ends up not asking for costs bytes, never a wrong answer — the
 * handler's later reads, its own writes and transactions go to the database as always.
 */
import type { PrefetchOf } from '../../kernel/action';
import { fromAnchor, type PartFilter, type ReadPart } from '../../ports/store';
import { attendanceId, meetingSeatId, proxyAgentId, proxyId, registrationId } from './records';
import { firstBucketQuery } from './roll';

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
/** The roll's first bucket (roll.ts firstBucketQuery): the whole roll when it has one bucket. */
export const firstBucketPart = (meetingId: string): ReadPart => {
  const q = firstBucketQuery(meetingId);
  return { collection: 'meetingRolls', ...q, where: { communityId: fromAnchor('communityId'), ...q.where } };
};

/**
 * The registration of the caller's household on a household roll, found by its unit key
 * (the household is known only from the caller's record, read in the same request).
 */
export const registrationOfUnitQuery = (meetingId: string, unitKey: string) => ({ where: { meetingId, unitKey }, orderBy: { field: '_id', dir: 'asc' as const }, limit: 1 });

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

/**
 * A registration: the resident's own parts, the roll (one bucket: the whole roll), and the
 * registration of the entry they most likely have — their household's (by the anchor's
 * household) on a household roll, their own on a roll of persons. What the meeting's roll
 * does not use costs bytes only.
 */
export const prefetchRegister: PrefetchOf<'meeting.register'> = (input, me) => {
  const byUnit = registrationOfUnitQuery(input.meetingId, '');
  return {
    ...prefetchMeetingOfMine(input, me),
    roll: firstBucketPart(input.meetingId),
    household: { collection: 'meetingRegistrations', ...byUnit, where: { communityId: fromAnchor('communityId'), meetingId: input.meetingId, unitKey: fromAnchor('householdId') } },
    person: { collection: 'meetingRegistrations', id: registrationId(input.meetingId, me) },
  };
};

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
  roll: firstBucketPart(input.meetingId),
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
