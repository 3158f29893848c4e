/** Meetings made the way an admin convenes them, and the reads the meeting tests share. */
import type { MeetingView } from '../../miniprogram/core/council/meeting-contract';
import type { MeetingRecord } from '../../cloudfunctions/lib/features/meeting/records';
import { key, member, type Harness } from './harness';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface MeetingOptions {
  body?: string;
  rule?: Record<string, unknown>;
  roll?: Record<string, unknown>;
  /** From now; default 2 days (a 协商会 needs 1 day's notice). */
  startsIn?: number;
  lasts?: number;
  noticeDays?: number;
  seats?: number | null;
  secretary?: string;
  agenda?: Record<string, unknown>[];
  by?: string;
  key?: string;
}

export function meetingInput(h: Harness, o: MeetingOptions = {}) {
  const startsAt = h.clock.now() + (o.startsIn ?? 2 * DAY);
  return {
    title: '东门快递柜选址协商会',
    body: o.body ?? 'consultation',
    place: '社区党群服务中心二楼会议室',
    startsAt,
    endsAt: startsAt + (o.lasts ?? 2 * HOUR),
    ...(o.noticeDays !== undefined ? { noticeDays: o.noticeDays } : {}),
    roll: o.roll ?? { kind: 'household' },
    rule: o.rule ?? { id: 'URC-2018' },
    agenda: o.agenda ?? [{ title: '快递柜放在东门内侧还是北门', text: '东门内侧空地约6平方米，北门靠近垃圾房。', voteMode: 'perPerson' }],
    seats: o.seats ?? null,
    secretaryId: member(o.secretary ?? 'demo-grid-1'),
  };
}

export function makeMeeting(h: Harness, o: MeetingOptions = {}): Promise<MeetingView> {
  return h.ok<MeetingView>(o.by ?? 'demo-admin', 'meeting.create', meetingInput(h, o), o.key ?? key());
}

export async function meetingRecord(h: Harness, id: string): Promise<MeetingRecord> {
  return (await h.deps.store.get('meetings', id))!;
}

export const inbox = (h: Harness, openid: string) =>
  h.deps.store.query('inbox', { where: { communityId: 'demo', recipientId: member(openid) }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 100 }).then((p) => p.items);
