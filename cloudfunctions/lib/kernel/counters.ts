import type { Doc } from '../ports/store';

/**
 * A number that only grows: seed marks, and the day's concern numbers written before
 * numbering claimed numbers one by one. A claim of kernel/numbering.ts is one too, named by
 * its number, with who claimed it and the record it numbers.
 */
export interface CounterRecord extends Doc {
  communityId: string;
  value: number;
  /** A claim's owner: the numbered record's id. */
  ownerId?: string;
  /** A claim's collection and record, for whoever finds the record missing. */
  collection?: string;
  record?: Doc;
}

declare module '../ports/store' {
  interface CollectionRecords {
    counters: CounterRecord;
  }
}
