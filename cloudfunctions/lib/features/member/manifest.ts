import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { getMe } from './get-me';
import { findMembers, prefetchFind } from './find-members';
import { backfillHouseholdKeys } from './household-keys';
import { requestBinding } from './request-binding';
import { redeemInvite } from './redeem-invite';
import { listRequests } from './list-requests';
import { prefetchRequest, reviewRequest } from './review-request';
import { setRoles } from './set-roles';
import { leaveHousehold, prefetchLeave, prefetchRemoved, removeFromHousehold } from './leave-household';
import { setName } from './display-name';
import { issueInvites } from './issue-invites';
import { expireBindingRequests } from './expire-requests';
import { MEMBER_EVENTS } from './events';
import { MEMBER_NOTICES } from './notices';
import { memberPersonalData } from './personal-data';
import { memberToday } from './today';

const HOUR = 3600;
const DAY = 24 * HOUR;
export const memberManifest = {
  name: 'member',
  actions: {
    'member.me': bind(contracts['member.me'], getMe),
    'member.requestBinding': bind(contracts['member.requestBinding'], requestBinding),
    'member.redeemInvite': bind(contracts['member.redeemInvite'], redeemInvite),
    'member.listRequests': bind(contracts['member.listRequests'], listRequests),
    'member.reviewRequest': bind(contracts['member.reviewRequest'], reviewRequest, { prefetch: prefetchRequest }),
    'member.setRoles': bind(contracts['member.setRoles'], setRoles),
    'member.issueInvites': bind(contracts['member.issueInvites'], issueInvites),
    'member.find': bind(contracts['member.find'], findMembers, { prefetch: prefetchFind }),
    'member.leaveHousehold': bind(contracts['member.leaveHousehold'], leaveHousehold, { prefetch: prefetchLeave }),
    'member.removeFromHousehold': bind(contracts['member.removeFromHousehold'], removeFromHousehold, { prefetch: prefetchRemoved }),
    'member.setName': bind(contracts['member.setName'], setName),
  },
  collections: {
    members: {
      indexes: [
        ['communityId', 'createdAt', '_id'],
        // Account deletions waiting out their period.
        ['deletionScheduledFor', '_id'],
        // 代办's finder: residents of the households on a page, and names by their start.
        ['communityId', 'householdId', 'createdAt', '_id'],
        ['communityId', 'name', '_id'],
      ],
      holds: 'personal',
    },
    households: {
      indexes: [
        ['communityId', 'buildingId', 'createdAt', '_id'],
        // The finder: 楼栋 → 单元 → 房号; and households written before the keys, for the backfill.
        ['communityId', 'buildingId', 'unitKey', 'roomKey', '_id'],
        ['unitKey', '_id'],
        // A poll's roll: every household of the community, frozen when the poll opens.
        ['communityId', 'createdAt', '_id'],
      ],
      holds: 'shared',
    },
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
    // Each name is a content check: a few a day is plenty for a real person.
    'member.setName': [{ limit: 10, windowSeconds: DAY }],
  },
  sweep: {
    expireBindingRequests: (deps, now) => expireBindingRequests(deps, now, { pages: 10 }),
    householdKeys: (deps) => backfillHouseholdKeys(deps, { pages: 5 }),
  },
  notices: MEMBER_NOTICES,
  events: MEMBER_EVENTS,
  personalData: memberPersonalData,
  today: memberToday,
} satisfies FeatureManifest<'member'>;
