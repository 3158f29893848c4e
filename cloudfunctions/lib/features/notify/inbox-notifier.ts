import type { TemplateKey } from '../../../../miniprogram/core/notify/contract';
import type { Templates } from './templates';
import type { InboxRecord } from './records';
import type { Clock, Notification, Notifier } from '../../ports/platform';
import { MAX_PAGE, type Store } from '../../ports/store';
import { Gathering, type Waiting } from '../../kernel/gathering';

/**
 * Every message enters the system here: written once (deterministic id, so a retried use
 * case inserts nothing twice) to the inbox, marked for a subscription push when its kind
 * has a configured template. The sweep's outbox sender does the pushing.
 *
 * Messages sent together (a step that tells the resident and the grid worker, a cancelled
 * activity telling each volunteer) are gathered until the event loop turns and written as
 * one insert of a list: one round-trip however many people are told.
 */
export class InboxNotifier implements Notifier {
  private readonly gathering = new Gathering<InboxRecord, void>(MAX_PAGE, (batch) => this.write(batch));

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
    const doc: InboxRecord = {
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
    };
    return this.gathering.add(doc);
  }

  private async write(batch: Waiting<InboxRecord, void>[]): Promise<void> {
    if (batch.length > 1) {
      try {
        await this.store.insertMany('inbox', batch.map((p) => p.item));
        for (const p of batch) p.resolve();
        return;
      } catch {
        // Each message then meets its own outcome, as if sent alone.
      }
    }
    await Promise.all(batch.map((p) => this.store.insert('inbox', p.item).then(() => p.resolve(), p.reject)));
  }
}
