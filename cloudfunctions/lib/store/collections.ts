/**
 * Every collection and the indexes its queries rely on, declared once for both adapters.
 * A query that no index here backs is refused at run time (see index-check.ts), so an
 * unindexed scan cannot slip into production where it would time out at scale.
 */
export const COLLECTIONS = {
  communities: [['active', 'name']],
  members: [
    ['communityId', 'createdAt'],
    // Account deletions waiting out their period.
    ['deletionScheduledFor'],
  ],
  grids: [['communityId', 'name']],
  buildings: [
    ['communityId', 'name'],
    ['communityId', 'gridId', 'name'],
  ],
  households: [['communityId', 'buildingId', 'createdAt']],
  invites: [['communityId', 'householdId', 'createdAt']],
  bindingRequests: [
    ['communityId', 'gridId', 'status', 'createdAt'],
    ['communityId', 'status', 'createdAt'],
    ['communityId', 'applicantId', 'createdAt'],
    ['status', 'createdAt'],
  ],
  categories: [['communityId', 'order']],
  concerns: [
    ['communityId', 'authorId', 'createdAt'],
    ['communityId', 'assigneeId', 'createdAt'],
    ['communityId', 'assigneeId', 'status', 'createdAt'],
    ['communityId', 'assigneeId', 'overdue', 'createdAt'],
    ['communityId', 'status', 'createdAt'],
    ['communityId', 'overdue', 'createdAt'],
    ['communityId', 'category', 'createdAt'],
    ['communityId', 'category', 'status', 'createdAt'],
    ['communityId', 'gridId', 'createdAt'],
    ['communityId', 'gridId', 'status', 'createdAt'],
    ['communityId', 'createdAt'],
    ['communityId', 'number', 'createdAt'],
    // The sweep's one timer: every concern due for a look, across communities.
    ['wakeAt'],
  ],
  services: [
    ['communityId', 'name'],
    ['active', 'slotsUntil'],
  ],
  slots: [['communityId', 'serviceId', 'startAt']],
  bookings: [
    ['communityId', 'memberId', 'startAt'],
    ['communityId', 'serviceId', 'startAt'],
    ['communityId', 'slotId', 'createdAt'],
    ['wakeAt'],
  ],
  bookingLocks: [],
  bookingQuotas: [],
  events: [['communityId', 'subject', 'at']],
  inbox: [
    ['communityId', 'recipientId', 'createdAt'],
    ['communityId', 'recipientId', 'read', 'createdAt'],
    // The outbox sender's queue.
    ['pushStatus', 'pushDueAt'],
  ],
  subscriptions: [],
  media: [
    ['traceId', 'createdAt'],
    ['verdict', 'requestedAt'],
  ],
  moderation: [['communityId', 'status', 'createdAt']],
  counters: [],
  // Rate-limit windows; CloudBase can drop them by a TTL index on expiresAt.
  rateWindows: [['expiresAt']],
  sweepRuns: [['job', 'startedAt']],
} as const satisfies Record<string, readonly (readonly string[])[]>;

export type CollectionName = keyof typeof COLLECTIONS;

export function isCollection(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS, name);
}
