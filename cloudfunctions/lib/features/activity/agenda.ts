/**
 * A person's agenda: the times their open sign-ups hold, in one document per person. A
 * sign-up is written into it by compare-and-set on the agenda's version, and only when it
 * overlaps no entry still held — so two overlapping shifts can never both be held, however
 * many sign-ups run at once and in however many processes. An entry whose sign-up never
 * got saved (a crashed attempt) stops counting after STALE_MS. A withdrawal or a
 * cancellation leaves its entry (a write saved): an entry whose sign-up has ended holds
 * nothing, and the next sign-up it is in the way of reads that and drops it.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../kernel/time';
import { op } from '../../ports/store';
import type { AgendaRecord } from '../volunteer/records';
import { agendaIdFor } from './ids';
import { OPEN_SIGNUP, overlaps } from './rules';

export const STALE_MS = 60_000;

interface Span {
  startAt: number;
  endAt: number;
}

async function stillHeld(db: ScopedStore, signupId: string, claim: string, at: number, now: number): Promise<boolean> {
  const s = await db.get('signups', signupId);
  if (s && s.claim === claim) return OPEN_SIGNUP.includes(s.status);
  // Not saved under this claim (yet): being made, unless the attempt died long ago.
  return now - at < STALE_MS;
}

/** `read`: the agenda as the caller already read it (beside its other reads), for the first attempt. */
export async function holdTime(db: ScopedStore, memberId: string, signupId: string, claim: string, span: Span, now: number, read?: AgendaRecord | null): Promise<void> {
  const id = agendaIdFor(memberId);
  const entry = { startAt: span.startAt, endAt: span.endAt, claim, at: now };
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const agenda = attempt === 0 && read !== undefined ? read : await db.get('volunteerAgendas', id);
    if (!agenda) {
      if (await db.insert('volunteerAgendas', { _id: id, communityId: db.communityId, memberId, entries: { [signupId]: entry }, version: 1 })) return;
      continue;
    }
    if (agenda.entries[signupId]?.claim === claim) return;
    const drop: string[] = [];
    for (const [other, e] of Object.entries(agenda.entries)) {
      if (other !== signupId && !overlaps(e, span)) {
        if (e.endAt < now - DAY) drop.push(other); // long over: tidy as we go
        continue;
      }
      if (await stillHeld(db, other, e.claim, e.at, now)) {
        if (other === signupId) throw fieldError('CONFLICT', 'roleId', '您正在报名该班次的其他岗位，请稍后查看我的报名');
        throw fieldError('CONFLICT', 'shiftId', '该班次与您已报名的另一个班次时间重叠，不能同时报名');
      }
      if (other !== signupId) drop.push(other);
    }
    const patch: Record<string, unknown> = { version: op.inc(1), [`entries.${signupId}`]: entry };
    for (const other of drop) patch[`entries.${other}`] = op.unset();
    if (await db.update('volunteerAgendas', id, patch, { version: agenda.version })) return;
  }
  throw new AppError('CONFLICT', '报名的人太多，请稍后重试');
}

/** Gives back the time this claim holds; a no-op when it holds none. */
export async function releaseTime(db: ScopedStore, memberId: string, signupId: string, claim: string): Promise<void> {
  await db.update('volunteerAgendas', agendaIdFor(memberId), { version: op.inc(1), [`entries.${signupId}`]: op.unset() }, { [`entries.${signupId}.claim`]: claim });
}
