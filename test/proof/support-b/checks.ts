/**
 * Invariants read straight from the SQLite file, through a connection that cannot write
 * (`query_only`), while or after gateway processes write to it. Each check returns the
 * list of what is wrong (empty = consistent), so a failing round names every problem.
 */
import Database from 'better-sqlite3';
import { waitlistCap } from '../../../cloudfunctions/lib/features/booking/admin-services';
import { lockIdFor, quotaIdFor, type BookingRecord, type LockRecord, type QuotaRecord, type SlotRecord } from '../../../cloudfunctions/lib/features/booking/records';
import type { ConcernRecord } from '../../../cloudfunctions/lib/features/concern/records';
import type { EventRecord } from '../../../cloudfunctions/lib/kernel/audit';
import { localDayKey } from '../../../cloudfunctions/lib/kernel/time';

/** Statuses that hold a seat of their slot. */
export const SEATED = ['booked', 'offered', 'attended', 'noShow'];
const OPEN = ['booked', 'waitlisted', 'offered'];

export class DbReader {
  readonly db: Database.Database;
  constructor(file: string) {
    this.db = new Database(file, { fileMustExist: true });
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('query_only = ON');
  }

  close(): void {
    this.db.close();
  }

  doc<T>(collection: string, id: string): T | null {
    const row = this.db.prepare(`SELECT doc FROM "c_${collection}" WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  /** Every document whose `field` equals `value` (tests only; no paging needed here). */
  where<T>(collection: string, field: string, value: string | number): T[] {
    const rows = this.db.prepare(`SELECT doc FROM "c_${collection}" WHERE json_extract(doc, '$.${field}') = ?`).all(value) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as T);
  }

  count(collection: string): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM "c_${collection}"`).get() as { n: number }).n;
  }

  events(subject: string): EventRecord[] {
    return this.where<EventRecord>('events', 'subject', subject);
  }

  /**
   * The slot against its bookings: counters equal the maps, the maps equal the bookings'
   * statuses, and each open booking holds its per-service lock and its monthly quota.
   * With `audit`, every version of every booking has its event.
   */
  reconcileSlot(
    slotId: string,
    options: { audit?: boolean; tolerateStranded?: boolean } = {},
  ): { problems: string[]; slot: SlotRecord; bookings: BookingRecord[]; stranded: string[] } {
    const problems: string[] = [];
    const slot = this.doc<SlotRecord>('slots', slotId);
    if (!slot) throw new Error(`no slot ${slotId}`);
    const bookings = this.where<BookingRecord>('bookings', 'slotId', slotId);
    // Known race (see concurrency/known-races.test.ts): a waiter promoted onto a seat before
    // its booking was stored keeps a 'waitlisted' booking while the slot counts it seated.
    const stranded = bookings.filter((b) => b.status === 'waitlisted' && slot.holders[b._id] && !slot.waiting[b._id]).map((b) => b._id);
    const isStranded = (b: BookingRecord) => !!options.tolerateStranded && stranded.includes(b._id);
    const seated = bookings.filter((b) => SEATED.includes(b.status) || isStranded(b)).map((b) => b._id).sort();
    const waiting = bookings.filter((b) => b.status === 'waitlisted' && !isStranded(b)).map((b) => b._id).sort();
    const holders = Object.keys(slot.holders).sort();
    const waitingKeys = Object.keys(slot.waiting).sort();
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

    if (holders.length > slot.seats) problems.push(`overbooked: ${holders.length} holders for ${slot.seats} seats`);
    if (slot.seatsLeft < 0) problems.push(`seatsLeft ${slot.seatsLeft} < 0`);
    if (slot.seatsLeft !== slot.seats - holders.length) problems.push(`seatsLeft ${slot.seatsLeft} != seats ${slot.seats} - holders ${holders.length}`);
    if (!same(holders, seated)) {
      const missing = seated.filter((id) => !slot.holders[id]).map((id) => `${id}(${bookings.find((b) => b._id === id)?.status})`);
      const extra = holders.filter((id) => !seated.includes(id)).map((id) => `${id}(${bookings.find((b) => b._id === id)?.status ?? 'no booking'})`);
      problems.push(`holders != seated bookings: seated without holder [${missing}], holders without seated booking [${extra}]`);
    }
    if (slot.waitlistCount !== slot.waitlist.length) problems.push(`waitlistCount ${slot.waitlistCount} != |waitlist| ${slot.waitlist.length}`);
    if (!same([...slot.waitlist].sort(), waitingKeys)) problems.push('waitlist array != waiting map');
    if (!same([...slot.waitlist].sort(), waiting)) {
      const extra = slot.waitlist.filter((id) => !waiting.includes(id)).map((id) => `${id}(${bookings.find((b) => b._id === id)?.status ?? 'no booking'})`);
      const missing = waiting.filter((id) => !slot.waiting[id]);
      problems.push(`waitlist != waitlisted bookings: waitlisted without place [${missing}], waitlist without waitlisted booking [${extra}]`);
    }
    if (slot.waitlistLeft !== waitlistCap(slot.seats) - slot.waitlistCount) problems.push(`waitlistLeft ${slot.waitlistLeft} != cap ${waitlistCap(slot.seats)} - ${slot.waitlistCount}`);
    if (slot.status === 'open' && slot.seatsLeft > 0 && slot.waitlistCount > 0) problems.push(`${slot.seatsLeft} free seats while ${slot.waitlistCount} wait`);

    for (const b of bookings) {
      if (OPEN.includes(b.status)) {
        const lock = this.doc<LockRecord>('bookingLocks', lockIdFor(b.serviceId, b.memberId));
        if (lock?.bookingId !== b._id) problems.push(`open booking ${b._id} does not hold its service lock (lock names ${lock?.bookingId})`);
        const quota = this.doc<QuotaRecord>('bookingQuotas', quotaIdFor(b.serviceId, b.memberId, b.quotaMonth));
        if (!quota?.used[b._id]) problems.push(`open booking ${b._id} has no quota use`);
      }
      if (options.audit) {
        const versions = new Set(this.events(`booking:${b._id}`).map((e) => /:v(\d+):/.exec(e._id)?.[1]));
        for (let v = 1; v <= b.version; v += 1) if (!versions.has(String(v))) problems.push(`booking ${b._id} (${b.status}) v${v} has no audit event`);
      }
    }
    return { problems, slot, bookings, stranded };
  }

  /** Locks of these members on this service name no booking, or an open one. */
  staleLocks(serviceId: string, memberIds: string[]): string[] {
    const problems: string[] = [];
    for (const m of memberIds) {
      const lock = this.doc<LockRecord>('bookingLocks', lockIdFor(serviceId, m));
      if (!lock?.bookingId) continue;
      const b = this.doc<BookingRecord>('bookings', lock.bookingId);
      if (!b || !OPEN.includes(b.status)) problems.push(`lock of ${m} names ${lock.bookingId} (${b?.status ?? 'no booking'})`);
    }
    return problems;
  }

  /**
   * Concerns against their numbers and intake events: per Beijing day the numbers run 1..n
   * without gaps or repeats, above any older day counter; a number's claim without its
   * concern is at most the last of its day (a crashed intake its retry or the next claimant
   * finishes); every concern has its 'concern.submitted' and 'concern.dispatched' events.
   */
  concernProblems(): string[] {
    const problems: string[] = [];
    const all = (this.db.prepare('SELECT doc FROM "c_concerns"').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as ConcernRecord);
    const byDay = new Map<string, ConcernRecord[]>();
    for (const c of all) {
      const day = localDayKey(c.createdAt);
      byDay.set(day, [...(byDay.get(day) ?? []), c]);
    }
    const claims = (this.db.prepare('SELECT doc FROM "c_counters"').all() as { doc: string }[])
      .map((r) => JSON.parse(r.doc) as { _id: string; value: number; record?: ConcernRecord })
      .filter((x) => /^ctr_demo_concern_\d{8}_n\d+$/.test(x._id));
    for (const [day, list] of byDay) {
      const older = this.doc<{ value: number }>('counters', `ctr_demo_concern_${day}`);
      if (older && older.value > list.length) problems.push(`older counter for ${day} is ${older.value}, ${list.length} concerns`);
      const numbers = list.map((c) => Number(c.number.split('-')[1])).sort((a, b) => a - b);
      if (!numbers.every((n, i) => n === i + 1)) problems.push(`numbers of ${day} are not 1..${list.length}: ${numbers.join(',')}`);
    }
    for (const claim of claims) {
      const day = claim._id.split('_')[3];
      const stored = byDay.get(day) ?? [];
      const numbered = stored.find((c) => Number(c.number.split('-')[1]) === claim.value);
      if (numbered && claim.record && numbered._id !== claim.record._id) problems.push(`claim ${claim._id} names ${claim.record._id}, number ${claim.value} is ${numbered._id}`);
      if (!numbered && claim.value !== stored.length + 1) problems.push(`claim ${claim._id} has no concern and is not the last of ${day} (${stored.length} concerns)`);
    }
    for (const c of all) {
      const types = this.events(`concern:${c._id}`).map((e) => e.type);
      for (const t of ['concern.submitted', 'concern.dispatched']) if (!types.includes(t)) problems.push(`concern ${c.number} (${c._id}) has no ${t} event`);
    }
    return problems;
  }
}
