import type { DocumentStore } from '../ports/store';
import { CountingStore } from './counting-store';

/**
 * The sweep's spending limit, in round-trips: CloudBase waits for each one in turn, so the
 * count, not this machine's clock, says whether a run fits the function's time limit. A
 * run has a total and each job a share of it, so a long backlog in one job cannot leave the
 * jobs after it (the outbox last) without a turn. Jobs that page by `wakeAt`
 * (kernel/due.ts) stop at the limit and the next run picks up where they stopped.
 */
export class BudgetStore extends CountingStore {
  private jobStart = 0;
  private jobLimit = Infinity;

  constructor(inner: DocumentStore, readonly runLimit: number) {
    super(inner);
  }

  /** A new job begins; it may spend up to `limit` of what the run has left. */
  startJob(limit: number): void {
    this.jobStart = this.trips;
    this.jobLimit = limit;
  }

  spent(): boolean {
    return this.trips >= this.runLimit || this.trips - this.jobStart >= this.jobLimit;
  }
}

/** Whether `store` is a sweep's budget and it is used up; any other store never is. */
export const budgetSpent = (store: unknown): boolean => store instanceof BudgetStore && store.spent();
