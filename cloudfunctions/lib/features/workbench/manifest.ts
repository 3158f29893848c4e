/**
 * workbench: manifest. 今日待办 owns no records: it reads every feature's `today` hook.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { getToday } from './get-today';
import { prefetchToday } from './prefetch';

export const workbenchManifest = {
  name: 'workbench',
  actions: {
    'workbench.today': bind(contracts['workbench.today'], getToday, { prefetch: prefetchToday }),
  },
  collections: {},
  rateLimits: {
    // Read when the workbench shows and for the tab badge: a person's pace, not a script's.
    'workbench.today': [{ limit: 120, windowSeconds: 3600 }],
  },
} satisfies FeatureManifest<'workbench'>;
