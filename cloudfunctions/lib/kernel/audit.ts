/**
 * The append-only audit trail: who did what, when, from which state to which. Records are
 * only ever inserted; event ids derived from the step make retries write nothing twice.
 */
import type { CallerRole } from '../../../miniprogram/core/roles';
import type { Doc } from '../ports/store';
import type { ScopedStore } from './scoped-store';
import type { Caller } from './caller';
import { primaryRole } from './caller';

/**
 * Every audit event type with what it is called, filled by each feature's `events.ts`
 * (declaration merging): an event type no feature labels does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventTypes {}
export type EventType = keyof EventTypes & string;

export interface EventRecord extends Doc {
  communityId: string;
  /** `<kind>:<id>` of what changed, e.g. `concern:c_123`. */
  subject: string;
  type: string;
  actorId: string | null;
  actorRole: CallerRole | 'system';
  from: string | null;
  to: string | null;
  /** Whether the resident who owns the subject may see it on their timeline. */
  public: boolean;
  note: string | null;
  /** Photos attached at this step (supplement, resolution, department report). */
  photos?: string[];
  at: number;
}

export interface NewEvent {
  /** Stable suffix for this step; the event id becomes `<subject>:<key>`. */
  key: string;
  subject: string;
  type: EventType;
  from?: string | null;
  to?: string | null;
  public: boolean;
  note?: string | null;
  photos?: string[];
  at: number;
}

export function actorOf(caller: Caller | 'system'): Pick<EventRecord, 'actorId' | 'actorRole'> {
  return caller === 'system'
    ? { actorId: null, actorRole: 'system' }
    : { actorId: caller.memberId, actorRole: primaryRole(caller) };
}

export function eventRecord(db: ScopedStore, actor: Caller | 'system', e: NewEvent): EventRecord {
  return {
    _id: `${e.subject}:${e.key}`,
    communityId: db.communityId,
    subject: e.subject,
    type: e.type,
    ...actorOf(actor),
    from: e.from ?? null,
    to: e.to ?? null,
    public: e.public,
    note: e.note ?? null,
    ...(e.photos?.length ? { photos: e.photos } : {}),
    at: e.at,
  };
}

/** Appends one event; a second append of the same step is a no-op. */
export async function appendEvent(db: ScopedStore, actor: Caller | 'system', e: NewEvent): Promise<void> {
  await db.insert('events', eventRecord(db, actor, e));
}

declare module '../ports/store' {
  interface CollectionRecords {
    events: EventRecord;
  }
}
