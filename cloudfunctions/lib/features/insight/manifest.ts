/**
 * insight: manifest. 社情民意 (the overview and its drill-downs), the 未诉先办 cluster rule in
 * the sweep and its cases, the community's 每月一题; rows of 今日待办 and a part of the
 * monthly report. Other features add topics (a visit's) through their manifest's `topics`.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { insightCases } from './cases';
import { closeCase } from './close-case';
import { clusterSweep } from './cluster';
import { decideCase } from './decide-case';
import { insightDrill } from './drill';
import { INSIGHT_EVENTS } from './events';
import { monthlyTopic, recordMilestone, setMonthlyTopic } from './monthly-topic';
import { INSIGHT_NOTICES } from './notices';
import { insightOverview } from './overview';
import { insightMonthlyReport } from './report';
import { insightSettings } from './settings';
import { insightToday } from './today';

export const insightManifest = {
  name: 'insight',
  actions: {
    'insight.overview': bind(contracts['insight.overview'], insightOverview),
    'insight.drill': bind(contracts['insight.drill'], insightDrill),
    'insight.cases': bind(contracts['insight.cases'], insightCases),
    'insight.decideCase': bind(contracts['insight.decideCase'], decideCase),
    'insight.closeCase': bind(contracts['insight.closeCase'], closeCase),
    'insight.settings': bind(contracts['insight.settings'], insightSettings),
    'insight.setMonthlyTopic': bind(contracts['insight.setMonthlyTopic'], setMonthlyTopic),
    'insight.monthlyTopic': bind(contracts['insight.monthlyTopic'], monthlyTopic),
    'insight.recordMilestone': bind(contracts['insight.recordMilestone'], recordMilestone),
  },
  collections: {
    insightCases: {
      indexes: [
        ['communityId', 'state', 'proposedAt', '_id'],
        ['communityId', 'gridId', 'state', 'proposedAt', '_id'],
        // 今日待办: accepted tasks by due date.
        ['communityId', 'state', 'taskDueAt', '_id'],
        ['communityId', 'gridId', 'state', 'taskDueAt', '_id'],
        // The monthly report: cases by when they were proposed.
        ['communityId', 'proposedAt', '_id'],
      ],
      holds: 'shared',
    },
    // ['communityId', '_id']: what a community's backup pages them by.
    insightClusters: { indexes: [['wakeAt', '_id'], ['communityId', '_id']], holds: 'bookkeeping' },
    insightSettings: { indexes: [['communityId', '_id']], holds: 'bookkeeping' },
    monthlyTopics: { indexes: [['communityId', '_id']], holds: 'shared' },
  },
  sweep: { insightClusters: (deps, now, features) => clusterSweep(deps, now, features, { communities: 50 }) },
  notices: INSIGHT_NOTICES,
  events: INSIGHT_EVENTS,
  today: insightToday,
  monthlyReport: insightMonthlyReport,
} satisfies FeatureManifest<'insight'>;
