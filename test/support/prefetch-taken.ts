/**
 * The collections whose prefetched pages a call took (kernel/prefetched-store.ts), one entry
 * per page: for the tests that keep an action's copied prefetch in line with the reads it
 * stands in for (a part nobody takes is a round-trip paid again, silently).
 */
import { PrefetchedStore } from '../../cloudfunctions/lib/kernel/prefetched-store';

export async function prefetchTaken(call: () => Promise<unknown>): Promise<string[]> {
  const taken: string[] = [];
  const proto = PrefetchedStore.prototype as unknown as { take(collection: string, key: string): unknown };
  const take = proto.take;
  const spy = jest.spyOn(proto, 'take').mockImplementation(function (this: unknown, collection: string, key: string) {
    const page = take.call(this, collection, key);
    if (page) taken.push(collection);
    return page;
  });
  try {
    await call();
  } finally {
    spy.mockRestore();
  }
  return taken.sort();
}
