/**
 * 会议签到. One attendance record per roll entry (`ma_<meeting>_<unit>`), written insert-if-
 * absent: any number of taps, housemates and staff at once leave exactly one, and a retry
 * finds it. A resident signs in with the code on the screen for every entry they stand for;
 * an agent signs in their principals with them (via 'proxy', the principal told); a
 * principal who then comes in person turns their entry to 'self' and the proxy is no longer
 * used — so each entry counts once, whoever arrives first. Staff sign in an entry from the
 * roll (a reason recorded). The first sign-in starts the session.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { AttendanceEntryView } from '../../../../miniprogram/core/council/meeting-contract';
import type { Handler, HandlerContext } from '../../kernel/action';
import { appendEvent, eventRecord, type EventRecord } from '../../kernel/audit';
import type { IdentifiedCaller } from '../../kernel/caller';
import { checkWritten } from '../../kernel/content';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { op } from '../../ports/store';
import type { RollUnit } from '../poll/records';
import { checkMeetingCode } from './code';
import { loadMeeting } from './load';
import { requireMeetingStaff, signInOpen, SIGN_IN_OPENS_BEFORE } from './permissions';
import { openSessionStep } from './session';
import { presentNow, quorumNow } from './presence';
import { attendanceEntryView, whenText } from './presenters';
import { heldProxies, mayHaveProxies, principalsOf, proxyIdsOf, tell } from './proxy-binding';
import { attendanceId, registrationId, type AttendanceRecord, type MeetingRecord, type ProxyRecord, type RegistrationRecord } from './records';
import { rollEntriesOf, rollEntry } from './roll';

type Ctx = HandlerContext<unknown, IdentifiedCaller>;

export function signInClosedText(m: MeetingRecord): string {
  if (m.status === 'cancelled') return '会议已取消';
  if (m.status === 'ended' || m.status === 'minutesApproved') return '会议已结束，签到已关闭';
  return `签到在会议开始前${SIGN_IN_OPENS_BEFORE / 3_600_000}小时开放（${whenText(m.startsAt - SIGN_IN_OPENS_BEFORE)}起）`;
}

interface InPerson {
  via: 'self' | 'staff';
  memberId: string | null;
  byStaffId: string | null;
  reason: string;
}

/**
 * The principal came: each of their entry's proxies still standing is no longer used (the
 * agent told), and its attendance via proxy, if any, has already become theirs.
 */
async function overrideProxies(ctx: Ctx, m: MeetingRecord, unitKey: string): Promise<void> {
  const db = ctx.db();
  if (!mayHaveProxies(m)) return;
  for (const p of await db.getMany('meetingProxies', proxyIdsOf(m, unitKey))) {
    if (p.status !== 'active' && p.status !== 'pendingConfirm') continue;
    const patch = { status: 'overridden' as const, updatedAt: ctx.now, version: p.version + 1 };
    if (!(await db.update('meetingProxies', p._id, patch, { version: p.version }))) continue;
    await appendEvent(db, ctx.caller, { key: `proxy:${p._id}:v${patch.version}`, subject: `meeting:${m._id}`, type: 'meeting.proxyOverridden', from: p.status, to: 'overridden', public: false, note: p.principalLabel, at: ctx.now });
    if (p.agentMemberId) {
      await tell(ctx.deps.notifier, db, [p.agentMemberId], {
        id: `${p._id}:v${patch.version}:overridden`, kind: 'meeting.proxyOverridden', meetingId: m._id,
        title: '委托人已本人到会', body: `${p.principalLabel}已本人到会，「${m.title}」上不再由您代为出席和表决。`,
      });
    }
  }
}

/**
 * The session's start event, owed by the call that opened it: the first sign-in to land
 * takes it into its own event's list insert (one write for both); `taken` says it did.
 */
interface Riding {
  event: Promise<EventRecord | null>;
  taken: boolean;
}

/** Signs in one entry in person (self or by staff). Returns its attendance as it now stands. */
export async function attendInPerson(ctx: Ctx, m: MeetingRecord, unitKey: string, unit: RollUnit, who: InPerson, riding?: Riding): Promise<AttendanceRecord> {
  const db = ctx.db();
  const id = attendanceId(m._id, unitKey);
  const subject = `meeting:${m._id}`;
  const record: AttendanceRecord = {
    _id: id, communityId: db.communityId, meetingId: m._id, unitKey, label: unit.label, areaCenti: unit.areaCenti, via: who.via,
    memberId: who.memberId, agentId: null, proxyId: null, byStaffId: who.byStaffId, reason: who.reason, at: ctx.now, left: false, leftAt: null, version: 1,
  };
  if (await db.insert('meetingAttendance', record)) {
    const signedIn = eventRecord(db, ctx.caller, { key: `signin:${unitKey}`, subject, type: 'meeting.signedIn', to: who.via, public: false, note: unit.label, at: ctx.now });
    const carry = riding && !riding.taken ? riding : null;
    if (carry) carry.taken = true;
    // The opening's failure is the opener's to report (beside): here it only carries nothing.
    const started = carry ? await carry.event.catch(() => null) : null;
    // The event (with the session's start, if this call opened it: one list insert) and the
    // proxies the principal's coming ends: independent, at once.
    await Promise.all([
      started ? db.insertMany('events', [started, signedIn]) : db.insert('events', signedIn),
      overrideProxies(ctx, m, unitKey),
    ]);
    return record;
  }
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const a = await db.require('meetingAttendance', id, '签到记录不存在');
    if (a.via === 'proxy') {
      // Present by proxy until now: the principal is here, the entry is theirs and counts once.
      const patch = { via: who.via, memberId: who.memberId, agentId: null, proxyId: null, byStaffId: who.byStaffId, reason: who.reason, at: ctx.now, left: false, leftAt: null, version: a.version + 1 };
      if (!(await db.update('meetingAttendance', id, patch, { version: a.version }))) continue;
      await appendEvent(db, ctx.caller, { key: `inperson:${unitKey}:v${patch.version}`, subject, type: 'meeting.signedInInPerson', from: 'proxy', to: who.via, public: false, note: unit.label, at: ctx.now });
      await overrideProxies(ctx, m, unitKey);
      return { ...a, ...patch };
    }
    if (a.left) {
      const patch = { left: false, leftAt: null, version: a.version + 1 };
      if (!(await db.update('meetingAttendance', id, patch, { version: a.version }))) continue;
      await appendEvent(db, ctx.caller, { key: `back:${unitKey}:v${patch.version}`, subject, type: 'meeting.back', public: false, note: unit.label, at: ctx.now });
      return { ...a, ...patch };
    }
    return a;
  }
  throw new AppError('CONFLICT', '签到状态刚刚变化，请再试一次');
}

/**
 * The agent signs in a principal's entry with their own. Null when the principal is there
 * in person (the entry is theirs, not the proxy's).
 */
export async function attendByProxy(ctx: Ctx, m: MeetingRecord, p: ProxyRecord): Promise<AttendanceRecord | null> {
  const db = ctx.db();
  const me = ctx.caller.memberId;
  const entry = await rollEntry(db, m, p.principalUnitKey);
  if (!entry) return null;
  const id = attendanceId(m._id, p.principalUnitKey);
  const record: AttendanceRecord = {
    _id: id, communityId: db.communityId, meetingId: m._id, unitKey: p.principalUnitKey, label: entry.label, areaCenti: entry.areaCenti, via: 'proxy',
    memberId: null, agentId: me, proxyId: p._id, byStaffId: null, reason: '', at: ctx.now, left: false, leftAt: null, version: 1,
  };
  let now: AttendanceRecord | null = null;
  if (await db.insert('meetingAttendance', record)) now = record;
  for (let attempt = 0; !now && attempt < 5; attempt += 1) {
    const a = await db.require('meetingAttendance', id, '签到记录不存在');
    // The principal is in the room themselves: the entry is theirs.
    if (a.via !== 'proxy' && !a.left) return null;
    if (a.proxyId === p._id && !a.left) return a;
    if (a.proxyId === p._id) {
      // The same agent back after being marked as left: no new use of the proxy.
      const patch = { left: false, leftAt: null, version: a.version + 1 };
      if (await db.update('meetingAttendance', id, patch, { version: a.version })) return { ...a, ...patch };
      continue;
    }
    // The principal came and left, or an earlier proxy was revoked (marked left): this one takes over.
    const patch = { via: 'proxy' as const, memberId: null, agentId: me, proxyId: p._id, byStaffId: null, reason: '', at: ctx.now, left: false, leftAt: null, version: a.version + 1 };
    if (await db.update('meetingAttendance', id, patch, { version: a.version })) now = { ...a, ...patch };
  }
  if (!now) throw new AppError('CONFLICT', '签到状态刚刚变化，请再试一次');
  const text = '代为签到';
  await db.update('meetingProxies', p._id, { uses: op.push({ kind: 'signIn', itemId: null, at: ctx.now, text }), updatedAt: ctx.now }, { status: 'active' });
  await appendEvent(db, ctx.caller, { key: `proxy:${p.principalUnitKey}:${p._id}:v${p.version}`, subject: `meeting:${m._id}`, type: 'meeting.signedIn', to: 'proxy', public: false, note: entry.label, at: ctx.now });
  await tell(ctx.deps.notifier, db, principalsOf(p, entry), {
    id: `${p._id}:v${p.version}:signIn`, kind: 'meeting.proxySignedIn', meetingId: m._id,
    title: '受托人已代您签到', body: `受托人已代您签到：${m.title}（${whenText(ctx.now)}）。您本人到会签到后，委托即不再使用。`,
  });
  return now;
}

async function entryView(db: ScopedStore, m: MeetingRecord, unitKey: string, unit: RollUnit, a: AttendanceRecord | null, known: { registration?: Promise<RegistrationRecord | null>; proxy?: ProxyRecord } = {}): Promise<AttendanceEntryView> {
  const [registration, proxy] = await Promise.all([
    known.registration ?? (m.seats !== null ? db.get('meetingRegistrations', registrationId(m._id, unitKey)) : Promise.resolve(null)),
    a?.proxyId ? (known.proxy?._id === a.proxyId ? known.proxy : db.get('meetingProxies', a.proxyId)) : Promise.resolve(null),
  ]);
  return attendanceEntryView(unitKey, unit, a, registration, proxy);
}

/** The sign-ins read before this call's own, with what it wrote (or found) put in: the count without reading them again. */
function withOwn(before: readonly AttendanceRecord[], own: readonly AttendanceRecord[]): AttendanceRecord[] {
  const mine = new Map(own.map((a) => [a._id, a]));
  return [...before.filter((a) => !mine.has(a._id)), ...mine.values()];
}

/**
 * Settles both, the sign-in's outcome first: the session opens beside the sign-in, never left
 * half-way behind a refusal. Its start event rides in the first sign-in's event insert; when
 * none took it (every entry was signed in already, a refusal), it is inserted here.
 */
async function beside<T>(db: ScopedStore, opening: Promise<EventRecord | null>, work: (riding: Riding) => Promise<T>): Promise<T> {
  const riding: Riding = { event: opening, taken: false };
  // Its outcome is held from the start, so a failed opening is never an unhandled rejection while the sign-in runs.
  const opened = opening.then((e) => ({ e }), (err: unknown) => ({ err }));
  const [done] = await Promise.allSettled([work(riding)]);
  const o = await opened;
  const [inserted] = await Promise.allSettled(['e' in o && o.e && !riding.taken ? db.insert('events', o.e) : Promise.resolve(false)]);
  if (done.status === 'rejected') throw done.reason;
  if ('err' in o) throw o.err;
  if (inserted.status === 'rejected') throw inserted.reason;
  return done.value;
}

interface First {
  unitKey: string;
  unit: RollUnit;
  a: AttendanceRecord;
  principalLabel?: string;
  proxy?: ProxyRecord;
  registration?: Promise<RegistrationRecord | null>;
}

export const signIn: Handler<'meeting.signIn'> = async (ctx) => {
  const db = ctx.db();
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  const input = ctx.input;
  if ('unitKey' in input) requireMeetingStaff(ctx.caller, m);
  if (!signInOpen(m, ctx.now)) throw new AppError('CLOSED', signInClosedText(m));
  // The sign-ins as they stand (read with the caller's record): the count is made from them
  // and this call's own, as markLeft does, rather than read again after the writes.
  const allBefore = () => everyPage(db, 'meetingAttendance', { meetingId: m._id }, 'at');
  const own: AttendanceRecord[] = [];
  const also: string[] = [];
  const registrationOf = (unitKey: string) => {
    const read = m.seats !== null ? db.get('meetingRegistrations', registrationId(m._id, unitKey)) : Promise.resolve(null);
    // Awaited by the view; a sign-in refused first leaves it unawaited, and its failure then is nobody's.
    read.catch(() => undefined);
    return read;
  };
  let first: First | null;
  let before: AttendanceRecord[];
  if ('unitKey' in input) {
    const [unit, read] = await Promise.all([rollEntry(db, m, input.unitKey), allBefore()]);
    before = read;
    if (!unit) throw fieldError('NOT_FOUND', 'unitKey', '名册上没有这一户（人）');
    await checkWritten(ctx, { reason: input.reason });
    // Checked, so it signs in: the session's start (the first sign-in's) and the entry's registration beside it.
    const registration = registrationOf(input.unitKey);
    first = await beside(db, openSessionStep(db, ctx.caller, m, ctx.now), async (riding) => {
      const a = await attendInPerson(ctx, m, input.unitKey, unit, { via: 'staff', memberId: null, byStaffId: ctx.caller.memberId, reason: input.reason }, riding);
      own.push(a);
      return { unitKey: input.unitKey, unit, a, registration };
    });
  } else {
    checkMeetingCode(m, input.code, ctx.now);
    const me = ctx.caller.memberId;
    const [entries, held, read] = await Promise.all([rollEntriesOf(db, m, me), heldProxies(db, m, me), allBefore()]);
    before = read;
    const forMeeting = held.filter((p) => p.status === 'active' && p.itemId === null);
    if (entries.length === 0 && forMeeting.length === 0) throw new AppError('FORBIDDEN', '您不在本次会议的名册上，如有疑问请联系社区');
    const registration = entries[0] ? registrationOf(entries[0].unitKey) : undefined;
    first = await beside(db, openSessionStep(db, ctx.caller, m, ctx.now), async (riding) => {
      let f: First | null = null;
      for (const e of entries) {
        const a = await attendInPerson(ctx, m, e.unitKey, e.unit, { via: 'self', memberId: me, byStaffId: null, reason: '' }, riding);
        own.push(a);
        f ??= { unitKey: e.unitKey, unit: e.unit, a, registration };
      }
      for (const p of forMeeting) {
        const a = await attendByProxy(ctx, m, p);
        if (!a) continue;
        own.push(a);
        also.push(p.principalLabel);
        if (!f) {
          const unit = await rollEntry(db, m, p.principalUnitKey);
          if (unit) f = { unitKey: p.principalUnitKey, unit, a, principalLabel: p.principalLabel, proxy: p };
        }
      }
      return f;
    });
    if (!first) throw new AppError('CONFLICT', '您代表的委托人已本人到会，无需代为签到');
  }
  const view = await entryView(db, m, first.unitKey, first.unit, first.a, { registration: first.registration, proxy: first.proxy });
  const present = await presentNow(db, m, null, withOwn(before, own));
  return {
    // The people of an entry are for staff; an agent knows their principal only as 「…（王某）」.
    entry: 'unitKey' in input ? view : { ...view, people: [], label: first.principalLabel ?? view.label },
    quorum: quorumNow(m, present),
    alsoForPrincipals: also,
  };
};
