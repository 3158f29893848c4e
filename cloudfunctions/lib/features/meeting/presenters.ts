/**
 * What a meeting looks like to the one asking. Everyone of the community sees the agenda,
 * time, place, rule and the quorum numbers (counts only); a caller on the roll sees their own
 * entry, registration and proxies; the roll itself, and who came, only staff see — through
 * meeting.attendance, never here.
 */
import dayjs from 'dayjs';
import type { AttendanceEntryView, MeetingView, ProxyView, RegistrationView } from '../../../../miniprogram/core/council/meeting-contract';
import type { QuorumView } from '../../../../miniprogram/core/council/quorum';
import {
  AGENDA_ITEM_STATUS_LABELS, AGENDA_VOTE_MODE_LABELS, ATTENDANCE_VIA_LABELS, MEETING_BODY_LABELS, MEETING_ROLL_LABELS, MEETING_STATUS_LABELS,
  PROXY_STATUS_LABELS, REGISTRATION_STATUS_LABELS,
} from '../../../../miniprogram/core/council/vocabulary';
import { HEAD_COUNT_LABELS } from '../../../../miniprogram/core/poll/rules';
import type { HandlerContext } from '../../kernel/action';
import type { Caller } from '../../kernel/caller';
import { waitlistPosition } from '../../kernel/seat-pool';
import { COMMUNITY_TZ } from '../../kernel/time';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { RollUnit } from '../poll/records';
import { LIVE, STANDING } from './proxy-rules';
import { agendaItemActions, isMeetingStaff, mayHaveAttendance, meetingActions } from './permissions';
import { heldProxies, mayHaveProxies } from './proxy-binding';
import { presentNow, quorumNow, type Present } from './presence';
import {
  attendanceId, meetingSeatId, proxyId, registrationId,
  type AttendanceRecord, type MeetingRecord, type MeetingSeatRecord, type ProxyRecord, type RegistrationRecord,
} from './records';
import { rollEntriesOf } from './roll';

/** 「12月2日 09:05」, Beijing time. */
export const whenText = (t: number) => dayjs(t).tz(COMMUNITY_TZ).format('M月D日 HH:mm');

export function ruleTextOf(m: MeetingRecord): string {
  return m.rule.headCount && m.roll.kind === 'ownerUnit' ? `${m.rule.name}；${HEAD_COUNT_LABELS[m.rule.headCount]}` : m.rule.name;
}

const NOBODY: Present = { presence: { inPerson: 0, byProxy: 0, areaCenti: 0 }, entries: new Map(), attendance: [] };

/** Counted from the sign-ins while in session and after; nobody can have signed in before (the first sign-in starts the session). */
export async function quorumOfMeeting(db: ScopedStore, m: MeetingRecord): Promise<QuorumView | null> {
  if (m.status === 'cancelled') return null;
  return quorumNow(m, m.status === 'noticed' ? NOBODY : await presentNow(db, m, null));
}

/** 「候补第2位，共5人」 */
export function positionText(pool: Pick<MeetingSeatRecord, 'waitlist'> | null, holderId: string): string | null {
  const at = waitlistPosition(pool, holderId);
  return at === undefined || !pool ? null : `候补第${at}位，共${pool.waitlist.length}人`;
}

export function registrationView(r: RegistrationRecord, pool: MeetingSeatRecord | null): RegistrationView {
  // Promoted on the pool but not yet on the record (a promotion cut short): the seat is theirs.
  const status = r.status === 'waitlisted' && pool?.holders[r._id] === r.claim ? 'registered' : r.status;
  return { status, statusLabel: REGISTRATION_STATUS_LABELS[status], positionText: status === 'waitlisted' ? positionText(pool, r._id) : null };
}

export function proxyView(caller: Caller, p: ProxyRecord, m: MeetingRecord): ProxyView {
  const item = p.itemId ? m.agenda.find((i) => i.itemId === p.itemId) : undefined;
  const principal = caller.memberId !== null && caller.memberId === p.principalMemberId;
  const staff = isMeetingStaff(caller, m);
  // Until the vote of its scope opens: its item's, or for the whole meeting the first vote.
  const before = (m.status === 'noticed' || m.status === 'inSession') && (p.itemId === null ? m.agenda.every((i) => i.voteMode === 'none' || i.status === 'pending') : item?.status === 'pending');
  const actions: ProxyView['allowedActions'] = [];
  if (before && ['offered', 'pendingConfirm', 'active'].includes(p.status) && ((p.via === 'app' && principal) || (p.via === 'paper' && staff))) actions.push('meeting.revokeProxy');
  if (staff && p.status === 'pendingConfirm' && p.recordedBy !== caller.memberId) actions.push('meeting.confirmProxy');
  return {
    proxyId: p._id,
    meetingId: p.meetingId,
    itemId: p.itemId,
    scopeText: item ? `议题：${item.title}` : '整场会议',
    principalLabel: p.principalLabel,
    agentName: p.agentName,
    status: p.status,
    statusLabel: PROXY_STATUS_LABELS[p.status],
    via: p.via,
    // Only the principal holds the code to hand on, and only until it is taken.
    code: principal && p.status === 'offered' ? p.code : null,
    recordedByName: p.recordedByName,
    confirmedByName: p.confirmedByName,
    uses: p.uses.map((u) => `${u.text} ${whenText(u.at)}`),
    allowedActions: actions,
  };
}

/** One roll entry as staff see it at the door. */
export function attendanceEntryView(
  unitKey: string, unit: RollUnit, a: AttendanceRecord | null, registration: RegistrationRecord | null, proxy: ProxyRecord | null,
): AttendanceEntryView {
  return {
    unitKey,
    label: unit.label,
    people: unit.voterIds.map((memberId) => ({ memberId, name: unit.voterNames[memberId] ?? '居民' })),
    present: a !== null && !a.left,
    via: a?.via ?? null,
    viaLabel: a ? ATTENDANCE_VIA_LABELS[a.via] : null,
    at: a?.at ?? null,
    left: a?.left ?? false,
    agentName: a?.via === 'proxy' ? proxy?.agentName ?? null : null,
    registration: registration && registration.status !== 'withdrawn' ? registration.status : null,
  };
}

/**
 * What the action that asks for a view has just read or written itself, so the view does not
 * read it again: the caller's entries on the roll, their registration and attendance, the
 * seat pool, the proxies (for a meeting just made: none). Each left out is read.
 */
export interface KnownFacts {
  entries?: { unitKey: string; unit: RollUnit }[];
  registration?: RegistrationRecord | null;
  attendance?: AttendanceRecord | null;
  pool?: MeetingSeatRecord | null;
  proxies?: { mine: ProxyRecord[]; toMe: ProxyRecord[] };
  /** The whole meeting's quorum, counted by the action from the sign-ins it read. */
  quorum?: QuorumView | null;
}

export async function meetingView(ctx: HandlerContext<unknown>, m: MeetingRecord, options: { brief?: boolean; known?: KnownFacts } = {}): Promise<MeetingView> {
  const db = ctx.db();
  const { caller } = ctx;
  const known = options.known ?? {};
  const none = Promise.resolve(null);
  const wantsProxies = !known.proxies && caller.memberId !== null && !options.brief && mayHaveProxies(m);
  // Two waves, each one round-trip: what the meeting alone names (the caller's roll bucket,
  // the seat pool, the sign-ins for the count, the proxies the caller holds as agent), then
  // what the caller's roll entry names (their registration, attendance, proxies granted).
  const entriesP = known.entries ? Promise.resolve(known.entries) : caller.memberId ? rollEntriesOf(db, m, caller.memberId) : Promise.resolve([]);
  const poolP = known.pool !== undefined ? Promise.resolve(known.pool) : m.seats !== null ? db.get('meetingSeats', meetingSeatId(m._id)) : none;
  // A list shows the numbers without counting every sign-in of every row; the page counts.
  const quorumP = options.brief && m.status !== 'noticed' && m.status !== 'cancelled' ? none : known.quorum !== undefined && m.status !== 'cancelled' ? Promise.resolve(known.quorum) : quorumOfMeeting(db, m);
  const toMeP = wantsProxies && caller.memberId ? heldProxies(db, m, caller.memberId) : Promise.resolve([]);
  const ofEntryP: Promise<[RegistrationRecord | null, AttendanceRecord | null, ProxyRecord[]]> = entriesP.then((entries) => {
    const mine = entries[0] ?? null;
    const scopes = [null, ...m.agenda.map((i) => i.itemId)];
    const registration: Promise<RegistrationRecord | null> = known.registration !== undefined ? Promise.resolve(known.registration) : mine && m.seats !== null ? db.get('meetingRegistrations', registrationId(m._id, mine.unitKey)) : none;
    const attendance: Promise<AttendanceRecord | null> = known.attendance !== undefined ? Promise.resolve(known.attendance) : mine && mayHaveAttendance(m, ctx.now) ? db.get('meetingAttendance', attendanceId(m._id, mine.unitKey)) : none;
    const granted: Promise<ProxyRecord[]> = wantsProxies && entries.length ? db.getMany('meetingProxies', entries.flatMap((e) => scopes.map((sc) => proxyId(m._id, e.unitKey, sc)))) : Promise.resolve([]);
    return Promise.all([registration, attendance, granted]);
  });
  const [entries, [registration, attendance, granted], pool, quorum, toMe] = await Promise.all([entriesP, ofEntryP, poolP, quorumP, toMeP]);
  const mine = entries[0] ?? null;
  const proxies = known.proxies ?? { mine: granted, toMe };
  return {
    id: m._id,
    title: m.title,
    body: m.body,
    bodyLabel: MEETING_BODY_LABELS[m.body],
    place: m.place,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    noticeAt: m.noticeAt,
    status: m.status,
    statusLabel: MEETING_STATUS_LABELS[m.status],
    rollKind: m.roll.kind,
    rollLabel: MEETING_ROLL_LABELS[m.roll.kind],
    rollSize: m.roll.size,
    rollHash: m.roll.hash.slice(0, 16),
    rule: m.rule,
    ruleText: ruleTextOf(m),
    agenda: m.agenda.map((i) => ({
      itemId: i.itemId,
      order: i.order,
      title: i.title,
      text: i.text,
      motionId: i.motionId,
      voteMode: i.voteMode,
      voteModeLabel: AGENDA_VOTE_MODE_LABELS[i.voteMode],
      secret: i.secret,
      options: i.options.map((o) => o.label),
      matter: i.matter,
      status: i.status,
      statusLabel: AGENDA_ITEM_STATUS_LABELS[i.status],
      pollId: i.pollId,
      quorumAtOpen: i.quorumAtOpen,
      quorumAtClose: i.quorumAtClose,
      decision: i.decision,
      resolutionId: i.resolutionId,
      allowedActions: agendaItemActions(caller, m, i),
    })),
    seats: m.seats !== null ? { total: m.seats, taken: pool ? pool.seats - pool.seatsLeft : 0, waitlist: pool?.waitlistCount ?? 0 } : null,
    myRegistration: registration ? registrationView(registration, pool) : null,
    myAttendance: mine
      ? {
          label: mine.unit.label,
          present: attendance !== null && !attendance.left,
          via: attendance?.via ?? null,
          viaLabel: attendance ? ATTENDANCE_VIA_LABELS[attendance.via] : null,
          at: attendance?.at ?? null,
        }
      : null,
    myProxies: proxies.mine.map((p) => proxyView(caller, p, m)),
    proxiesToMe: proxies.toMe.map((p) => proxyView(caller, p, m)),
    quorum,
    convenerName: m.convenerName,
    secretaryName: m.secretaryName,
    minutes: m.minutes?.status ?? 'none',
    allowedActions: meetingActions(caller, m, {
      now: ctx.now, onRoll: entries.length > 0, registration,
      present: attendance !== null && !attendance.left && attendance.via !== 'proxy',
      granting: proxies.mine.some((p) => LIVE.includes(p.status)),
      holding: proxies.toMe.filter((p) => STANDING.includes(p.status)).length,
    }),
  };
}
