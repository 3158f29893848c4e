/** Deterministic ids: a retried publish lands on the notice the first attempt made. */
import { createHash } from 'node:crypto';

export const noticeIdFor = (communityId: string, memberId: string, key: string) => `ntc_${createHash('sha256').update(`${communityId}:${memberId}:${key}`).digest('hex').slice(0, 24)}`;

/** What the notice's audit events are about. */
export const noticeSubject = (noticeId: string) => `notice:${noticeId}`;
