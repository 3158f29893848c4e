/**
 * 今日待办's prefetch copies each hook's query (workbench/prefetch.ts): a hook that changes
 * its query would be read from the database again, correct but a round-trip dearer. This
 * says which part no hook took any more, so the copy is brought in line.
 */
import { PrefetchedStore } from '../../../../../cloudfunctions/lib/kernel/prefetched-store';
import { createHarness, type Harness } from '../../../../support/harness';

/** The collections whose prefetched pages a call took, one entry per page. */
async function served(h: Harness, openid: string, action: string): Promise<string[]> {
  const taken: string[] = [];
  const proto = PrefetchedStore.prototype as unknown as { take(collection: string, key: string): unknown };
  const take = proto.take;
  const spy = jest.spyOn(proto, 'take').mockImplementation(function (this: unknown, collection: string, key: string) {
    const page = take.call(this, collection, key);
    if (page) taken.push(collection);
    return page;
  });
  try {
    await h.ok(openid, action, {});
  } finally {
    spy.mockRestore();
  }
  return taken.sort();
}

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

test("a grid worker's call takes every part read for a grid worker", async () => {
  expect(await served(h, 'demo-grid-1', 'workbench.today')).toEqual(['activities', 'activities', 'disclosureQuestions', 'hourEntries', 'meetingProxies', 'services']);
});

test("an admin's call takes the admin's lists and the ones everyone reads", async () => {
  expect(await served(h, 'demo-admin', 'workbench.today')).toEqual(['activities', 'activities', 'disclosureDues', 'disclosureQuestions', 'meetingProxies', 'motions', 'services']);
});
