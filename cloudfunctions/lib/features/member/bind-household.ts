import { AppError } from '../../../../miniprogram/core/errors';
import type { ScopedStore } from '../../kernel/scoped-store';
import { appendEvent } from '../../kernel/audit';
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
    /** What follows the binding and needs nothing of its event: run beside the event's insert. */
    alongside?: () => Promise<unknown>;
  } = {},
): Promise<MemberRecord> {
  if (!options.householdRead) {
    await db.insert('households', {
      _id: household.id,
      communityId: db.communityId,
      buildingId: household.buildingId,
      unit: household.unit,
      room: household.room,
      ...householdKeys(household.unit, household.room),
      createdAt: now,
    } satisfies HouseholdRecord);
  }
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
  const created: MemberRecord | null = options.fresh ? { _id: target.memberId, ...change(null), version: 1, createdAt: now, updatedAt: now } : null;
  const member = created && (await db.store.insert('members', created)) ? created : await changeMember(db.store, target.memberId, now, change);
  await Promise.all([
    appendEvent(db, actor, {
      key: `bound:${now}:${target.memberId}`,
      subject: `member:${target.memberId}`,
      type: 'member.bound',
      to: household.id,
      public: true,
      note: via === 'invite' ? '邀请码绑定' : '审核通过',
      at: now,
    }),
    options.alongside?.(),
  ]);
  return member;
}
