/**
 * privacy.export's prefetch copies the first page each chained hook asks (privacy/export.ts):
 * a hook that asks otherwise would be read from the database again, correct but a round-trip
 * dearer per step of its chain. This says which part no hook took any more.
 */
import { PrefetchedStore } from '../../../../../cloudfunctions/lib/kernel/prefetched-store';
import { createHarness, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

test('the export takes every part read with the record', async () => {
  const taken: string[] = [];
  const proto = PrefetchedStore.prototype as unknown as { take(collection: string, key: string): unknown };
  const take = proto.take;
  const spy = jest.spyOn(proto, 'take').mockImplementation(function (this: unknown, collection: string, key: string) {
    const page = take.call(this, collection, key);
    if (page) taken.push(collection);
    return page;
  });
  try {
    await h.ok('demo-resident-1', 'privacy.export', {});
  } finally {
    spy.mockRestore();
  }
  expect(taken.sort()).toEqual(['ballots', 'meetingAttendance', 'meetingAttendance', 'meetingProxies', 'meetingProxies', 'meetingRegistrations', 'signups', 'teamMembers']);
});
