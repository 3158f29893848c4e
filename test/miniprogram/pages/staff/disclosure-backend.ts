/**
 * The staff 居务公开 pages against the real backend: the shared harness (SQLite in memory,
 * the demo community, a manual clock) behind the page's transport, as a given demo person.
 * What the page sends goes over JSON, as it would over the wire.
 */
import { deserialize, serialize } from 'node:v8';
import { setTransport } from '../../../../miniprogram/services/api';
import type { ActionEvent, Envelope } from '../../../../miniprogram/core/envelope';
import type { ItemView } from '../../../../miniprogram/core/disclosure/contract';
import { createHarness, key, type Harness } from '../../../support/harness';

export { createHarness, key, type Harness };

// jsdom's window hides Node's structuredClone, which the store's patches use: put it back.
const host = globalThis as { structuredClone?: <T>(v: T) => T };
host.structuredClone ??= <T>(v: T): T => deserialize(serialize(v)) as T;

/** Sends the page's calls to `h` as `openid`; returns every event sent, in order. */
export function pagesAs(h: Harness, openid: string): ActionEvent[] {
  const sent: ActionEvent[] = [];
  setTransport({
    send: async (event) => {
      sent.push(event);
      const answer = await h.api(JSON.parse(JSON.stringify(event)), { openid });
      return JSON.parse(JSON.stringify(answer)) as Envelope<unknown>;
    },
  });
  return sent;
}

/** The quarter before the harness clock's (T0 is late November 2026): the third. */
export const Q3 = { kind: 'quarter', year: 2026, quarter: 3 } as const;

/** A reconciling third-quarter finance draft made by the demo admin. */
export async function financeDraft(h: Harness, over: Record<string, unknown> = {}): Promise<ItemView> {
  return h.ok<ItemView>('demo-admin', 'disclosure.draft', {
    categoryKey: 'finance',
    title: '2026年第三季度社区财务收支',
    period: Q3,
    body: '本季度收支情况如下。',
    finance: { openingFen: 1_000_000, income: [{ label: '上级补助', amountFen: 500_000 }], expense: [{ label: '保洁费', amountFen: 300_000 }], closingFen: 1_200_000 },
    attachments: [],
    links: [],
    ...over,
  }, key());
}

export async function publish(h: Harness, item: ItemView): Promise<ItemView> {
  return h.ok<ItemView>('demo-admin', 'disclosure.publish', { itemId: item.itemId, draftVersion: item.draft?.draftVersion ?? 0 });
}
