import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { listCategories } from './list-categories';
import { prefetchSubmit, submitConcern } from './submit-concern';
import { fileConcernFor, prefetchFiling } from './file-for';
import { listMyConcerns } from './list-my-concerns';
import { getConcern } from './get-concern';
import { concernQueue } from './concern-queue';
import { concernCounts } from './concern-counts';
import { acceptConcern } from './accept-concern';
import { replyConcern } from './reply-concern';
import { noteConcern } from './note-concern';
import { requestInfo } from './request-info';
import { supplementConcern } from './supplement-concern';
import { transferConcern } from './transfer-concern';
import { whistleConcern } from './whistle-concern';
import { reportBack } from './report-back';
import { mergeConcern } from './merge-concern';
import { resolveConcern } from './resolve-concern';
import { rateConcern } from './rate-concern';
import { reopenConcern } from './reopen-concern';
import { withdrawConcern } from './withdraw-concern';
import { concernStats } from './concern-stats';
import { concernMonthlyReport } from './monthly-report';
import { exportArchive } from './export-archive';
import { upsertCategory } from './upsert-category';
import { urgeConcern } from './urge-concern';
import { seedDefaultCategories } from './catalogue';
import { runConcernClocks } from './clocks';
import { CONCERN_EVENTS } from './events';
import { CONCERN_NOTICES } from './notices';
import { concernPersonalData } from './personal-data';
import { concernSubjects } from './subjects';
import { handOverToHousehold } from './household-left';
import { concernToday } from './today';

const HOUR = 3600;
const DAY = 24 * HOUR;
export const concernManifest = {
  name: 'concern',
  actions: {
    'concern.categories': bind(contracts['concern.categories'], listCategories),
    'concern.submit': bind(contracts['concern.submit'], submitConcern, { prefetch: prefetchSubmit }),
    'concern.listMine': bind(contracts['concern.listMine'], listMyConcerns),
    'concern.get': bind(contracts['concern.get'], getConcern),
    'concern.queue': bind(contracts['concern.queue'], concernQueue),
    'concern.counts': bind(contracts['concern.counts'], concernCounts),
    'concern.accept': bind(contracts['concern.accept'], acceptConcern),
    'concern.reply': bind(contracts['concern.reply'], replyConcern),
    'concern.note': bind(contracts['concern.note'], noteConcern),
    'concern.requestInfo': bind(contracts['concern.requestInfo'], requestInfo),
    'concern.supplement': bind(contracts['concern.supplement'], supplementConcern),
    'concern.transfer': bind(contracts['concern.transfer'], transferConcern),
    'concern.whistle': bind(contracts['concern.whistle'], whistleConcern),
    'concern.reportBack': bind(contracts['concern.reportBack'], reportBack),
    'concern.merge': bind(contracts['concern.merge'], mergeConcern),
    'concern.resolve': bind(contracts['concern.resolve'], resolveConcern),
    'concern.rate': bind(contracts['concern.rate'], rateConcern),
    'concern.reopen': bind(contracts['concern.reopen'], reopenConcern),
    'concern.withdraw': bind(contracts['concern.withdraw'], withdrawConcern),
    'concern.stats': bind(contracts['concern.stats'], concernStats),
    'concern.export': bind(contracts['concern.export'], exportArchive),
    'concern.upsertCategory': bind(contracts['concern.upsertCategory'], upsertCategory),
    'concern.fileFor': bind(contracts['concern.fileFor'], fileConcernFor, { prefetch: prefetchFiling }),
    'concern.urge': bind(contracts['concern.urge'], urgeConcern),
  },
  collections: {
    categories: { indexes: [['communityId', 'order', '_id']], holds: 'shared' },
    concerns: {
      indexes: [
        ['communityId', 'authorId', 'createdAt', '_id'],
        // 我的诉求: the household's concerns, the caller's kept (theirs, filed for them or for the household).
        ['communityId', 'householdId', 'createdAt', '_id'],
        ['communityId', 'assigneeId', 'createdAt', '_id'],
        ['communityId', 'assigneeId', 'status', 'createdAt', '_id'],
        ['communityId', 'assigneeId', 'overdue', 'createdAt', '_id'],
        // 今日待办: the handler's running items by their next clock.
        ['communityId', 'assigneeId', 'status', 'wakeAt', '_id'],
        ['communityId', 'status', 'createdAt', '_id'],
        ['communityId', 'overdue', 'createdAt', '_id'],
        ['communityId', 'category', 'createdAt', '_id'],
        ['communityId', 'category', 'status', 'createdAt', '_id'],
        ['communityId', 'gridId', 'createdAt', '_id'],
        ['communityId', 'gridId', 'status', 'createdAt', '_id'],
        ['communityId', 'createdAt', '_id'],
        ['communityId', 'number', 'createdAt', '_id'],
        // 我首接的: what the first responder stays responsible for, wherever it is now.
        ['communityId', 'firstResponderId', 'createdAt', '_id'],
        ['communityId', 'firstResponderId', 'status', 'createdAt', '_id'],
        ['communityId', 'firstResponderId', 'overdue', 'createdAt', '_id'],
        // 本网格 and 督办: a grid's late items, and what is under supervision (leader / admins).
        ['communityId', 'gridId', 'overdue', 'createdAt', '_id'],
        ['communityId', 'gridId', 'supervising', 'createdAt', '_id'],
        ['communityId', 'supervising', 'createdAt', '_id'],
        // The sweep's one timer: every concern due for a look, across communities.
        ['wakeAt', '_id'],
        // A department contact's open requests, across the communities of a shared entry.
        ['whistle.departmentId', 'whistle.dueAt', '_id'],
      ],
      holds: 'personal',
    },
  },
  rateLimits: {
    'concern.submit': [{ limit: 10, windowSeconds: HOUR }, { limit: 30, windowSeconds: DAY }],
    'concern.supplement': [{ limit: 30, windowSeconds: HOUR }],
    'concern.fileFor': [{ limit: 60, windowSeconds: HOUR }],
  },
  sweep: { concernClocks: (deps, now) => runConcernClocks(deps, now, { pages: 10 }) },
  notices: CONCERN_NOTICES,
  events: CONCERN_EVENTS,
  monthlyReport: concernMonthlyReport,
  personalData: concernPersonalData,
  subjects: concernSubjects,
  communityOpened: seedDefaultCategories,
  householdLeft: handOverToHousehold,
  today: concernToday,
} satisfies FeatureManifest<'concern'>;
