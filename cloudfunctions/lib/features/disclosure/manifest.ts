/**
 * disclosure: manifest. 居务公开 — the catalogue and calendar, items with immutable versions,
 * the privacy gate, the committee's opinions and residents' questions.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { DISCLOSURE_EVENTS } from './events';
import { DISCLOSURE_NOTICES } from './notices';
import { seedCatalogue } from './catalogue';
import { disclosureClock } from './clock';
import { correctItem } from './correct-item';
import { disclosureMonthlyReport } from './monthly-report';
import { draftItem } from './draft-item';
import { getCalendar } from './get-calendar';
import { getItem, prefetchItem } from './get-item';
import { discloseSource } from './intake';
import { listCatalogue } from './list-catalogue';
import { listItems } from './list-items';
import { publishItem } from './publish-item';
import { reviewDraft } from './review-draft';
import { setCategory } from './set-category';
import { disclosureSubjects } from './subjects';
import { answerQuestion } from './answer-question';
import { askQuestion } from './ask-question';
import { listQuestions } from './list-questions';
import { opinionQueue, prefetchOpinionQueue } from './opinion-queue';
import { prefetchAnswer, prefetchCorrect, prefetchDraft, prefetchOpinion, prefetchPublish, prefetchRespond } from './prefetch';
import { disclosurePersonalData } from './personal-data';
import { recordOpinion } from './record-opinion';
import { respondToObjection } from './respond-to-objection';
import { disclosureToday } from './today';

export const disclosureManifest = {
  name: 'disclosure',
  actions: {
    'disclosure.catalogue': bind(contracts['disclosure.catalogue'], listCatalogue),
    'disclosure.setCategory': bind(contracts['disclosure.setCategory'], setCategory),
    'disclosure.calendar': bind(contracts['disclosure.calendar'], getCalendar),
    'disclosure.list': bind(contracts['disclosure.list'], listItems),
    'disclosure.get': bind(contracts['disclosure.get'], getItem, { prefetch: prefetchItem }),
    'disclosure.draft': bind(contracts['disclosure.draft'], draftItem, { prefetch: prefetchDraft }),
    'disclosure.review': bind(contracts['disclosure.review'], reviewDraft),
    'disclosure.publish': bind(contracts['disclosure.publish'], publishItem, { prefetch: prefetchPublish }),
    'disclosure.correct': bind(contracts['disclosure.correct'], correctItem, { prefetch: prefetchCorrect }),
    'disclosure.opinion': bind(contracts['disclosure.opinion'], recordOpinion, { prefetch: prefetchOpinion }),
    'disclosure.respond': bind(contracts['disclosure.respond'], respondToObjection, { prefetch: prefetchRespond }),
    'disclosure.opinionQueue': bind(contracts['disclosure.opinionQueue'], opinionQueue, { prefetch: prefetchOpinionQueue }),
    'disclosure.ask': bind(contracts['disclosure.ask'], askQuestion),
    'disclosure.answer': bind(contracts['disclosure.answer'], answerQuestion, { prefetch: prefetchAnswer }),
    'disclosure.questions': bind(contracts['disclosure.questions'], listQuestions),
  },
  collections: {
    disclosureCategories: { indexes: [['communityId', 'order', '_id'], ['wakeAt', '_id']], holds: 'shared' },
    disclosureItems: {
      indexes: [
        ['communityId', 'state', 'lastPublishedAt', '_id'],
        ['communityId', 'categoryKey', 'state', 'lastPublishedAt', '_id'],
        ['communityId', 'openObjections', 'lastPublishedAt', '_id'],
        // Staff's drafts, most recently saved first.
        ['communityId', 'state', 'updatedAt', '_id'],
        ['communityId', 'categoryKey', 'state', 'updatedAt', '_id'],
        // The sweep's settling of a publication whose call died after its commit (clock.ts).
        ['wakeAt', '_id'],
      ],
      holds: 'shared',
    },
    disclosureVersions: { indexes: [['communityId', 'itemId', 'number', '_id']], holds: 'shared' },
    disclosureOpinions: { indexes: [['communityId', 'itemId', 'at', '_id'], ['communityId', 'memberId', 'at', '_id']], holds: 'shared' },
    disclosureQuestions: {
      indexes: [
        ['communityId', 'itemId', 'askedAt', '_id'],
        ['communityId', 'state', 'dueAt', '_id'],
        ['communityId', 'askerId', 'askedAt', '_id'],
        ['wakeAt', '_id'],
      ],
      holds: 'personal',
    },
    disclosureDues: { indexes: [['communityId', 'month', 'dueAt', '_id'], ['communityId', 'state', 'dueAt', '_id'], ['wakeAt', '_id']], holds: 'bookkeeping' },
  },
  personalData: disclosurePersonalData,
  notices: DISCLOSURE_NOTICES,
  events: DISCLOSURE_EVENTS,
  subjects: disclosureSubjects,
  sweep: { disclosureClock: (deps, now) => disclosureClock(deps, now, { pages: 5 }) },
  communityOpened: seedCatalogue,
  disclosable: discloseSource,
  today: disclosureToday,
  monthlyReport: disclosureMonthlyReport,
} satisfies FeatureManifest<'disclosure'>;
