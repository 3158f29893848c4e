import type { TemplateKey } from '../../../../miniprogram/core/notify/contract';
import type { Doc } from '../../ports/store';

/**
 * One message: the in-app inbox entry and, when its kind has a subscription template, the
 * outbox entry for WeChat in the same document, so one insert records both and the sender
 * can never push what the inbox does not show.
 */
export interface InboxRecord extends Doc {
  communityId: string;
  recipientId: string;
  kind: string;
  title: string;
  body: string;
  page: string | null;
  read: boolean;
  createdAt: number;
  /** none: in-app only by nature; pending → sending → sent | inAppOnly | failed. */
  pushStatus: 'none' | 'pending' | 'sending' | 'sent' | 'inAppOnly' | 'failed';
  templateKey: TemplateKey | null;
  /** When the sender should look at it next (for `sending`: when its claim runs out). */
  pushDueAt: number | null;
  pushAttempts: number;
  pushError: string | null;
  sentAt: number | null;
}

/** Consent balance per person and template; `spent` makes each message consume once. */
export interface SubscriptionRecord extends Doc {
  communityId: string;
  memberId: string;
  templateKey: TemplateKey;
  balance: number;
  spent: Record<string, true>;
  updatedAt: number;
}

/** The shared inbox every admin of a community reads (the community's own queue). */
export function adminsInbox(communityId: string): string {
  return `admins:${communityId}`;
}

export const subscriptionId = (memberId: string, key: TemplateKey) => `sub_${memberId}_${key}`;
/** Message ids contain ':'; map them to a field-name-safe key for `spent.<key>`. */
export const spentKey = (messageId: string) => messageId.replace(/[^A-Za-z0-9_]/g, '_');

declare module '../../ports/store' {
  interface CollectionRecords {
    inbox: InboxRecord;
    subscriptions: SubscriptionRecord;
  }
}
