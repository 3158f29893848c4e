import type { NoticeSpec } from '../../kernel/feature';

/** The volunteer hears when a certificate is issued to them or revoked (in-app only). */
export const CERTIFICATE_NOTICES = {
  'hours.certificateIssued': { audience: 'resident' },
  'hours.certificateRevoked': { audience: 'resident' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof CERTIFICATE_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}
