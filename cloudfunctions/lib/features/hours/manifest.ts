/**
 * The hours ledger: what a volunteer has served, verified by the project lead; disputes and
 * the anomaly list; 志愿服务记录证明 issued from verified entries, its public verify, and the
 * subdistrict's sheets.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind, bindPublic } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { adjustHours } from './adjust';
import { hourAnomalies, prefetchAnomalies } from './anomalies';
import { chaseLateDisputes } from './clocks';
import { answerDispute, disputeHours, listDisputes, prefetchAnswerDispute, prefetchDisputes } from './disputes';
import { HOURS_EVENTS } from './events';
import { myHours, prefetchMyHours } from './mine';
import { HOURS_NOTICES } from './notices';
import { pendingHours } from './pending';
import { hoursPersonalData } from './personal-data';
import { verifyHours } from './verify';
import { issueCertificate, prefetchIssueCertificate } from './issue-certificate';
import { listCertificates } from './list-certificates';
import { revokeCertificate } from './revoke-certificate';
import { verifyCertificate } from './verify-certificate';
import { hoursMonthlyReport } from './monthly-report';
import { exportSheet, prefetchExport } from './export';
import { CERTIFICATE_EVENTS } from './certificate-events';
import { CERTIFICATE_NOTICES } from './certificate-notices';
import { certificatePersonalData } from './certificate-personal-data';
import type { PersonalData } from '../../kernel/feature';
import { hoursToday } from './today';

const HOUR = 3600;

/** The ledger's and the certificates' personal data, one export section each. */
const personalData: PersonalData = {
  collections: [...hoursPersonalData.collections, ...certificatePersonalData.collections],
  async export(x) {
    // Apart: side by side, so their reads gather with the other features' (one wave, not two).
    const [ledger, certificates] = await Promise.all([hoursPersonalData.export(x), certificatePersonalData.export(x)]);
    return { sections: { ...ledger.sections, ...certificates.sections }, truncated: ledger.truncated || certificates.truncated };
  },
  async erase(deps, member, anonymousId, now) {
    await hoursPersonalData.erase(deps, member, anonymousId, now);
    await certificatePersonalData.erase(deps, member, anonymousId, now);
  },
};

export const hoursManifest = {
  name: 'hours',
  actions: {
    'hours.mine': bind(contracts['hours.mine'], myHours, { prefetch: prefetchMyHours }),
    'hours.pending': bind(contracts['hours.pending'], pendingHours),
    'hours.verify': bind(contracts['hours.verify'], verifyHours),
    'hours.adjust': bind(contracts['hours.adjust'], adjustHours),
    'hours.dispute': bind(contracts['hours.dispute'], disputeHours),
    'hours.disputes': bind(contracts['hours.disputes'], listDisputes, { prefetch: prefetchDisputes }),
    'hours.answerDispute': bind(contracts['hours.answerDispute'], answerDispute, { prefetch: prefetchAnswerDispute }),
    'hours.anomalies': bind(contracts['hours.anomalies'], hourAnomalies, { prefetch: prefetchAnomalies }),
    'hours.certificate': bind(contracts['hours.certificate'], issueCertificate, { prefetch: prefetchIssueCertificate }),
    'hours.certificates': bind(contracts['hours.certificates'], listCertificates),
    'hours.revokeCertificate': bind(contracts['hours.revokeCertificate'], revokeCertificate),
    'hours.verifyCertificate': bindPublic(contracts['hours.verifyCertificate'], verifyCertificate),
    'hours.export': bind(contracts['hours.export'], exportSheet, { prefetch: prefetchExport }),
  },
  collections: {
    hourEntries: {
      indexes: [
        ['communityId', 'memberId', 'createdAt', '_id'],
        ['communityId', 'memberId', 'serviceDate', '_id'],
        ['communityId', 'status', 'createdAt', '_id'],
        ['communityId', 'leadId', 'status', 'createdAt', '_id'],
        ['communityId', 'activityId', 'status', 'createdAt', '_id'],
        // Certificates and the subdistrict's sheets read by person, team and status by date.
        ['communityId', 'memberId', 'status', 'serviceDate', '_id'],
        ['communityId', 'teamId', 'serviceDate', '_id'],
        ['communityId', 'status', 'serviceDate', '_id'],
        ['communityId', 'teamId', 'status', 'serviceDate', '_id'],
        // 定期评事: the hours verified in a month.
        ['communityId', 'status', 'decidedAt', '_id'],
      ],
      holds: 'personal',
    },
    hourDisputes: {
      indexes: [
        ['communityId', 'status', 'dueAt', '_id'],
        ['communityId', 'memberId', 'createdAt', '_id'],
        // Late answers the sweep chases.
        ['wakeAt', '_id'],
      ],
      holds: 'personal',
    },
    hourAnomalies: {
      indexes: [
        ['communityId', 'activityId', 'firstAt', '_id'],
        ['communityId', 'memberId', 'firstAt', '_id'],
      ],
      holds: 'personal',
    },
    // The daily cap's per-person day (day-cap.ts): minutes per entry, no content of its own.
    hourDays: { indexes: [['communityId', 'memberId', 'serviceDate', '_id']], holds: 'bookkeeping' },
    certificates: {
      indexes: [
        ['communityId', 'memberId', 'issuedAt', '_id'],
        // The public verify: the QR's token within its community.
        ['communityId', 'verifyToken', '_id'],
        ['communityId', 'issuedAt', '_id'],
      ],
      holds: 'personal',
    },
  },
  rateLimits: {
    'hours.dispute': [{ limit: 20, windowSeconds: 24 * HOUR }],
    'hours.export': [{ limit: 30, windowSeconds: HOUR }],
    'hours.certificate': [{ limit: 60, windowSeconds: HOUR }],
  },
  sweep: {
    chaseLateDisputes: (deps, now) => chaseLateDisputes(deps, now, { pages: 5 }),
  },
  notices: { ...HOURS_NOTICES, ...CERTIFICATE_NOTICES },
  events: { ...HOURS_EVENTS, ...CERTIFICATE_EVENTS },
  monthlyReport: (db, month) => hoursMonthlyReport(db, month),
  personalData,
  today: hoursToday,
} satisfies FeatureManifest<'hours'>;
