import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { decideModeration, moderationQueue, prefetchDecision } from './decide';
import { prefetchReport, reportContent } from './report';
import { MODERATION_EVENTS } from './events';

const DAY = 24 * 3600;
export const moderationManifest = {
  name: 'moderation',
  actions: {
    'moderation.queue': bind(contracts['moderation.queue'], moderationQueue),
    'moderation.decide': bind(contracts['moderation.decide'], decideModeration, { prefetch: prefetchDecision }),
    'moderation.report': bind(contracts['moderation.report'], reportContent, { prefetch: prefetchReport }),
  },
  collections: {
    // Staff's review records: a copy of the content under review and reporters by member id.
    moderation: { indexes: [['communityId', 'status', 'createdAt', '_id']], holds: 'shared' },
  },
  rateLimits: { 'moderation.report': [{ limit: 10, windowSeconds: DAY }] },
  events: MODERATION_EVENTS,
} satisfies FeatureManifest<'moderation'>;
