import type { Deps } from '../kernel/deps';
import { FEATURE_REGISTRY, SWEEP_JOBS } from '../manifests';

export interface SweepReport {
  startedAt: number;
  jobs: Record<string, unknown>;
  failed: string[];
}

/**
 * Runs every feature's jobs (each bounded so one run fits the function's time limit); one failing job does not stop the others. Jobs are idempotent, so a
 * rerun or an overlapping run (timer plus manual) changes nothing twice.
 */
export async function runSweep(deps: Deps): Promise<SweepReport> {
  const startedAt = deps.clock.now();
  const report: SweepReport = { startedAt, jobs: {}, failed: [] };
  for (const [name, job] of SWEEP_JOBS) {
    try {
      report.jobs[name] = await job(deps, startedAt, FEATURE_REGISTRY);
    } catch (err) {
      report.failed.push(name);
      deps.log.error({ job: name, error: err instanceof Error ? err.message : 'non-error thrown' });
    }
  }
  deps.log.info({ action: 'sweep', role: 'system', code: report.failed.length ? 'PARTIAL' : 'OK', ms: deps.clock.now() - startedAt, jobs: report.jobs });
  return report;
}
