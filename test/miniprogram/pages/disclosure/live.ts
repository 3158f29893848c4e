/**
 * The residents' 居务公开 pages against the real backend (in memory, the demo community, with a
 * committee whose 主任 is 马大爷 and last quarter's finances published): what the server answers
 * is what the pages were written for. One page per test file (see harness.ts loadPage).
 */
import { deserialize, serialize } from 'node:v8';
import { setTransport } from '../../../../miniprogram/services/api';
import type { Envelope } from '../../../../miniprogram/core/envelope';
import { createHarness, key, member, type Harness } from '../../../support/harness';
import { flush } from '../../harness';

// The store copies records with structuredClone, which Node has and jsdom (the pages' test
// environment) does not: give it Node's own algorithm.
const g = globalThis as { structuredClone?: <T>(v: T) => T };
g.structuredClone ??= <T>(v: T): T => deserialize(serialize(v)) as T;

export interface Live {
  h: Harness;
  itemId: string;
  /** The pages talk to the harness's api as `openid`, over JSON like the gateway. */
  as(openid: string): void;
}

/** Several round trips (the page, then media, then the component's own call) to settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await flush();
}

export async function liveBackend(): Promise<Live> {
  const h = await createHarness();
  await h.ok('demo-admin', 'supervision.appoint', {
    chosenBy: 'residentsMeeting',
    startsOn: '2026-11-28',
    endsOn: '2029-11-27',
    members: [
      { memberId: member('demo-resident-2'), name: '马大爷', position: 'chair' },
      { name: '郑小红', position: 'member' },
    ],
  });
  const drafted = await h.ok<{ itemId: string; draft: { draftVersion: number } }>('demo-admin', 'disclosure.draft', {
    categoryKey: 'finance',
    title: '2026年第三季度财务收支',
    period: { kind: 'quarter', year: 2026, quarter: 3 },
    body: '本季度收支情况如下。',
    finance: { openingFen: 100_000, income: [{ label: '停车位租金', amountFen: 50_000 }], expense: [{ label: '绿化养护', amountFen: 30_000 }], closingFen: 120_000 },
  }, key());
  const itemId = drafted.itemId;
  await h.ok('demo-admin', 'disclosure.publish', { itemId, draftVersion: drafted.draft.draftVersion });
  return {
    h,
    itemId,
    as(openid) {
      setTransport({ send: async (event) => JSON.parse(JSON.stringify(await h.api(JSON.parse(JSON.stringify(event)), { openid }))) as Envelope<unknown> });
    },
  };
}

