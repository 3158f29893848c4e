import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { registerMedia } from './register-media';
import { mediaUrls, prefetchMediaUrls } from './media-urls';
import { MEDIA_NOTICES } from './notices';
import { mediaPersonalData } from './personal-data';
import { mediaSubjects } from './subjects';
import { expireVerdicts, pollVerdicts } from './verdicts';

const HOUR = 3600;
export const mediaManifest = {
  name: 'media',
  actions: {
    'media.register': bind(contracts['media.register'], registerMedia),
    'media.urls': bind(contracts['media.urls'], mediaUrls, { prefetch: prefetchMediaUrls }),
  },
  collections: {
    media: {
      indexes: [
        ['traceId', 'createdAt', '_id'],
        ['verdict', 'requestedAt', '_id'],
        ['communityId', 'ownerId', 'createdAt', '_id'],
      ],
      holds: 'personal',
    },
  },
  rateLimits: { 'media.register': [{ limit: 60, windowSeconds: HOUR }] },
  sweep: {
    mediaVerdicts: (deps, now) => pollVerdicts(deps, now, { items: 100 }),
    lateVerdicts: (deps, now) => expireVerdicts(deps, now, { items: 100 }),
  },
  notices: MEDIA_NOTICES,
  personalData: mediaPersonalData,
  subjects: mediaSubjects,
} satisfies FeatureManifest<'media'>;
