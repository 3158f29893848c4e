import type { Notifier } from '../../ports/platform';
import { disclosurePage, type DisclosureNoticeKind } from './notices';

export interface Message {
  to: readonly (string | null)[];
  kind: DisclosureNoticeKind;
  title: string;
  body: string;
}

/** Each recipient once per step: the message id derives from the step's event, so a retry sends nothing twice. */
export async function tell(notifier: Notifier, communityId: string, itemId: string | null, stepId: string, m: Message): Promise<void> {
  const seen = new Set<string>();
  for (const to of m.to) {
    if (!to || seen.has(to)) continue;
    seen.add(to);
    await notifier.notify({ id: `${stepId}:to:${to}`, communityId, recipientId: to, kind: m.kind, title: m.title, body: m.body, page: disclosurePage(m.kind, itemId) });
  }
}
