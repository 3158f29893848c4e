/**
 * resolution: manifest. PLACEHOLDER while the feature is built: each action below is bound to
 * `notBuilt` until its use case lands; the lead removes `notBuilt` before merging to main.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { AppError } from '../../../../miniprogram/core/errors';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';

const notBuilt = async (): Promise<never> => {
  throw new AppError('INTERNAL', '功能建设中');
};

export const resolutionManifest = {
  name: 'resolution',
  actions: {
    'resolution.list': bind(contracts['resolution.list'], notBuilt),
    'resolution.get': bind(contracts['resolution.get'], notBuilt),
    'resolution.progress': bind(contracts['resolution.progress'], notBuilt),
    'resolution.reassign': bind(contracts['resolution.reassign'], notBuilt),
    'resolution.recordStage': bind(contracts['resolution.recordStage'], notBuilt),
  },
  collections: {},
} satisfies FeatureManifest<'resolution'>;
