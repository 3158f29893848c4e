import type { Deps } from '../kernel/deps';
import { rollSlots, runBookingClocks } from './booking-clocks';
import { runConcernClocks } from './concern-clocks';
import { expireBindingRequests } from './expire-binding-requests';
import { sendOutbox } from './send-outbox';
import { pollVerdicts } from '../features/media/verdicts';
import { carryOutDeletions } from '../features/privacy/deletion';

export interface SweepReport {
  startedAt: number;
  jobs: Record<string, unknown>;
  failed: string[];
}

/** Every timed job, each bounded so one run fits the function's time limit. */
const JOBS: Record<string, (deps: Deps, now: number) => Promise<unknown>> = {
  concernClocks: (deps, now) => runConcernClocks(deps, now, { pages: 10 }),
  expireBindingRequests: (deps, now) => expireBindingRequests(deps, now, { pages: 10 }),
  bookingClocks: (deps, now) => runBookingClocks(deps, now, { pages: 10 }),
  rollSlots: (deps, now) => rollSlots(deps, now, { services: 50 }),
  mediaVerdicts: (deps, now) => pollVerdicts(deps, now, { items: 100 }),
  deletions: (deps, now) => carryOutDeletions(deps, now, { members: 20 }),
  // Last, so messages the jobs above just wrote go out in the same run.
  sendOutbox: (deps, now) => sendOutbox(deps, deps.sender, now, { messages: 100 }),
};

/**
 * Runs every job; one failing job does not stop the others. Jobs are idempotent, so a
 * rerun or an overlapping run (timer plus manual) changes nothing twice.
 */
export async function runSweep(deps: Deps): Promise<SweepReport> {
  const startedAt = deps.clock.now();
  const report: SweepReport = { startedAt, jobs: {}, failed: [] };
  for (const [name, job] of Object.entries(JOBS)) {
    try {
      report.jobs[name] = await job(deps, startedAt);
    } catch (err) {
      report.failed.push(name);
      deps.log.error({ job: name, error: err instanceof Error ? err.message : 'non-error thrown' });
    }
  }
  deps.log.info({ action: 'sweep', role: 'system', code: report.failed.length ? 'PARTIAL' : 'OK', ms: deps.clock.now() - startedAt, jobs: report.jobs });
  return report;
}
