/** Deterministic ids: retries and parallel calls for the same thing land on one document. */
import { createHash } from 'node:crypto';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

/** One pool per (activity, shift, role): the single authority on its seats. */
export const poolIdFor = (activityId: string, shiftId: string, roleId: string) => `as_${activityId}_${shiftId}_${roleId}`;
/** One sign-up per person and shift; the id names nobody. */
export const signupIdFor = (activityId: string, shiftId: string, memberId: string) => `vs_${hash(`${activityId}|${shiftId}|${memberId}`)}`;
export const agendaIdFor = (memberId: string) => `va_${hash(memberId)}`;
/** The claim of the incarnation whose record will be at `version`, for this role. */
export const claimFor = (signupId: string, roleId: string, version: number) => `${signupId}.${roleId}.v${version}`;
export const activityIdFor = (communityId: string, memberId: string, key: string) => `ac${hash(`${communityId}:${memberId}:${key}`).slice(0, 22)}`;
