/** notice: manifest. 社区公告 on residents' home page, pinned first, gone at expiry. */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { NOTICE_EVENTS } from './events';
import { listNotices } from './list-notices';
import { publishNotice } from './publish-notice';
import { withdrawNotice } from './withdraw-notice';

const HOUR = 3600;

export const noticeManifest = {
  name: 'notice',
  actions: {
    'notice.list': bind(contracts['notice.list'], listNotices),
    'notice.publish': bind(contracts['notice.publish'], publishNotice),
    'notice.withdraw': bind(contracts['notice.withdraw'], withdrawNotice),
  },
  collections: {
    notices: {
      indexes: [
        // The home page: published ones of the last MAX_NOTICE_DAYS, pinned and the others, newest first.
        ['communityId', 'status', 'pinned', 'publishedAt', '_id'],
        // Staff: every notice, newest first.
        ['communityId', 'publishedAt', '_id'],
      ],
      holds: 'shared',
    },
  },
  rateLimits: {
    // Each one goes on every resident's home page: a burst is a mistake or a stolen phone.
    'notice.publish': [{ limit: 20, windowSeconds: HOUR }],
  },
  events: NOTICE_EVENTS,
} satisfies FeatureManifest<'notice'>;
