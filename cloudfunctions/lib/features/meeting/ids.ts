/** Deterministic ids: a retried create lands on the meeting the first attempt made. */
import { createHash } from 'node:crypto';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

export const meetingIdFor = (communityId: string, memberId: string, key: string) => `mt${hash(`${communityId}:${memberId}:${key}`).slice(0, 22)}`;
/** The claim of the registration incarnation at `version` on the seat pool. */
export const registrationClaim = (registrationId: string, version: number) => `${registrationId}.v${version}`;
