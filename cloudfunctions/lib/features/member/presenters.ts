import type { BindingRequestView, MemberView } from '../../../../miniprogram/core/member/contract';
import type { Caller } from '../../kernel/caller';
import { normalizeAddressPart } from './household';
import { requestActions } from './permissions';
import type { BindingRequestRecord } from './records';
import type { MemberRecord } from '../../kernel/members';

export function toRequestView(caller: Caller, r: BindingRequestRecord): BindingRequestView {
  const view: BindingRequestView = {
    id: r._id,
    status: r.status,
    buildingId: r.buildingId,
    buildingName: r.buildingName,
    unit: normalizeAddressPart(r.unit),
    room: normalizeAddressPart(r.room),
    name: r.name,
    createdAt: r.createdAt,
    allowedActions: requestActions(caller, r),
  };
  if (r.reason) view.reason = r.reason;
  if (r.reviewedAt) view.reviewedAt = r.reviewedAt;
  return view;
}

export function toMemberView(m: MemberRecord): MemberView {
  const view: MemberView = { memberId: m._id, roles: m.roles, gridIds: m.gridIds };
  if (m.name) view.name = m.name;
  if (m.householdId) view.householdId = m.householdId;
  return view;
}
