import type { Store } from '../ports/store';
import type { Notification, Notifier } from '../ports/platform';
import type { Clock } from '../ports/platform';

/**
 * Writes every notification to the in-app inbox. The message id is deterministic, so a
 * retried use case inserts nothing twice. Subscription-message delivery hangs off the same
 * records (outbox), so this is also the single place messages enter the system.
 */
export class InboxNotifier implements Notifier {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  async notify(message: Notification): Promise<void> {
    await this.store.insert('inbox', {
      _id: message.id,
      communityId: message.communityId,
      recipientId: message.recipientId,
      kind: message.kind,
      title: message.title,
      body: message.body,
      page: message.page ?? null,
      read: false,
      createdAt: this.clock.now(),
    });
  }
}
