/**
 * Deterministic ids: a retried draft lands on the item its first attempt made, each source
 * (minutes, a poll's result, a resolution carried out) has one item however often it is
 * handed over, and each publication of an item has one version.
 */
import { createHash } from 'node:crypto';
import type { SourceKind } from '../../../../miniprogram/core/disclosure/contract';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

export const categoryIdFor = (communityId: string, key: string) => `dcat_${communityId}_${key}`;

/** A community's own category: its key from its name, so the same name twice is one category. */
export const customCategoryKey = (label: string) => `c${hash(`disclosure-category:${label}`).slice(0, 12)}`;

export const manualItemIdFor = (communityId: string, memberId: string, key: string) => `ditem_${hash(`manual:${communityId}:${memberId}:${key}`)}`;

export const sourceItemIdFor = (communityId: string, kind: Exclude<SourceKind, 'manual'>, refId: string) => `ditem_${hash(`source:${communityId}:${kind}:${refId}`)}`;

export const versionIdFor = (itemId: string, n: number) => `dver_${itemId}_${n}`;

/** Audit events, photos and reports point at an item as `disclosureItem:<itemId>`: one timeline per item. */
export const itemSubject = (itemId: string) => `disclosureItem:${itemId}`;
export const categorySubject = (categoryId: string) => `disclosureCategory:${categoryId}`;
