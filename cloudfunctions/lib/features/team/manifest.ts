import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { TEAM_EVENTS } from './events';
import { joinTeam } from './join-team';
import { listTeams, prefetchTeams } from './list-teams';
import { teamPersonalData } from './personal-data';
import { upsertTeam } from './upsert-team';

export const teamManifest = {
  name: 'team',
  actions: {
    'team.list': bind(contracts['team.list'], listTeams, { prefetch: prefetchTeams }),
    'team.join': bind(contracts['team.join'], joinTeam),
    'team.upsert': bind(contracts['team.upsert'], upsertTeam),
  },
  collections: {
    teams: { indexes: [['communityId', 'name', '_id'], ['communityId', 'active', 'name', '_id']], holds: 'shared' },
    teamMembers: { indexes: [['communityId', 'memberId', 'joinedAt', '_id'], ['communityId', 'teamId', 'joinedAt', '_id']], holds: 'personal' },
  },
  events: TEAM_EVENTS,
  personalData: teamPersonalData,
} satisfies FeatureManifest<'team'>;
