/**
 * motion: 议题 — proposed, supported one per household or adult, past the threshold put on a
 * meeting's agenda or answered with reasons by a deadline the sweep chases.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind, type Prefetch } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { answerMotion } from './answer-motion';
import { runMotionClock } from './clock';
import { MOTION_EVENTS } from './events';
import { getMotion, prefetchMotion } from './get-motion';
import { listMotions, prefetchMotions } from './list-motions';
import { configureMotions, motionSettings } from './motion-settings';
import { MOTION_NOTICES } from './notices';
import { motionPersonalData } from './personal-data';
import { proposeMotion } from './propose-motion';
import { supportMotion } from './support-motion';
import { motionToday } from './today';

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Read with the caller's record: the motion the input names, which these handlers read first (loadVisible). */
const prefetchMotionOf: Prefetch<{ motionId: string }> = (input) => ({ motion: { collection: 'motions', id: input.motionId } });

export const motionManifest = {
  name: 'motion',
  actions: {
    'motion.propose': bind(contracts['motion.propose'], proposeMotion),
    'motion.support': bind(contracts['motion.support'], supportMotion, { prefetch: prefetchMotionOf }),
    'motion.list': bind(contracts['motion.list'], listMotions, { prefetch: prefetchMotions }),
    'motion.get': bind(contracts['motion.get'], getMotion, { prefetch: prefetchMotion }),
    'motion.answer': bind(contracts['motion.answer'], answerMotion, { prefetch: prefetchMotionOf }),
    'motion.settings': bind(contracts['motion.settings'], motionSettings),
    'motion.configure': bind(contracts['motion.configure'], configureMotions),
  },
  collections: {
    motions: {
      indexes: [
        ['communityId', 'status', 'createdAt', '_id'],
        // 我的: what I proposed; the export and erasure read it too.
        ['communityId', 'proposerId', 'createdAt', '_id'],
        // The sweep's one timer across communities.
        ['wakeAt', '_id'],
      ],
      holds: 'personal',
    },
    motionSupports: {
      indexes: [
        ['communityId', 'motionId', '_id'],
        // The sweep's recount of one motion, by time so it can go on over runs.
        ['communityId', 'motionId', 'createdAt', '_id'],
        // 我的: what my household supported; a person's export and erasure.
        ['communityId', 'householdId', 'createdAt', '_id'],
        ['communityId', 'memberId', 'createdAt', '_id'],
      ],
      holds: 'personal',
    },
    motionSettings: { indexes: [['communityId', '_id']], holds: 'shared' },
  },
  rateLimits: {
    'motion.propose': [{ limit: 10, windowSeconds: DAY }],
    'motion.support': [{ limit: 200, windowSeconds: HOUR }],
  },
  sweep: { motionClock: (deps, now) => runMotionClock(deps, now, { pages: 4 }) },
  notices: MOTION_NOTICES,
  events: MOTION_EVENTS,
  personalData: motionPersonalData,
  today: motionToday,
} satisfies FeatureManifest<'motion'>;
