/**
 * Every record of 居务公开 has an id derived from what it is, so a retry, a second sweep or
 * two taps at once land on the same document: a create is an insert that fails the second time.
 */
import { createHash } from 'node:crypto';

const digest = (...parts: readonly (string | number)[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);

export const categoryRecordId = (communityId: string, key: string) => `dcat_${communityId}_${key}`;
export const manualItemId = (communityId: string, memberId: string, idempotencyKey: string) => `ditem_${digest(communityId, memberId, idempotencyKey)}`;
export const sourceItemId = (communityId: string, kind: string, refId: string) => `ditem_${digest(communityId, 'source', kind, refId)}`;
export const versionRecordId = (itemId: string, n: number) => `dver_${itemId.replace(/^ditem_/, '')}_${n}`;
export const opinionRecordId = (itemId: string, versionNumber: number, memberId: string) => `dop_${digest(itemId, versionNumber, memberId)}`;
export const questionRecordId = (communityId: string, memberId: string, idempotencyKey: string) => `dq_${digest(communityId, memberId, idempotencyKey)}`;
export const periodicDueId = (communityId: string, categoryKey: string, periodKey: string) => `ddue_${digest(communityId, 'period', categoryKey, periodKey)}`;
export const sourceDueId = (communityId: string, kind: string, refId: string) => `ddue_${digest(communityId, 'source', kind, refId)}`;
export const customCategoryKey = (label: string, now: number) => `c${digest(label, now).slice(0, 10)}`;

/** The subject events and photos of an item are filed under. */
export const itemSubject = (itemId: string) => `disclosure:${itemId}`;
