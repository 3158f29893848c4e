/**
 * TEMPORARY, for the vol-certificate branch only: the collections the certificate and export
 * read but other parts of issue 13 own (volunteer/, team/, activity/ by V1; the ledger by V2).
 * Declared here so this branch runs on its own; at merge the owners' manifests declare them
 * (as `personal` where they are) and checkManifests reports every one of these as "already
 * declared" — delete this file then, and keep the indexes below in the owners' lists.
 */
import type { CollectionName } from '../../ports/store';
import type { CollectionSpec } from '../../kernel/feature';

export const BORROWED_COLLECTIONS = {
  volunteers: { indexes: [['communityId', 'createdAt', '_id']], holds: 'shared' },
  teams: { indexes: [['communityId', 'createdAt', '_id']], holds: 'shared' },
  activities: { indexes: [['communityId', 'createdAt', '_id']], holds: 'shared' },
  // Read by the sign-in sheet (应到/实到).
  signups: { indexes: [['communityId', 'activityId', 'createdAt', '_id']], holds: 'shared' },
  attendance: { indexes: [['communityId', 'activityId', 'inAt', '_id']], holds: 'shared' },
  hourEntries: {
    indexes: [
      // The certificate: one person's verified entries.
      ['communityId', 'memberId', 'status', 'serviceDate', '_id'],
      // Ledgers: a person's or a team's entries; the import sheet: verified entries (of a team).
      ['communityId', 'memberId', 'serviceDate', '_id'],
      ['communityId', 'teamId', 'serviceDate', '_id'],
      ['communityId', 'status', 'serviceDate', '_id'],
      ['communityId', 'teamId', 'status', 'serviceDate', '_id'],
    ],
    holds: 'shared',
  },
} as const satisfies Partial<Record<CollectionName, CollectionSpec>>;
