import type { NoticeSpec } from '../../kernel/feature';

/** Every kind of message this feature sends, who reads it and the subscription template it may push as. */
export const MEMBER_NOTICES = {
  'binding.review': { audience: 'staff', template: 'staffTask' },
  'binding.approved': { audience: 'resident', template: 'bindingResult' },
  'binding.rejected': { audience: 'resident', template: 'bindingResult' },
  'binding.expired': { audience: 'resident', template: 'bindingResult' },
  // A housemate moved out or was removed; and the one staff removed.
  'member.householdLeft': { audience: 'resident' },
  'member.removed': { audience: 'resident', template: 'bindingResult' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof MEMBER_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}
