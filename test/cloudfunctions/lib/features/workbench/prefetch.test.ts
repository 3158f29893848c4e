/**
 * 今日待办's prefetch copies each hook's query (workbench/prefetch.ts): a hook that changes
 * its query would be read from the database again, correct but a round-trip dearer. This
 * says which part no hook took any more, so the copy is brought in line.
 */
import { createHarness, type Harness } from '../../../../support/harness';
import { prefetchTaken } from '../../../../support/prefetch-taken';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

test("a grid worker's call takes every part read for a grid worker", async () => {
  expect(await prefetchTaken(() => h.ok('demo-grid-1', 'workbench.today', {}))).toEqual(['activities', 'activities', 'disclosureQuestions', 'hourEntries', 'meetingProxies', 'services']);
});

test("an admin's call takes the admin's lists and the ones everyone reads", async () => {
  expect(await prefetchTaken(() => h.ok('demo-admin', 'workbench.today', {}))).toEqual(['activities', 'activities', 'disclosureDues', 'disclosureQuestions', 'meetingProxies', 'motions', 'services']);
});
