import type { NoticeSpec } from '../../kernel/feature';

/** A member told they sit on the new committee (in the app's inbox). */
export const SUPERVISION_NOTICES = {
  'supervision.appointed': { audience: 'resident' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof SUPERVISION_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}
