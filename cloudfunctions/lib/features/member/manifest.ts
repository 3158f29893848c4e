import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { getMe } from './get-me';
import { requestBinding } from './request-binding';
import { redeemInvite } from './redeem-invite';
import { listRequests } from './list-requests';
import { reviewRequest } from './review-request';
import { setRoles } from './set-roles';
import { issueInvites } from './issue-invites';
import { expireBindingRequests } from './expire-requests';
import { MEMBER_EVENTS } from './events';
import { MEMBER_NOTICES } from './notices';
import { memberPersonalData } from './personal-data';

const HOUR = 3600;
const DAY = 24 * HOUR;
export const memberManifest = {
  name: 'member',
  actions: {
    'member.me': bind(contracts['member.me'], getMe),
    'member.requestBinding': bind(contracts['member.requestBinding'], requestBinding),
    'member.redeemInvite': bind(contracts['member.redeemInvite'], redeemInvite),
    'member.listRequests': bind(contracts['member.listRequests'], listRequests),
    'member.reviewRequest': bind(contracts['member.reviewRequest'], reviewRequest),
    'member.setRoles': bind(contracts['member.setRoles'], setRoles),
    'member.issueInvites': bind(contracts['member.issueInvites'], issueInvites),
  },
  collections: {
    members: {
      indexes: [
        ['communityId', 'createdAt', '_id'],
        // Account deletions waiting out their period.
        ['deletionScheduledFor', '_id'],
      ],
      holds: 'personal',
    },
    households: { indexes: [['communityId', 'buildingId', 'createdAt', '_id']], holds: 'shared' },
    invites: { indexes: [['communityId', 'householdId', 'createdAt', '_id']], holds: 'shared' },
    bindingRequests: {
      indexes: [
        ['communityId', 'gridId', 'status', 'createdAt', '_id'],
        ['communityId', 'status', 'createdAt', '_id'],
        ['communityId', 'applicantId', 'createdAt', '_id'],
        ['status', 'createdAt', '_id'],
      ],
      holds: 'personal',
    },
  },
  rateLimits: {
    'member.redeemInvite': [{ limit: 10, windowSeconds: HOUR }],
    'member.requestBinding': [{ limit: 5, windowSeconds: DAY }],
  },
  sweep: { expireBindingRequests: (deps, now) => expireBindingRequests(deps, now, { pages: 10 }) },
  notices: MEMBER_NOTICES,
  events: MEMBER_EVENTS,
  personalData: memberPersonalData,
} satisfies FeatureManifest<'member'>;
