/**
 * What the hours feature keeps besides the ledger itself (volunteer/records.ts): the anomaly
 * list's recorded attempts — refused ones included, since a refusal leaves no other trace.
 */
import { createHash } from 'node:crypto';
import type { AnomalyKind } from '../../../../miniprogram/core/hours/contract';
import type { Doc } from '../../ports/store';

/** One per (kind, activity, shift, person, other person): repeated attempts count up. */
export interface HourAnomalyRecord extends Doc {
  communityId: string;
  activityId: string;
  shiftId: string | null;
  kind: AnomalyKind;
  /** Who tried (the second person on a phone, the lead verifying themself). */
  memberId: string;
  /** The person the phone had already checked in, for a shared device. */
  otherMemberId: string | null;
  entryId: string | null;
  count: number;
  firstAt: number;
  lastAt: number;
}

export function anomalyId(kind: AnomalyKind, activityId: string, shiftId: string | null, memberId: string, other: string | null): string {
  const h = createHash('sha256').update(`${kind}:${activityId}:${shiftId ?? ''}:${memberId}:${other ?? ''}`).digest('hex').slice(0, 24);
  return `an_${h}`;
}

/** A person's service day: the minutes each attendance entry of the day was credited (day-cap.ts). */
export interface HourDayRecord extends Doc {
  communityId: string;
  memberId: string;
  serviceDate: string;
  entries: Record<string, { minutes: number; capped: boolean }>;
  version: number;
}

export const hourDayId = (memberId: string, serviceDate: string) => `hd_${memberId}_${serviceDate}`;

declare module '../../ports/store' {
  interface CollectionRecords {
    hourAnomalies: HourAnomalyRecord;
    hourDays: HourDayRecord;
  }
}
