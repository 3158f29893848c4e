import { AppError } from '../../../../miniprogram/core/errors';
import type { ScopedStore } from '../../kernel/scoped-store';
import { eventRecord, type NewEvent } from '../../kernel/audit';
import type { Caller } from '../../kernel/caller';
import { changeMember } from '../../kernel/members';
import type { HouseholdRecord } from './records';
import { householdKeys } from './household';
import type { HouseholdSnapshot, MemberRecord } from '../../kernel/members';

/**
 * Makes a member the resident of a household, shared by invite redemption and approved
 * requests. The household record is created on first use (deterministic id, so two paths
 * to the same flat meet). Refuses a member who is already bound.
 */
export async function bindHousehold(
  db: ScopedStore,
  actor: Caller,
  target: { memberId: string; openid: string | null; name: string | null },
  household: HouseholdSnapshot,
  now: number,
  via: 'invite' | 'request',
  options: {
    /** The household was just read (an invite's): it exists, so no insert-if-absent is needed. */
    householdRead?: boolean;
    /** The target has, as far as the caller knows, no member record yet (a visitor's first binding). */
    fresh?: boolean;
    /** The target's record as the caller just read it (null: none): the change starts from it, no read. */
    known?: MemberRecord | null;
    /** What follows the binding and needs nothing of its event: run beside the event's insert. */
    alongside?: () => Promise<unknown>;
    /** Events of the same step (a review's decision), written in the one list insert with the binding's. */
    withEvents?: readonly NewEvent[];
  } = {},
): Promise<MemberRecord> {
  // Insert-if-absent under the flat's id: it goes beside the member's change, which needs
  // nothing of it (a binding refused leaves a household nobody lives in yet, as an invite does).
  const householdWritten = options.householdRead ? null : db.insert('households', {
      _id: household.id,
      communityId: db.communityId,
      buildingId: household.buildingId,
      unit: household.unit,
      room: household.room,
      ...householdKeys(household.unit, household.room),
      createdAt: now,
    } satisfies HouseholdRecord);
  const change = (m: MemberRecord | null) => {
    if (m?.householdId) throw new AppError('MEMBER_ALREADY_BOUND');
    if (m && m.communityId !== db.communityId) throw new AppError('FORBIDDEN', '您已是其他社区的成员');
    return {
      openid: m?.openid ?? target.openid,
      communityId: db.communityId,
      roles: [...new Set([...(m?.roles ?? []), 'resident' as const])],
      gridIds: m?.gridIds ?? [],
      householdId: household.id,
      household,
      name: target.name ?? m?.name ?? null,
    };
  };
  // Someone with no record yet is created by one insert under their id, as changeMember
  // would after reading nothing; the id is unique, so a record that exists after all refuses
  // it and the compare-and-set below decides.
  const fresh = options.fresh || options.known === null;
  const created: MemberRecord | null = fresh ? { _id: target.memberId, ...change(null), version: 1, createdAt: now, updatedAt: now } : null;
  const [, member] = await Promise.all([
    householdWritten,
    (async () => (created && (await db.store.insert('members', created)) ? created : changeMember(db.store, target.memberId, now, change, options.known ?? undefined)))(),
  ]);
  const bound = eventRecord(db, actor, {
    key: `bound:${now}:${target.memberId}`,
    subject: `member:${target.memberId}`,
    type: 'member.bound',
    to: household.id,
    public: true,
    note: via === 'invite' ? '邀请码绑定' : '审核通过',
    at: now,
  });
  const events = [...(options.withEvents ?? []).map((e) => eventRecord(db, actor, e)), bound];
  await Promise.all([
    events.length === 1 ? db.insert('events', bound) : db.insertMany('events', events),
    options.alongside?.(),
  ]);
  return member;
}
