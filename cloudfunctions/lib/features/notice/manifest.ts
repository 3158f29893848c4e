/** notice: manifest. 社区公告 on residents' home page, pinned first, gone at expiry. */
import { contracts } from '../../../../miniprogram/core/contracts';
import { AppError } from '../../../../miniprogram/core/errors';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { NOTICE_EVENTS } from './events';

// Placeholder while the feature is being built: every action answers INTERNAL.
const notBuilt = async (): Promise<never> => {
  throw new AppError('INTERNAL', '尚未实现');
};

export const noticeManifest = {
  name: 'notice',
  actions: {
    'notice.list': bind(contracts['notice.list'], notBuilt),
    'notice.publish': bind(contracts['notice.publish'], notBuilt),
    'notice.withdraw': bind(contracts['notice.withdraw'], notBuilt),
  },
  collections: {
    notices: { indexes: [['communityId', 'status', 'pinned', 'publishedAt', '_id'], ['communityId', 'publishedAt', '_id']], holds: 'shared' },
  },
  events: NOTICE_EVENTS,
} satisfies FeatureManifest<'notice'>;
