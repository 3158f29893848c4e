/**
 * 定期评事 in the sweep: from the 1st of a month (Beijing time) each active community gets
 * the report of the month before, once. Every run checks with one read per hundred
 * communities which are still missing and issues at most ISSUE_PER_RUN of them, so a large
 * subdistrict is covered over a few runs of the timer; a sweep that missed the 1st catches up.
 */
import type { Deps } from '../../kernel/deps';
import type { FeatureRegistry } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { reportIdFor } from './ids';
import { issueMonth, SWEEP_ISSUER } from './issue';
import { monthSpan, previousMonth } from '../../kernel/months';
import { budgetLeft } from '../../kernel/sweep-budget';

// Measured (npm run bench, part f): one community's report at 10k concerns takes about 7 s of
// reads. At most two a run, and each only while the job's round-trip budget has room for
// one (REPORT_TRIPS): a report is made whole or not at all, so one that does not fit waits
// for the next run, which finds it still missing; ten communities are issued within the
// first hour of the 1st on a 5-minute timer.
const ISSUE_PER_RUN = 2;
/** Round-trips one community's report takes (bench part g: about 60 at 2k concerns a month). */
const REPORT_TRIPS = 80;
const MAX_COMMUNITY_PAGES = 10;

export async function issueMonthlyReports(deps: Deps, now: number, features: FeatureRegistry): Promise<{ month: string; issued: number }> {
  const month = previousMonth(now);
  const { end } = monthSpan(month);
  let issued = 0;
  let after: string | undefined;
  for (let page = 0; page < MAX_COMMUNITY_PAGES && issued < ISSUE_PER_RUN && budgetLeft(deps.store) >= REPORT_TRIPS; page += 1) {
    const batch = await deps.store.query('communities', { where: { active: true }, orderBy: { field: 'name', dir: 'asc' }, limit: 100, after });
    // A community opened after the month ended has nothing to report for it.
    const candidates = batch.items.filter((c) => c.createdAt < end);
    const have = new Set((await deps.store.getMany('reports', candidates.map((c) => reportIdFor(c._id, month)))).map((r) => r._id));
    for (const c of candidates) {
      if (issued >= ISSUE_PER_RUN || budgetLeft(deps.store) < REPORT_TRIPS) return { month, issued };
      if (have.has(reportIdFor(c._id, month))) continue;
      const { created } = await issueMonth(new ScopedStore(deps.store, c._id), features, month, now, { caller: 'system', name: SWEEP_ISSUER });
      if (created) issued += 1;
    }
    after = batch.next;
    if (!after) break;
  }
  return { month, issued };
}
