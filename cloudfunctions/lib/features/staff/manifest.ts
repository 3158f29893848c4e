import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { prefetchAway, setAway } from './set-away';
import { STAFF_EVENTS } from './events';
export const staffManifest = {
  name: 'staff',
  actions: {
    'staff.setAway': bind(contracts['staff.setAway'], setAway, { prefetch: prefetchAway }),
  },
  collections: {},
  events: STAFF_EVENTS,
} satisfies FeatureManifest<'staff'>;
