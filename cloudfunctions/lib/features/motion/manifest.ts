/**
 * motion: manifest. PLACEHOLDER while the feature is built: each action below is bound to
 * `notBuilt` until its use case lands; the lead removes `notBuilt` before merging to main.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { AppError } from '../../../../miniprogram/core/errors';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';

const notBuilt = async (): Promise<never> => {
  throw new AppError('INTERNAL', '功能建设中');
};

export const motionManifest = {
  name: 'motion',
  actions: {
    'motion.propose': bind(contracts['motion.propose'], notBuilt),
    'motion.support': bind(contracts['motion.support'], notBuilt),
    'motion.list': bind(contracts['motion.list'], notBuilt),
    'motion.get': bind(contracts['motion.get'], notBuilt),
    'motion.answer': bind(contracts['motion.answer'], notBuilt),
    'motion.settings': bind(contracts['motion.settings'], notBuilt),
    'motion.configure': bind(contracts['motion.configure'], notBuilt),
  },
  collections: {},
} satisfies FeatureManifest<'motion'>;
