import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { VOLUNTEER_EVENTS } from './events';
import { listVolunteers } from './list';
import { VOLUNTEER_NOTICES } from './notices';
import { volunteerPersonalData } from './personal-data';
import { volunteerProfile } from './profile';
import { registerVolunteer } from './register';
import { verifyVolunteer } from './verify';

const HOUR = 3600;
export const volunteerManifest = {
  name: 'volunteer',
  actions: {
    'volunteer.register': bind(contracts['volunteer.register'], registerVolunteer),
    'volunteer.profile': bind(contracts['volunteer.profile'], volunteerProfile),
    'volunteer.verify': bind(contracts['volunteer.verify'], verifyVolunteer),
    'volunteer.list': bind(contracts['volunteer.list'], listVolunteers),
  },
  collections: {
    volunteers: { indexes: [['communityId', 'createdAt', '_id'], ['communityId', 'status', 'createdAt', '_id']], holds: 'personal' },
  },
  rateLimits: { 'volunteer.register': [{ limit: 20, windowSeconds: HOUR }] },
  notices: VOLUNTEER_NOTICES,
  events: VOLUNTEER_EVENTS,
  personalData: volunteerPersonalData,
} satisfies FeatureManifest<'volunteer'>;
