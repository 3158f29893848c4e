/**
 * The daily cap, exact under any concurrency: one document per person and service day holds
 * the minutes each attendance entry of that day was credited. An entry's minutes are decided
 * and written into it by compare-and-set on its version — so two check-outs racing on one day
 * see each other, and together never pass the cap, in however many processes. The entry
 * itself is appended afterwards; a crash in between leaves the reservation, and the next
 * close (the volunteer again, or the sweep) reads it back and appends the same minutes.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { ScopedStore } from '../../kernel/scoped-store';
import { op } from '../../ports/store';
import { hourDayId } from './records';

export interface DayCredit {
  minutes: number;
  /** Cut by the daily cap. */
  capped: boolean;
}

const ATTEMPTS = 20;

/**
 * Credits `entryId` on the person's day: `decide` gets the minutes already credited that
 * day to their other entries (declined ones given back) and says what this one is worth.
 * A second call for the same entry returns what was decided the first time.
 */
export async function creditDay(
  db: ScopedStore,
  memberId: string,
  serviceDate: string,
  entryId: string,
  decide: (creditedOthers: number) => DayCredit,
): Promise<DayCredit> {
  const id = hourDayId(memberId, serviceDate);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const day = await db.get('hourDays', id);
    const held = day?.entries[entryId];
    if (held) return held;
    const others = Object.entries(day?.entries ?? {});
    // A declined entry's minutes were never served as far as the ledger goes: they free the room.
    const declined = new Set((await db.getMany('hourEntries', others.map(([k]) => k))).filter((e) => e.status === 'declined').map((e) => e._id));
    const credited = others.filter(([k]) => !declined.has(k)).reduce((n, [, c]) => n + c.minutes, 0);
    const credit = decide(credited);
    if (!day) {
      if (await db.insert('hourDays', { _id: id, communityId: db.communityId, memberId, serviceDate, entries: { [entryId]: credit }, version: 1 })) return credit;
      continue;
    }
    if (await db.update('hourDays', id, { version: op.inc(1), [`entries.${entryId}`]: credit }, { version: day.version })) return credit;
  }
  throw new AppError('CONFLICT', '签退的人太多，请稍后重试');
}
