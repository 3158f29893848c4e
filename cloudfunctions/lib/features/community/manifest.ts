import { contracts } from '../../../../miniprogram/core/contracts';
import { bind, bindPublic } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { updateCommunity } from './update-community';
import { listCommunities } from './list-communities';
import { listBuildings } from './list-buildings';
import { listGrids, prefetchGrids } from './list-grids';
import { upsertGrid } from './upsert-grid';
import { upsertBuilding } from './upsert-building';
import { COMMUNITY_EVENTS } from './events';
export const communityManifest = {
  name: 'community',
  actions: {
    'community.update': bind(contracts['community.update'], updateCommunity),
    'community.list': bindPublic(contracts['community.list'], listCommunities),
    'community.buildings': bindPublic(contracts['community.buildings'], listBuildings),
    'community.grids': bind(contracts['community.grids'], listGrids, { prefetch: prefetchGrids }),
    'community.upsertGrid': bind(contracts['community.upsertGrid'], upsertGrid),
    'community.upsertBuilding': bind(contracts['community.upsertBuilding'], upsertBuilding),
  },
  collections: {
    communities: { indexes: [['active', 'name', '_id'], ['subdistrict', 'active', 'name', '_id']], holds: 'shared' },
    grids: { indexes: [['communityId', 'name', '_id']], holds: 'shared' },
    buildings: { indexes: [['communityId', 'name', '_id'], ['communityId', 'gridId', 'name', '_id']], holds: 'shared' },
  },
  events: COMMUNITY_EVENTS,
} satisfies FeatureManifest<'community'>;
