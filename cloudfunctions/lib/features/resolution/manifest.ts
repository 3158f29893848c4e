/**
 * resolution: manifest. 决议 — each decision a meeting adopted, with an owner, a due date,
 * progress until done and, where required, the stages of 四议两公开.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind, type Prefetch } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { runResolutionClock } from './clock';
import { RESOLUTION_EVENTS } from './events';
import { getResolution } from './get-resolution';
import { listResolutions } from './list-resolutions';
import { RESOLUTION_NOTICES } from './notices';
import { resolutionPersonalData } from './personal-data';
import { reassignResolution } from './reassign-resolution';
import { recordProgress } from './record-progress';
import { recordStage } from './record-stage';
import { resolutionSubjects } from './subjects';

const HOUR = 3600;

/** Read with the caller's record: the resolution the input names, which each of these handlers reads first. */
const prefetchResolution: Prefetch<{ resolutionId: string }> = (input) => ({ resolution: { collection: 'resolutions', id: input.resolutionId } });

export const resolutionManifest = {
  name: 'resolution',
  actions: {
    'resolution.list': bind(contracts['resolution.list'], listResolutions),
    'resolution.get': bind(contracts['resolution.get'], getResolution, { prefetch: prefetchResolution }),
    'resolution.progress': bind(contracts['resolution.progress'], recordProgress, { prefetch: prefetchResolution }),
    'resolution.reassign': bind(contracts['resolution.reassign'], reassignResolution, { prefetch: prefetchResolution }),
    'resolution.recordStage': bind(contracts['resolution.recordStage'], recordStage, { prefetch: prefetchResolution }),
  },
  collections: {
    resolutions: {
      indexes: [
        // 落实中: soonest due first; 已办结: latest first; 我负责的.
        ['communityId', 'status', 'dueAt', '_id'],
        ['communityId', 'status', 'doneAt', '_id'],
        ['communityId', 'ownerId', 'dueAt', '_id'],
        // A meeting's resolutions (the minutes page).
        ['communityId', 'meetingId', 'createdAt', '_id'],
        // resolutionClock: what is due for a look, across communities.
        ['wakeAt', '_id'],
      ],
      holds: 'shared',
    },
    resolutionFollows: {
      indexes: [
        ['communityId', 'followerKey', 'createdAt', '_id'],
        ['communityId', 'resolutionId', 'createdAt', '_id'],
        ['communityId', 'memberId', 'createdAt', '_id'],
      ],
      holds: 'personal',
    },
  },
  rateLimits: {
    'resolution.progress': [{ limit: 60, windowSeconds: HOUR }],
  },
  sweep: { resolutionClock: (deps, now) => runResolutionClock(deps, now, { pages: 10 }) },
  notices: RESOLUTION_NOTICES,
  events: RESOLUTION_EVENTS,
  personalData: resolutionPersonalData,
  subjects: resolutionSubjects,
} satisfies FeatureManifest<'resolution'>;
