/**
 * Deterministic ids. A case is named by its community, building, category and window number
 * (`seq`, the n-th 30-day window of that building and category): parallel sweeps that see
 * the same cluster compute the same id, and the store keeps one.
 */
import { createHash } from 'node:crypto';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

export const caseIdFor = (communityId: string, buildingId: string, category: string, seq: number) => `icase_${hash(`case:${communityId}:${buildingId}:${category}:${seq}`)}`;
export const clusterIdFor = (communityId: string, buildingId: string, category: string) => `iclu_${hash(`cluster:${communityId}:${buildingId}:${category}`)}`;
export const settingsIdFor = (communityId: string) => `iset_${communityId}`;
export const topicIdFor = (communityId: string, month: string) => `itopic_${communityId}_${month}`;

export const caseSubject = (caseId: string) => `insightCase:${caseId}`;
export const topicSubject = (topicId: string) => `monthlyTopic:${topicId}`;
