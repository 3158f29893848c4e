import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { listInbox, markRead, unreadCount } from './inbox';
import { recordConsent, templatesFor } from './consent';
import { notifyPersonalData } from './personal-data';
import { sendOutbox } from './send-outbox';
export const notifyManifest = {
  name: 'notify',
  actions: {
    'notify.inbox': bind(contracts['notify.inbox'], listInbox),
    'notify.unreadCount': bind(contracts['notify.unreadCount'], unreadCount),
    'notify.markRead': bind(contracts['notify.markRead'], markRead),
    'notify.templates': bind(contracts['notify.templates'], templatesFor),
    'notify.recordConsent': bind(contracts['notify.recordConsent'], recordConsent),
  },
  collections: {
    inbox: {
      indexes: [
        ['communityId', 'recipientId', 'createdAt', '_id'],
        ['communityId', 'recipientId', 'read', 'createdAt', '_id'],
        // The outbox sender's queue.
        ['pushStatus', 'pushDueAt', '_id'],
      ],
      holds: 'personal',
    },
    // Read by community only for backups; in use always by id.
    subscriptions: { indexes: [['communityId', '_id']], holds: 'personal' },
  },
  sweep: { sendOutbox: (deps, now) => sendOutbox(deps, deps.sender, now, { messages: 100 }) },
  personalData: notifyPersonalData,
} satisfies FeatureManifest<'notify'>;
