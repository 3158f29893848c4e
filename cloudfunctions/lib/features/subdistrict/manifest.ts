/** subdistrict: manifest. 街道 — opening communities, their first admins, figures across them, escalations. */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { createCommunity } from './create-community';
import { SUBDISTRICT_EVENTS } from './events';
import { issueAdminCode } from './issue-admin-code';
import { listEscalations } from './list-escalations';
import { subdistrictOverview } from './overview';
import { redeemAdminCode } from './redeem-admin-code';

export const subdistrictManifest = {
  name: 'subdistrict',
  actions: {
    'subdistrict.overview': bind(contracts['subdistrict.overview'], subdistrictOverview),
    'subdistrict.createCommunity': bind(contracts['subdistrict.createCommunity'], createCommunity),
    'subdistrict.issueAdminCode': bind(contracts['subdistrict.issueAdminCode'], issueAdminCode),
    'subdistrict.escalations': bind(contracts['subdistrict.escalations'], listEscalations),
    'subdistrict.redeemAdminCode': bind(contracts['subdistrict.redeemAdminCode'], redeemAdminCode),
  },
  collections: {
    adminCodes: { indexes: [['communityId', 'usedBy', 'createdAt', '_id'], ['communityId', 'createdAt', '_id']], holds: 'bookkeeping' },
  },
  rateLimits: {
    // A code is eight characters of 31: guessing is slow, and slower still at this pace.
    'subdistrict.redeemAdminCode': [{ limit: 10, windowSeconds: 3600 }],
  },
  events: SUBDISTRICT_EVENTS,
} satisfies FeatureManifest<'subdistrict'>;
