/**
 * Who is present, counted from the sign-ins and never typed in: each roll entry once — in
 * person (signed in themselves or by staff) or by proxy (an agent signed in for it) — minus
 * those marked as left. For one item's vote, an entry whose principal gave a proxy for that
 * item alone counts as present by proxy when its agent is present and the entry is not.
 */
import { ballotUnitOf, quorumOf, type Presence, type QuorumView } from '../../../../miniprogram/core/council/quorum';
import type { ScopedStore } from '../../kernel/scoped-store';
import { everyPage } from '../../kernel/every-page';
import { mayHaveProxies } from './proxy-binding';
import type { AttendanceRecord, MeetingRecord, ProxyRecord } from './records';

export interface Present {
  presence: Presence;
  /** Entries present at this moment, by unit key, and how. */
  entries: Map<string, { via: AttendanceRecord['via']; areaCenti: number; agentId: string | null }>;
  /** The sign-ins it was counted from, whole: the whole meeting's count comes from them again without a read. */
  attendance: readonly AttendanceRecord[];
  /** For one item's count: the meeting's active proxies it read. */
  proxies?: readonly ProxyRecord[];
}

/** `attendance`: the meeting's attendance records whole, when the caller has just read them (and applied its own changes). */
export async function presentNow(db: ScopedStore, meeting: MeetingRecord, itemId: string | null, known?: readonly AttendanceRecord[]): Promise<Present> {
  const attendance = known ?? (await everyPage(db, 'meetingAttendance', { meetingId: meeting._id }, 'at'));
  const entries: Present['entries'] = new Map();
  for (const a of attendance) if (!a.left) entries.set(a.unitKey, { via: a.via, areaCenti: a.areaCenti, agentId: a.agentId });
  let proxies: ProxyRecord[] | undefined;
  if (itemId) {
    proxies = mayHaveProxies(meeting) ? await everyPage(db, 'meetingProxies', { meetingId: meeting._id, status: 'active' }, 'createdAt') : [];
    const presentMembers = new Set([...entries.values()].flatMap((e) => (e.agentId ? [e.agentId] : [])));
    for (const a of attendance) if (!a.left && a.memberId) presentMembers.add(a.memberId);
    for (const p of proxies) {
      if (p.itemId !== itemId || entries.has(p.principalUnitKey) || !p.agentMemberId || !presentMembers.has(p.agentMemberId)) continue;
      entries.set(p.principalUnitKey, { via: 'proxy', areaCenti: p.areaCenti, agentId: p.agentMemberId });
    }
  }
  return { presence: presenceOf(entries), entries, attendance, ...(proxies ? { proxies } : {}) };
}

function presenceOf(entries: Present['entries']): Presence {
  let inPerson = 0;
  let byProxy = 0;
  let areaCenti = 0;
  for (const e of entries.values()) {
    if (e.via === 'proxy') byProxy++;
    else inPerson++;
    areaCenti += e.areaCenti;
  }
  return { inPerson, byProxy, areaCenti };
}

export function quorumNow(meeting: MeetingRecord, present: Present): QuorumView {
  return quorumOf(meeting.rule, ballotUnitOf(meeting.roll.kind), { units: meeting.roll.size, areaCenti: meeting.roll.areaCenti }, present.presence);
}

/** The whole meeting's quorum from the sign-ins a count for one item has just read. */
export function wholeQuorumFrom(meeting: MeetingRecord, present: Present): QuorumView {
  const entries: Present['entries'] = new Map();
  for (const a of present.attendance) if (!a.left) entries.set(a.unitKey, { via: a.via, areaCenti: a.areaCenti, agentId: a.agentId });
  return quorumNow(meeting, { presence: presenceOf(entries), entries, attendance: present.attendance });
}
