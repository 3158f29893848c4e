/**
 * The meeting's sweep: messages to the roll a bucket at a time (the notice, the reminder the
 * day before, the cancellation), the session opened at the start and a meeting nobody
 * declared ended closed 6 hours after its planned end. Each step is a compare-and-set on the
 * meeting's version; message ids name the meeting, the kind and the person, so a step run
 * twice (a crash after sending, an overlapping sweep) sends nobody anything twice.
 */
import type { NoticeKind } from '../../ports/platform';
import type { Deps } from '../../kernel/deps';
import { forEachDue } from '../../kernel/due';
import type { ScopedStore } from '../../kernel/scoped-store';
import { meetingPage } from './notices';
import { whenText } from './presenters';
import type { MeetingRecord } from './records';
import { rollBucket } from './roll';
import { AUTO_END_AFTER, endSession, nextWake, REMIND_BEFORE, startSession } from './session';

type Fanout = NonNullable<MeetingRecord['fanout']>['kind'];

function message(m: MeetingRecord, kind: Fanout): { kind: NoticeKind; title: string; body: string } {
  const when = `${whenText(m.startsAt)}，${m.place}`;
  if (kind === 'notice') {
    const seats = m.seats !== null ? `名额${m.seats}个，请先报名。` : '';
    return { kind: 'meeting.noticed', title: `会议通知：${m.title}`, body: `${when}。议程${m.agenda.length}项，${seats}不能到会可以委托他人。` };
  }
  if (kind === 'reminder') return { kind: 'meeting.reminder', title: `明天开会：${m.title}`, body: `${when}。请带好手机扫码签到；不能到会可以委托他人。` };
  return { kind: 'meeting.cancelled', title: `会议取消：${m.title}`, body: `原定${when}的会议已取消${m.cancelReason ? `，原因：${m.cancelReason}` : ''}。已报名的，报名随之取消。` };
}

/** Buckets of one fan-out sent per meeting per run (≤ 200 entries each): bounded, and the rest next run. */
const BUCKETS_PER_RUN = 5;

/**
 * Sends the current fan-out a bucket at a time, moving its cursor on after each. Returns the
 * meeting as it now stands, or null when someone else moved it first.
 */
async function fanout(deps: Deps, db: ScopedStore, start: MeetingRecord, now: number): Promise<MeetingRecord | null> {
  let m = start;
  for (let step = 0; step < BUCKETS_PER_RUN && m.fanout; step += 1) {
    const { kind, next } = m.fanout;
    const bucket = await rollBucket(db, m, next);
    const msg = message(m, kind);
    const people = new Set(Object.values(bucket?.units ?? {}).flatMap((u) => u.voterIds));
    for (const recipientId of people) {
      await deps.notifier.notify({ id: `meeting:${m._id}:${kind}:${recipientId}`, communityId: m.communityId, recipientId, ...msg, page: meetingPage(m._id) });
    }
    const after: MeetingRecord = { ...m, fanout: next + 1 < m.roll.buckets ? { kind, next: next + 1 } : null, version: m.version + 1 };
    if (!(await db.update('meetings', m._id, { fanout: after.fanout, wakeAt: nextWake(after, now), version: after.version }, { version: m.version }))) return null;
    m = after;
  }
  return m;
}

export async function runMeetingClock(deps: Deps, now: number, budget: { pages: number }) {
  const counts = { batches: 0, reminders: 0, started: 0, ended: 0 };
  const { conflicts } = await forEachDue(deps.store, 'meetings', now, budget.pages, async (due, db) => {
    let m = due;
    if (m.fanout) {
      counts.batches += 1;
      const after = await fanout(deps, db, m, now);
      // Moved by someone else, or more buckets to go: the next look continues from the cursor.
      if (!after) return false;
      if (after.fanout) return true;
      m = after;
    }
    if (m.status === 'noticed' && now < m.startsAt && m.remindedAt === null && now >= m.startsAt - REMIND_BEFORE && m.startsAt - REMIND_BEFORE > m.noticeAt) {
      const next: MeetingRecord = { ...m, remindedAt: now, fanout: { kind: 'reminder', next: 0 }, version: m.version + 1 };
      if (!(await db.update('meetings', m._id, { remindedAt: now, fanout: next.fanout, wakeAt: nextWake(next, now), version: next.version }, { version: m.version }))) return false;
      counts.reminders += 1;
      return (await fanout(deps, db, next, now)) !== null;
    }
    if (m.status === 'noticed' && now >= m.startsAt) {
      await startSession(db, 'system', m, now);
      counts.started += 1;
      return true;
    }
    if (m.status === 'inSession' && now >= m.endsAt + AUTO_END_AFTER && m.votingItemId === null) {
      await endSession(db, 'system', m, now, '会议结束6小时后仍未宣布散会，系统自动结束');
      counts.ended += 1;
      return true;
    }
    if (m !== due) return true;
    // Nothing due (a vote still open past the end, a wake set early): look again later.
    const wake = m.status === 'inSession' && now >= m.endsAt + AUTO_END_AFTER ? now + AUTO_END_AFTER : nextWake(m, now);
    return db.update('meetings', m._id, { wakeAt: wake !== null && wake <= now ? now + REMIND_BEFORE : wake }, { version: m.version });
  });
  return { ...counts, conflicts };
}
