/**
 * report.issue's prefetch copies the first page of the features' monthly-report reads
 * (report/issue-report.ts): a hook that asks otherwise would read for itself again, correct
 * but a round-trip dearer. This says which part no hook took any more.
 */
import { createHarness, key, type Harness } from '../../../../support/harness';
import { prefetchTaken } from '../../../../support/prefetch-taken';

const DEC_1 = Date.UTC(2026, 10, 30, 16, 30); // 2026-12-01 00:30 Beijing

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

test('issuing a month takes every part read with the record', async () => {
  h.clock.set(DEC_1);
  expect(await prefetchTaken(() => h.ok('demo-admin', 'report.issue', { month: '2026-11' }, key()))).toEqual([
    'concerns', 'disclosureDues', 'hourEntries', 'insightCases', 'meetings', 'reports',
  ]);
});
