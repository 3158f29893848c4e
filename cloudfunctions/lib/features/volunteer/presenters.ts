import type { ActionName } from '../../../../miniprogram/core/action-names';
import { VOLUNTEER_STATUS_LABELS, type VolunteerView } from '../../../../miniprogram/core/volunteer/contract';
import type { Caller } from '../../kernel/caller';
import type { VolunteerRecord } from './records';

/** Whitelisted fields: the sealed ID number never leaves; only its masked form does. */
export function toVolunteerView(caller: Caller, v: VolunteerRecord): VolunteerView {
  const actions: ActionName[] = [];
  const own = caller.memberId === v.memberId;
  if (own) actions.push('volunteer.register', 'volunteer.profile');
  if (caller.roles.includes('admin') && caller.communityId === v.communityId) actions.push('volunteer.verify');
  return {
    id: v._id,
    name: v.name,
    volunteerNumber: v.volunteerNumber,
    skills: v.skills,
    availability: v.availability,
    partyMember: v.partyMember,
    birthDate: v.birthDate,
    idNumberMasked: v.idNumberMasked,
    trainings: v.trainings,
    resident: v.resident,
    status: v.status,
    statusLabel: VOLUNTEER_STATUS_LABELS[v.status],
    allowedActions: actions,
  };
}
