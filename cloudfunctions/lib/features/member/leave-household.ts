import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler, HandlerContext, PrefetchOf } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { callerFromRecord, hasRole } from '../../kernel/caller';
import { changeMember, type MemberRecord } from '../../kernel/members';
import { meView } from './get-me';
import { formatAddress } from './household';
import { bindingRequestId } from './records';
import { fromAnchor } from '../../ports/store';

/**
 * Ends a resident's binding to their household: 搬离 by themselves, or staff removing
 * someone who moved away. First every feature settles what it holds for them there (open
 * concerns pass to the household, future bookings are cancelled and their seats freed),
 * then the binding ends by compare-and-set, so a retry after a crash finishes the job and
 * a second leave finds nothing left to end. Other roles (volunteer, staff) stay.
 */
/** The request statuses a binding's end settles as 'ended' (a pending one stays pending). */
const SETTLED_BY_LEAVING = ['approved', 'rejected', 'expired'] as const;

/** Who lives in a household (the binding's end tells the others). */
const housematesOf = <V>(householdId: V) => ({ where: { householdId }, orderBy: { field: 'createdAt', dir: 'asc' as const }, limit: 50 });

async function endBinding(ctx: HandlerContext<unknown>, target: MemberRecord, by: 'self' | 'staff', reason: string | null) {
  const { now } = ctx;
  const household = target.household;
  const householdId = target.householdId;
  if (!household || !householdId) throw new AppError('NOT_FOUND', '该居民没有绑定住户');
  const db = ctx.db();
  // Who else lives there and (搬离 shows it after) the person's binding request are read beside
  // what every feature reads to settle its holdings: one round-trip for all of them.
  const [housemates, request] = await Promise.all([
    db.query('members', housematesOf(householdId))
      .then((found) => found.items.filter((m) => m._id !== target._id && !m.deletedAt && m.roles.includes('resident'))),
    by === 'self' ? db.store.get('bindingRequests', bindingRequestId(target._id)) : Promise.resolve(null),
    ctx.features.householdLeft(ctx, { memberId: target._id, householdId, by }),
  ]);
  const next = await changeMember(ctx.deps.store, target._id, now, (m) => {
    if (!m || m.householdId !== householdId) throw new AppError('CONFLICT', '住户绑定刚刚有变化，请刷新后再试');
    return { ...m, roles: m.roles.filter((r) => r !== 'resident'), householdId: null, household: null };
  }, target);
  const address = formatAddress(household.buildingName, household.unit, household.room);
  const ended = { status: 'ended' as const, reason: by === 'self' ? '已搬离' : '已被移出住户', reviewedAt: now };
  // The binding has ended: what follows it needs nothing from each other, so it goes together.
  await Promise.all([
    // The request that led here (or one an invite made moot) is over: the person may apply again.
    ctx.deps.store.update('bindingRequests', bindingRequestId(target._id), ended, { status: { $in: [...SETTLED_BY_LEAVING] } }),
    appendEvent(db, ctx.caller, {
      key: `left:v${next.version}`,
      subject: `member:${target._id}`,
      type: by === 'self' ? 'member.left' : 'member.removed',
      from: householdId,
      to: null,
      public: true,
      note: reason,
      at: now,
    }),
    ...housemates.map((m) => ctx.deps.notifier.notify({
      id: `member:${target._id}:v${next.version}:housemate:${m._id}`,
      communityId: db.communityId,
      recipientId: m._id,
      kind: 'member.householdLeft',
      title: '同户居民已搬离',
      body: `${target.name ?? '一位同户居民'}已不再绑定${address}。其未办完的诉求留在本户，您可以在“我的诉求”里继续跟进。`,
      page: '/pages/concerns/index',
    })),
    by === 'staff'
      ? ctx.deps.notifier.notify({
        id: `member:${target._id}:v${next.version}:removed`,
        communityId: db.communityId,
        recipientId: target._id,
        kind: 'member.removed',
        title: '您已被移出住户',
        body: `社区工作人员已将您移出${address}：${reason ?? ''}。今后的预约已取消；如有误，请联系社区或重新绑定。`,
        page: '/pages/me/index',
      })
      : undefined,
  ]);
  // The request as the update above left it, for the caller's view (read before, not again).
  const settled = request && (SETTLED_BY_LEAVING as readonly string[]).includes(request.status) ? { ...request, ...ended } : request;
  return { next, request: settled };
}

/**
 * 搬离 reads, beside the resident's own record, everything ending the binding reads first:
 * who else lives there, their binding request, and the first page of what the features
 * settle — their concerns (concern/household-left.ts) and their bookings still to come
 * (booking/household-left.ts), asked as those hooks ask them (features do not import each
 * other both ways: the specs are repeated here, and moving.test.ts counts the one read, so
 * a hook that changes its query is noticed; a mismatch would only cost its own read).
 */
export const prefetchLeave: PrefetchOf<'member.leaveHousehold'> = (_input, memberId, now) => ({
  housemates: { collection: 'members', ...housematesOf(fromAnchor('householdId')), where: { communityId: fromAnchor('communityId'), householdId: fromAnchor('householdId') } },
  request: { collection: 'bindingRequests', id: bindingRequestId(memberId) },
  concerns: { collection: 'concerns', where: { communityId: fromAnchor('communityId'), authorId: memberId }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 50 },
  bookings: { collection: 'bookings', where: { communityId: fromAnchor('communityId'), memberId, startAt: { $gt: now } }, orderBy: { field: 'startAt', dir: 'asc' }, limit: 50 },
});

/** 搬离: the resident ends their own binding. */
export const leaveHousehold: Handler<'member.leaveHousehold'> = async (ctx) => {
  const { caller } = ctx;
  const target = await ctx.deps.store.get('members', caller.memberId);
  if (!target || !target.householdId) throw new AppError('NOT_FOUND', '您还没有绑定住户');
  const left = await endBinding(ctx, target, 'self', null);
  // The caller as they are now, from the record just written: no second read.
  const fresh = callerFromRecord(caller.openid, left.next, ctx.deps.config);
  return meView({ ...ctx, caller: { ...fresh, openid: caller.openid, memberId: caller.memberId }, input: {} }, { request: left.request });
};

/** The resident to remove is read in the round-trip of the caller's record. */
export const prefetchRemoved: PrefetchOf<'member.removeFromHousehold'> = (input) => ({ target: { collection: 'members', id: input.memberId } });

/**
 * Staff remove a resident who moved away without saying so: admins anywhere in their
 * community, a grid worker only in the buildings of their grids. Anyone else's household
 * reads as missing, never as "exists but not yours".
 */
export const removeFromHousehold: Handler<'member.removeFromHousehold'> = async (ctx) => {
  const { caller, input } = ctx;
  const db = ctx.db();
  const target = await db.get('members', input.memberId);
  const missing = () => fieldError('NOT_FOUND', 'memberId', '没有找到这位居民');
  if (!target || target.deletedAt || !target.householdId || !target.household || !target.roles.includes('resident')) throw missing();
  if (!hasRole(caller, 'admin')) {
    const building = await db.get('buildings', target.household.buildingId);
    if (!building || !caller.gridIds.includes(building.gridId)) throw missing();
  }
  await endBinding(ctx, target, 'staff', input.reason);
  return { removed: true as const };
};
