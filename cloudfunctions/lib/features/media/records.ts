import { createHash } from 'node:crypto';
import type { ContentVerdict } from '../../ports/platform';
import type { Doc } from '../../ports/store';

export interface MediaRecord extends Doc {
  communityId: string;
  fileId: string;
  ownerId: string;
  /** pending until the image check answers; `review` and `risky` stay hidden from others. */
  verdict: 'pending' | ContentVerdict;
  /** Set when staff reject it on review, or three reports hid it. */
  hidden: boolean;
  traceId: string | null;
  requestedAt: number;
  /** `concern:<id>`: the record whose visibility the photo follows. */
  attachedTo: string | null;
  createdAt: number;
}

export const mediaIdFor = (fileId: string) => `md_${createHash('sha256').update(fileId).digest('hex').slice(0, 32)}`;

/** Whether `viewerId` may see the photo: its uploader always; others once it passed. */
export function photoVisible(m: MediaRecord | undefined, viewerId: string | null): boolean {
  if (!m) return false;
  if (m.ownerId === viewerId) return !m.hidden || m.verdict !== 'risky';
  return m.verdict === 'pass' && !m.hidden;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    media: MediaRecord;
  }
}
