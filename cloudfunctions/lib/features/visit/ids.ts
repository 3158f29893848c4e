/**
 * Deterministic ids: a retried log lands on the visit its first attempt made, and that
 * visit's concern is one concern however often the log is retried.
 */
import { createHash } from 'node:crypto';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

export const visitIdFor = (communityId: string, memberId: string, key: string) => `visit_${hash(`visit:${communityId}:${memberId}:${key}`)}`;

/** The concern a visit files: keyed by the visit, apart from any 代办 the same person files. */
export const visitConcernIdFor = (visitId: string) => `c_${hash(`visitConcern:${visitId}`)}`;

export const careIdFor = (householdId: string) => `care_${householdId}`;

/** Audit events point at a household's visits and care as `household:<id>`: one trail per household. */
export const householdSubject = (householdId: string) => `household:${householdId}`;
