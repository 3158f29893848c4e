import type { Doc } from '../../ports/store';

/** A single-use code that makes its redeemer an admin of one community; the code is the id. */
export interface AdminCodeRecord extends Doc {
  communityId: string;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
  /** The subdistrict admin who issued it (their member id). */
  createdBy: string;
  createdAt: number;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    adminCodes: AdminCodeRecord;
  }
}
