/**
 * `cd_<hash(activity, shift, device)>`: which person a phone checked in for a shift. Made by
 * insert-if-absent before the attendance, so one phone can never check in two people —
 * whatever the timing — and the attempt of a second is refused and listed as an anomaly.
 */
import { createHash } from 'node:crypto';
import type { Doc } from '../../ports/store';

export interface AttendanceDeviceRecord extends Doc {
  communityId: string;
  activityId: string;
  shiftId: string;
  memberId: string;
  at: number;
}

/** The device key the client sends is never stored: only this hash. */
export function deviceHash(deviceKey: string): string {
  return createHash('sha256').update(`linli-device:${deviceKey}`).digest('hex').slice(0, 24);
}

export function deviceClaimId(communityId: string, activityId: string, shiftId: string, deviceKey: string): string {
  return `cd_${createHash('sha256').update(`${communityId}:${activityId}:${shiftId}:${deviceHash(deviceKey)}`).digest('hex').slice(0, 32)}`;
}

export const attendanceId = (activityId: string, shiftId: string, memberId: string) => `ci_${activityId}_${shiftId}_${memberId}`;
// The sign-up's own ids: check-in reads the very documents sign-up wrote.
export { signupIdFor as signupId, poolIdFor as seatPoolId } from './ids';

declare module '../../ports/store' {
  interface CollectionRecords {
    attendanceDevices: AttendanceDeviceRecord;
  }
}
