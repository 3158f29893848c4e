import type { TemplateKey } from '../../../../miniprogram/core/notify/contract';
import type { Templates } from './templates';
import type { InboxRecord } from './records';
import type { Clock, Notification, Notifier } from '../../ports/platform';
import type { Store } from '../../ports/store';

/**
 * Every message enters the system here: written once (deterministic id, so a retried use
 * case inserts nothing twice) to the inbox, marked for a subscription push when its kind
 * has a configured template. The sweep's outbox sender does the pushing.
 */
export class InboxNotifier implements Notifier {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly templates: Templates,
    /** Which template a kind may push as: each feature's notices, gathered by the manifests. */
    private readonly templateFor: (kind: string) => TemplateKey | undefined,
  ) {}

  async notify(message: Notification): Promise<void> {
    const key = this.templateFor(message.kind);
    const pushable = key !== undefined && this.templates[key] !== undefined && !message.recipientId.startsWith('admins:');
    const now = this.clock.now();
    await this.store.insert('inbox', {
      _id: message.id,
      communityId: message.communityId,
      recipientId: message.recipientId,
      kind: message.kind,
      title: message.title,
      body: message.body,
      page: message.page ?? null,
      read: false,
      createdAt: now,
      pushStatus: pushable ? 'pending' : 'none',
      templateKey: pushable ? key : null,
      pushDueAt: pushable ? now : null,
      pushAttempts: 0,
      pushError: null,
      sentAt: null,
    } satisfies InboxRecord);
  }
}
