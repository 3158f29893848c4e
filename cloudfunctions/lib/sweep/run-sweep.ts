import type { Deps } from '../kernel/deps';
import { FEATURE_REGISTRY, SWEEP_JOBS } from '../manifests';
import { BudgetStore } from '../kernel/sweep-budget';

export interface SweepReport {
  startedAt: number;
  jobs: Record<string, unknown>;
  failed: string[];
}

/**
 * Round-trips one run may spend through the store, and one job of it. Measured (npm run
 * bench, part g, 100k open concerns and 10k due bookings): without it one run handled 500
 * concerns and 500 bookings in about 6,000 round-trips, 95 s at 10 ms a read, 15 ms a write
 * and 30 ms a commit. With it a run handles about 70 concerns and 75 bookings and models at
 * 16–18.4 s, inside the function's 20 s (the deploy plan's sweep timeout). A notice goes
 * through the notifier's own store and is charged one write here. A job's share lets four jobs with a backlog each
 * have a turn every run.
 */
export const SWEEP_BUDGET = { run: 1200, job: 300, tail: 250 };

/**
 * The jobs the last `tail` round-trips of every run are kept for: the month's reports and
 * the outbox, last in the order, would otherwise wait behind a backlog of clocks for hours
 * (bench part g: a notice is charged to the run, so the clocks alone can spend a run).
 */
const TAIL_JOBS = new Set(['monthlyReports', 'sendOutbox']);

/**
 * Runs every feature's jobs (each bounded so one run fits the function's time limit); one failing job does not stop the others. Jobs are idempotent, so a
 * rerun or an overlapping run (timer plus manual) changes nothing twice. Jobs that page by
 * `wakeAt` stop when the run's round-trip budget is spent and resume on the next run.
 */
export async function runSweep(deps: Deps, options: { budget?: { run: number; job: number; tail?: number }; afterJob?: (name: string, result: unknown) => void } = {}): Promise<SweepReport> {
  const startedAt = deps.clock.now();
  const budget = options.budget ?? SWEEP_BUDGET;
  const store = new BudgetStore(deps.store, budget.run);
  // A notice is one insert through the notifier's own store: the budget pays for it too.
  const notifier: Deps['notifier'] = { notify: (message) => (store.charge(1), deps.notifier.notify(message)) };
  const budgeted: Deps = { ...deps, store, notifier };
  const report: SweepReport = { startedAt, jobs: {}, failed: [] };
  for (const [name, job] of SWEEP_JOBS) {
    store.startJob(budget.job, TAIL_JOBS.has(name) ? 0 : budget.tail ?? 0);
    try {
      report.jobs[name] = await job(budgeted, startedAt, FEATURE_REGISTRY);
    } catch (err) {
      report.failed.push(name);
      deps.log.error({ job: name, error: err instanceof Error ? err.message : 'non-error thrown' });
    }
    options.afterJob?.(name, report.jobs[name]);
  }
  deps.log.info({ action: 'sweep', role: 'system', code: report.failed.length ? 'PARTIAL' : 'OK', ms: deps.clock.now() - startedAt, trips: store.trips, jobs: report.jobs });
  return report;
}
