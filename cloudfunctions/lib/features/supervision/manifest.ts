/** supervision: manifest. 居务监督委员会 — its terms, members and how they were chosen. */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { appointCommittee } from './appoint-committee';
import { SUPERVISION_EVENTS } from './events';
import { getCommittee } from './get-committee';
import { SUPERVISION_NOTICES } from './notices';
import { runTermClock } from './term-clock';

const HOUR = 3600;

export const supervisionManifest = {
  name: 'supervision',
  actions: {
    'supervision.committee': bind(contracts['supervision.committee'], getCommittee),
    'supervision.appoint': bind(contracts['supervision.appoint'], appointCommittee),
  },
  collections: {
    committeeTerms: {
      indexes: [
        // The community's terms in order; the latest begun is the one that may sit.
        ['communityId', 'startsOn', '_id'],
        // termClock: terms whose first day or end has come, across communities.
        ['wakeAt', '_id'],
      ],
      holds: 'shared',
    },
  },
  rateLimits: {
    'supervision.appoint': [{ limit: 20, windowSeconds: HOUR }],
  },
  sweep: { termClock: (deps, now) => runTermClock(deps, now, { pages: 4 }) },
  notices: SUPERVISION_NOTICES,
  events: SUPERVISION_EVENTS,
} satisfies FeatureManifest<'supervision'>;
