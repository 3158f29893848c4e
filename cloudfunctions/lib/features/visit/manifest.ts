/**
 * visit: manifest. 走访 / 党员问事 — the visit log (a visit that needs action files a concern
 * through the 代办 intake), coverage per grid and month, care flags, the grid worker's
 * households due a contact on 今日待办, and the report's 'visits' part.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { VISIT_EVENTS } from './events';
import { listVisits, prefetchVisits } from './list-visits';
import { logVisit } from './log-visit';
import { visitPersonalData } from './personal-data';
import { visitReport } from './report';
import { setCare } from './set-care';
import { visitToday } from './today';
import { visitTopics } from './topics';
import { prefetchCoverage, visitCoverage } from './visit-coverage';

const HOUR = 3600;
const DAY = 24 * HOUR;

export const visitManifest = {
  name: 'visit',
  actions: {
    'visit.log': bind(contracts['visit.log'], logVisit),
    'visit.list': bind(contracts['visit.list'], listVisits, { prefetch: prefetchVisits }),
    'visit.coverage': bind(contracts['visit.coverage'], visitCoverage, { prefetch: prefetchCoverage }),
    'visit.setCare': bind(contracts['visit.setCare'], setCare),
  },
  collections: {
    visits: {
      indexes: [
        ['communityId', 'householdId', 'visitedAt', '_id'],
        ['communityId', 'gridId', 'month', 'visitedAt', '_id'],
        // Coverage and 今日待办: a grid's visits within the look-back.
        ['communityId', 'gridId', 'visitedAt', '_id'],
        // 下载我的数据 and erasure: the visits a staff member logged.
        ['communityId', 'loggedById', 'visitedAt', '_id'],
        // 社情民意: the topics of a span of days.
        ['communityId', 'visitedAt', '_id'],
      ],
      holds: 'personal',
    },
    householdCare: {
      indexes: [['communityId', 'buildingId', 'flagged', '_id'], ['communityId', 'updatedById', 'updatedAt', '_id']],
      holds: 'personal',
    },
  },
  // Each log is a content check and may file a concern: a busy day of door-to-door is far below this.
  rateLimits: { 'visit.log': [{ limit: 60, windowSeconds: HOUR }, { limit: 300, windowSeconds: DAY }] },
  events: VISIT_EVENTS,
  personalData: visitPersonalData,
  today: visitToday,
  monthlyReport: visitReport,
  topics: visitTopics,
} satisfies FeatureManifest<'visit'>;
