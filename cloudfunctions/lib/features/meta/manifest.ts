import { contracts } from '../../../../miniprogram/core/contracts';
import { bindPublic } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { describeActions } from './describe';

export const metaManifest = {
  name: 'meta',
  actions: {
    'meta.describe': bindPublic(contracts['meta.describe'], describeActions),
  },
  collections: {},
} satisfies FeatureManifest<'meta'>;
