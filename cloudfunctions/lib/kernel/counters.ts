import type { Doc } from '../ports/store';

/** A number that only grows: the day's concern numbers, seed marks. */
export interface CounterRecord extends Doc {
  communityId: string;
  value: number;
}

declare module '../ports/store' {
  interface CollectionRecords {
    counters: CounterRecord;
  }
}
