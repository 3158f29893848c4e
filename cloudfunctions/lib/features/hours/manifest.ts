import { contracts } from '../../../../miniprogram/core/contracts';
import { bind, bindPublic } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { issueCertificate } from './issue-certificate';
import { listCertificates } from './list-certificates';
import { revokeCertificate } from './revoke-certificate';
import { verifyCertificate } from './verify-certificate';
import { exportSheet } from './export';
import { CERTIFICATE_EVENTS } from './certificate-events';
import { CERTIFICATE_NOTICES } from './certificate-notices';
import { certificatePersonalData } from './certificate-personal-data';
import { BORROWED_COLLECTIONS } from './until-merge-collections';

const HOUR = 3600;
/**
 * 志愿服务时长: on this branch only the certificate section (志愿服务记录证明, the public
 * verify, the subdistrict's sheets); the ledger's actions join this manifest at merge.
 */
export const hoursManifest = {
  name: 'hours',
  actions: {
    'hours.certificate': bind(contracts['hours.certificate'], issueCertificate),
    'hours.certificates': bind(contracts['hours.certificates'], listCertificates),
    'hours.revokeCertificate': bind(contracts['hours.revokeCertificate'], revokeCertificate),
    'hours.verifyCertificate': bindPublic(contracts['hours.verifyCertificate'], verifyCertificate),
    'hours.export': bind(contracts['hours.export'], exportSheet),
  },
  collections: {
    certificates: {
      indexes: [
        ['communityId', 'memberId', 'issuedAt', '_id'],
        // The public verify: the QR's token within its community.
        ['communityId', 'verifyToken', '_id'],
        ['communityId', 'issuedAt', '_id'],
      ],
      holds: 'personal',
    },
    ...BORROWED_COLLECTIONS,
  },
  rateLimits: {
    'hours.export': [{ limit: 30, windowSeconds: HOUR }],
    'hours.certificate': [{ limit: 60, windowSeconds: HOUR }],
  },
  notices: CERTIFICATE_NOTICES,
  events: CERTIFICATE_EVENTS,
  personalData: certificatePersonalData,
} satisfies FeatureManifest<'hours'>;
