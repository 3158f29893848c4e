import type { MeView } from '../../../../miniprogram/core/member/contract';
import type { Handler } from '../../kernel/action';
import { ANONYMOUS } from '../../kernel/caller';
import { normalizeAddressPart } from './household';
import { allowedForMe } from './permissions';
import { toRequestView } from './presenters';
import { bindingRequestId, type BindingRequestRecord } from './records';

export const getMe: Handler<'member.me'> = (ctx) => meView(ctx);

/**
 * The caller's 我的 view. `known`: their binding request as the caller's own use case has it
 * already (搬离 read it beside the hand-over and knows what its update made of it), so
 * it is not read a second time.
 */
export async function meView(ctx: Parameters<Handler<'member.me'>>[0], known?: { request: BindingRequestRecord | null }): Promise<MeView> {
  const { caller } = ctx;
  const store = ctx.deps.store;
  if (caller === ANONYMOUS || !caller.memberId) {
    return { memberId: '', roles: ['visitor'], gridIds: [], allowedActions: allowedForMe(caller, false) };
  }
  const [request, community] = await Promise.all([
    caller.householdId ? Promise.resolve(null) : known ? Promise.resolve(known.request) : store.get('bindingRequests', bindingRequestId(caller.memberId)),
    caller.communityId ? store.get('communities', caller.communityId) : Promise.resolve(null),
  ]);
  // An approved request led to the binding; an ended one to a binding that is over (搬离).
  const pending = request && request.status !== 'approved' && request.status !== 'ended' ? request : null;
  const view: MeView = {
    memberId: caller.memberId,
    roles: caller.roles,
    gridIds: caller.gridIds,
    allowedActions: allowedForMe(caller, pending?.status === 'pending'),
  };
  if (caller.ledGridIds.length) view.ledGridIds = caller.ledGridIds;
  if (caller.name) view.name = caller.name;
  if (caller.phoneEnc) view.phone = ctx.deps.cipher.decrypt(caller.phoneEnc);
  if (caller.deletionScheduledFor) view.deletionScheduledFor = caller.deletionScheduledFor;
  if (caller.away && (caller.away.until === null || caller.away.until > ctx.now)) {
    view.away = { since: caller.away.since, ...(caller.away.until !== null ? { until: caller.away.until } : {}) };
  }
  if (community) view.community = { id: community._id, name: community.name };
  const h = caller.household;
  if (h) view.household = { ...h, unit: normalizeAddressPart(h.unit), room: normalizeAddressPart(h.room) };
  if (pending) view.pendingRequest = toRequestView(caller, pending);
  return view;
}
