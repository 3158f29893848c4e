import type { PersonalData } from '../../kernel/feature';
import { bindingRequestId } from './records';

/** The person's profile and binding request, field by field. */
export const memberPersonalData: PersonalData = {
  collections: ['members', 'bindingRequests'],
  async export({ ctx, memberId }) {
    const [member, request] = await Promise.all([
      ctx.deps.store.get('members', memberId),
      ctx.deps.store.get('bindingRequests', bindingRequestId(memberId)),
    ]);
    const profile = member
      ? {
          name: member.name,
          roles: member.roles,
          address: member.household ? { building: member.household.buildingName, unit: member.household.unit, room: member.household.room } : null,
          phone: member.phoneEnc ? ctx.deps.cipher.decrypt(member.phoneEnc) : null,
          since: member.createdAt,
          deletionScheduledFor: member.deletionScheduledFor ?? null,
        }
      : { roles: ['visitor'] };
    const bindingRequests = request
      ? [{ building: request.buildingName, unit: request.unit, room: request.room, name: request.name, status: request.status, reason: request.reason, submittedAt: request.createdAt, reviewedAt: request.reviewedAt }]
      : [];
    return { sections: { profile, bindingRequests } };
  },
  async erase(deps, member, anonymousId) {
    await deps.store.update('bindingRequests', bindingRequestId(member._id), { name: '已注销', applicantId: anonymousId });
    // The record stays only to keep the audit trail readable; privacy marks it deleted last.
    await deps.store.update('members', member._id, {
      openid: null, name: null, phoneEnc: null, phoneMasked: null, householdId: null, household: null, roles: [], gridIds: [], departmentId: null, away: null,
    });
  },
};
