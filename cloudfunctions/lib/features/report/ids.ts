/**
 * One report per (community, month): whoever issues first — the sweep on the 1st, a parallel
 * sweep, an admin — inserts it under this id and everyone else reads that one.
 */
import { createHash } from 'node:crypto';

export const reportIdFor = (communityId: string, month: string) => `rpt_${communityId}_${month}`;

/** A retried addendum (same caller, same idempotency key) lands on the first one. */
export const addendumIdFor = (reportId: string, memberId: string, key: string) =>
  `radd_${createHash('sha256').update(`${reportId}:${memberId}:${key}`).digest('hex').slice(0, 24)}`;

export const reportSubject = (reportId: string) => `report:${reportId}`;
