/** supervision: manifest. 居务监督委员会 — its terms, members and how they were chosen. */
import { contracts } from '../../../../miniprogram/core/contracts';
import { AppError } from '../../../../miniprogram/core/errors';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { SUPERVISION_EVENTS } from './events';
import { SUPERVISION_NOTICES } from './notices';

// Placeholder while the feature is being built: every action answers INTERNAL.
const notBuilt = async (): Promise<never> => {
  throw new AppError('INTERNAL', '尚未实现');
};

export const supervisionManifest = {
  name: 'supervision',
  actions: {
    'supervision.committee': bind(contracts['supervision.committee'], notBuilt),
    'supervision.appoint': bind(contracts['supervision.appoint'], notBuilt),
  },
  collections: {
    committeeTerms: { indexes: [['communityId', 'startsOn', '_id']], holds: 'shared' },
  },
  notices: SUPERVISION_NOTICES,
  events: SUPERVISION_EVENTS,
} satisfies FeatureManifest<'supervision'>;
