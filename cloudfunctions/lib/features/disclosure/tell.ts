import type { Notifier } from '../../ports/platform';
import { disclosurePage, type DisclosureNoticeKind } from './notices';

export interface Message {
  to: readonly (string | null)[];
  kind: DisclosureNoticeKind;
  title: string;
  body: string;
}

/**
 * Each recipient once per step: the message id derives from the step's event, so a retry
 * sends nothing twice. The messages go out side by side (each its own write, one wait).
 */
export async function tell(notifier: Notifier, communityId: string, itemId: string | null, stepId: string, m: Message): Promise<void> {
  const to = [...new Set(m.to.filter((r): r is string => !!r))];
  await Promise.all(to.map((r) => notifier.notify({ id: `${stepId}:to:${r}`, communityId, recipientId: r, kind: m.kind, title: m.title, body: m.body, page: disclosurePage(m.kind, itemId) })));
}
