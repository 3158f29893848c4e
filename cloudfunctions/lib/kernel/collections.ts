import type { CollectionName } from '../ports/store';
import type { CollectionSpec } from './feature';

/**
 * The kernel's own collections. The audit trail is kept as the archive requires; its actors
 * are member ids, which deletion leaves pointing at an anonymised record.
 */
export const KERNEL_COLLECTIONS = {
  events: {
    indexes: [
      ['communityId', 'subject', 'at', '_id'],
      // The admins' audit log: the whole community, by actor, by step type (an area is a set of types), or both.
      ['communityId', 'at', '_id'],
      ['communityId', 'actorId', 'at', '_id'],
      ['communityId', 'type', 'at', '_id'],
      ['communityId', 'actorId', 'type', 'at', '_id'],
    ],
    holds: 'shared',
  },
  // Rate-limit windows; the sweep drops closed ones (CloudBase TTL indexes expire only dates).
  rateWindows: { indexes: [['expiresAt', '_id']], holds: 'bookkeeping' },
  // Read by community only for backups; in use always by id.
  counters: { indexes: [['communityId', '_id']], holds: 'bookkeeping' },
} as const satisfies Partial<Record<CollectionName, CollectionSpec>>;
