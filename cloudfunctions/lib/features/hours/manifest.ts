/**
 * The hours ledger: what a volunteer has served, verified by the project lead; disputes and
 * the anomaly list. (The certificate and export actions are added by vol-certificate.)
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { adjustHours } from './adjust';
import { hourAnomalies } from './anomalies';
import { chaseLateDisputes } from './clocks';
import { answerDispute, disputeHours, listDisputes } from './disputes';
import { HOURS_EVENTS } from './events';
import { myHours } from './mine';
import { HOURS_NOTICES } from './notices';
import { pendingHours } from './pending';
import { hoursPersonalData } from './personal-data';
import { verifyHours } from './verify';

export const hoursManifest = {
  name: 'hours',
  actions: {
    'hours.mine': bind(contracts['hours.mine'], myHours),
    'hours.pending': bind(contracts['hours.pending'], pendingHours),
    'hours.verify': bind(contracts['hours.verify'], verifyHours),
    'hours.adjust': bind(contracts['hours.adjust'], adjustHours),
    'hours.dispute': bind(contracts['hours.dispute'], disputeHours),
    'hours.disputes': bind(contracts['hours.disputes'], listDisputes),
    'hours.answerDispute': bind(contracts['hours.answerDispute'], answerDispute),
    'hours.anomalies': bind(contracts['hours.anomalies'], hourAnomalies),
  },
  collections: {
    hourEntries: {
      indexes: [
        ['communityId', 'memberId', 'createdAt', '_id'],
        ['communityId', 'memberId', 'serviceDate', '_id'],
        ['communityId', 'status', 'createdAt', '_id'],
        ['communityId', 'leadId', 'status', 'createdAt', '_id'],
        ['communityId', 'activityId', 'status', 'createdAt', '_id'],
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
  },
  rateLimits: { 'hours.dispute': [{ limit: 20, windowSeconds: 24 * 3600 }] },
  sweep: {
    chaseLateDisputes: (deps, now) => chaseLateDisputes(deps, now, { pages: 5 }),
  },
  notices: HOURS_NOTICES,
  events: HOURS_EVENTS,
  personalData: hoursPersonalData,
} satisfies FeatureManifest<'hours'>;
