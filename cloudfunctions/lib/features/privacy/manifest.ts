import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { setPhone } from './phone';
import { exportMyData, prefetchExport } from './export';
import { cancelDeletion, carryOutDeletions, requestDeletion } from './deletion';
import { PRIVACY_EVENTS } from './events';

const DAY = 24 * 3600;
export const privacyManifest = {
  name: 'privacy',
  actions: {
    'privacy.setPhone': bind(contracts['privacy.setPhone'], setPhone),
    'privacy.export': bind(contracts['privacy.export'], exportMyData, { prefetch: prefetchExport }),
    'privacy.requestDeletion': bind(contracts['privacy.requestDeletion'], requestDeletion),
    'privacy.cancelDeletion': bind(contracts['privacy.cancelDeletion'], cancelDeletion),
  },
  collections: {},
  rateLimits: { 'privacy.export': [{ limit: 3, windowSeconds: DAY }] },
  sweep: { deletions: (deps, now, features) => carryOutDeletions(deps, now, features, { members: 20 }) },
  events: PRIVACY_EVENTS,
} satisfies FeatureManifest<'privacy'>;
