/**
 * An ended meeting written straight into the store, with a roll frozen by the meeting
 * feature's own freezeMeetingRoll and sign-ins as attendance records: the minutes are tested
 * apart from convening, signing in and voting (other suites prove those).
 */
import { ballotUnitOf, meetingRule, quorumOf, type QuorumView } from '../../../../../miniprogram/core/council/quorum';
import type { AgendaItemStatus, MeetingBody, MeetingRollKind } from '../../../../../miniprogram/core/council/vocabulary';
import { memberIdFor } from '../../../../../cloudfunctions/lib/kernel/caller';
import type { MemberRecord } from '../../../../../cloudfunctions/lib/kernel/members';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { HOUR } from '../../../../../cloudfunctions/lib/kernel/time';
import { attendanceId, type AgendaItem, type MeetingRecord } from '../../../../../cloudfunctions/lib/features/meeting/records';
import { freezeMeetingRoll } from '../../../../../cloudfunctions/lib/features/meeting/roll';
import type { RuleId } from '../../../../../miniprogram/core/poll/rules';
import type { Harness } from '../../../../support/harness';

/** A member of the community with a given name (a representative, a resident). */
export async function person(h: Harness, openid: string, name: string, room = '301'): Promise<string> {
  const id = memberIdFor(openid);
  const record: MemberRecord = {
    _id: id, openid, communityId: 'demo', roles: ['resident'], gridIds: [], householdId: `h_${openid}`,
    household: { id: `h_${openid}`, buildingId: h.ids['3号楼'], buildingName: '3号楼', unit: '2', room }, name, version: 1, createdAt: h.clock.now(), updatedAt: h.clock.now(),
  };
  await h.deps.store.insert('members', record);
  return id;
}

export interface ItemSpec {
  title: string;
  text?: string;
  status: AgendaItemStatus;
  motionId?: string | null;
  moverName?: string | null;
}

export interface MeetingSpec {
  id?: string;
  convener?: string;
  secretary?: string;
  /** Representatives on the roll (one entry each, by member id). */
  invitees: string[];
  /** Of those, who signed in. */
  present: string[];
  agenda: ItemSpec[];
  body?: MeetingBody;
  rule?: RuleId;
  kind?: MeetingRollKind;
  status?: MeetingRecord['status'];
}

export async function endedMeeting(h: Harness, spec: MeetingSpec): Promise<MeetingRecord> {
  const db = new ScopedStore(h.deps.store, 'demo');
  const id = spec.id ?? 'mt_minutes';
  const kind = spec.kind ?? 'invitees';
  const rule = meetingRule(spec.rule ?? 'Representatives');
  const frozen = await freezeMeetingRoll(h.deps, db, id, { kind, scope: 'community', ids: [], inviteeIds: spec.invitees }, 'perOwner');
  const now = h.clock.now();
  const startsAt = now - 3 * HOUR;
  const convener = await h.deps.store.get('members', memberIdFor(spec.convener ?? 'demo-admin'));
  const secretary = await h.deps.store.get('members', memberIdFor(spec.secretary ?? 'demo-grid-1'));
  const q = (n: number): QuorumView => quorumOf(rule, ballotUnitOf(kind), { units: frozen.roll.size, areaCenti: 0 }, { inPerson: n, byProxy: 0, areaCenti: 0 });
  const present = spec.present.length;
  const agenda: AgendaItem[] = spec.agenda.map((s, n) => {
    const voted = s.status === 'adopted' || s.status === 'rejected';
    const yes = s.status === 'adopted' ? present - 1 : 1;
    return {
      itemId: `it${n + 1}`, order: n + 1, title: s.title, text: s.text ?? '', motionId: s.motionId ?? null, moverName: s.moverName ?? null,
      voteMode: s.status === 'discussed' ? 'none' : 'hands', secret: false, options: [{ id: 'o1', label: '同意' }, { id: 'o2', label: '不同意' }], matter: null,
      status: s.status, pollId: voted ? `pl_${id}_${n + 1}` : null, quorumAtOpen: voted ? q(present) : null, quorumAtClose: voted ? q(present) : null,
      decision: voted ? { adopted: s.status === 'adopted', explanation: `应到${frozen.roll.size}人，到会${present}人；同意${yes}（需>${present / 2}）→ ${s.status === 'adopted' ? '通过' : '未通过'}`, counts: [{ label: '同意', count: yes }, { label: '不同意', count: present - yes }] } : null,
      resolutionId: null, openedAt: voted ? startsAt + HOUR : null, closedAt: voted ? startsAt + HOUR + 600_000 : null,
    };
  });
  const m: MeetingRecord = {
    _id: id, communityId: 'demo', title: '2026年第四季度居民代表会议', body: spec.body ?? 'representatives', place: '社区服务站二楼会议室',
    startsAt, endsAt: startsAt + 2 * HOUR, noticeAt: startsAt - 5 * 24 * HOUR, noticeDays: 3, status: spec.status ?? 'ended',
    roll: frozen.roll, gridIds: [], rule, agenda, votingItemId: null, seats: null, proxiesPerAgent: 1,
    convenerId: convener!._id, convenerName: convener!.name ?? '', secretaryId: secretary!._id, secretaryName: secretary!.name ?? '',
    minutes: null, endedAt: startsAt + 2 * HOUR, cancelledAt: null, cancelReason: null, wakeAt: null, codeSecret: 'test-secret', fanout: null, remindedAt: null,
    createdAt: startsAt - 5 * 24 * HOUR, version: 3,
  };
  await h.deps.store.insert('meetings', m);
  for (const memberId of spec.present) {
    await db.insert('meetingAttendance', {
      _id: attendanceId(id, memberId), communityId: 'demo', meetingId: id, unitKey: memberId, label: '', areaCenti: 0, via: 'self', memberId, agentId: null, proxyId: null,
      byStaffId: null, reason: '', at: startsAt, left: false, leftAt: null, version: 1,
    });
  }
  return m;
}
