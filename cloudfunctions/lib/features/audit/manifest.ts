import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { auditLog, prefetchLog } from './audit-log';

/** The admins' reading of the audit trail (kernel `events`, indexed there); it records nothing itself. */
export const auditManifest = {
  name: 'audit',
  actions: {
    'audit.log': bind(contracts['audit.log'], auditLog, { prefetch: prefetchLog }),
  },
  collections: {},
} satisfies FeatureManifest<'audit'>;
