import type { NoticeSpec } from '../../kernel/feature';

/** Messages of the ledger: disputes to staff (and their lateness), decisions to the volunteer. */
export const HOURS_NOTICES = {
  'hours.disputed': { audience: 'staff' },
  'hours.disputeLate': { audience: 'staff' },
  'hours.disputeAnswered': { audience: 'resident' },
  'hours.declined': { audience: 'resident' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof HOURS_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}
