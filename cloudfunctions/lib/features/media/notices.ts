import type { NoticeSpec } from '../../kernel/feature';

/** Every kind of message this feature sends, who reads it and the subscription template it may push as. */
export const MEDIA_NOTICES = {
  'media.rejected': { audience: 'resident' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof MEDIA_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}
