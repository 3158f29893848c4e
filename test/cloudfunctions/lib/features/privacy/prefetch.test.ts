/**
 * privacy.export's prefetch copies the first page each chained hook asks (privacy/export.ts):
 * a hook that asks otherwise would be read from the database again, correct but a round-trip
 * dearer per step of its chain. This says which part no hook took any more.
 */
import { createHarness, type Harness } from '../../../../support/harness';
import { prefetchTaken } from '../../../../support/prefetch-taken';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

test('the export takes every part read with the record', async () => {
  expect(await prefetchTaken(() => h.ok('demo-resident-1', 'privacy.export', {}))).toEqual([
    'ballots', 'meetingAttendance', 'meetingAttendance', 'meetingProxies', 'meetingProxies', 'meetingRegistrations', 'signups', 'teamMembers',
  ]);
});
