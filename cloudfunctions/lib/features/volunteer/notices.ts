import type { NoticeSpec } from '../../kernel/feature';

/** Every kind of message this feature sends. */
export const VOLUNTEER_NOTICES = {
  'volunteer.verified': { audience: 'resident' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof VOLUNTEER_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}
