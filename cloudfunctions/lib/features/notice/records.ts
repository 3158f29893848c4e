/** A 社区公告 as published; withdrawing keeps it (and why) for staff and the audit log. */
import type { Doc } from '../../ports/store';

export interface NoticeRecord extends Doc {
  communityId: string;
  title: string;
  body: string;
  pinned: boolean;
  publishedAt: number;
  expiresAt: number;
  status: 'published' | 'withdrawn';
  withdrawnAt: number | null;
  withdrawReason: string | null;
  /** Flagged strings the publisher kept on purpose (a public hotline, an officer's name). */
  kept: string[];
  byId: string;
  byName: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    notices: NoticeRecord;
  }
}
