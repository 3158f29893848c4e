/**
 * disclosure: manifest. 居务公开 — the catalogue and calendar, items with immutable versions,
 * the privacy gate, the committee's opinions and residents' questions.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { AppError } from '../../../../miniprogram/core/errors';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { DISCLOSURE_EVENTS } from './events';
import { DISCLOSURE_NOTICES } from './notices';

// Placeholder while the feature is being built: every action answers INTERNAL.
const notBuilt = async (): Promise<never> => {
  throw new AppError('INTERNAL', '尚未实现');
};

export const disclosureManifest = {
  name: 'disclosure',
  actions: {
    'disclosure.catalogue': bind(contracts['disclosure.catalogue'], notBuilt),
    'disclosure.setCategory': bind(contracts['disclosure.setCategory'], notBuilt),
    'disclosure.calendar': bind(contracts['disclosure.calendar'], notBuilt),
    'disclosure.list': bind(contracts['disclosure.list'], notBuilt),
    'disclosure.get': bind(contracts['disclosure.get'], notBuilt),
    'disclosure.draft': bind(contracts['disclosure.draft'], notBuilt),
    'disclosure.review': bind(contracts['disclosure.review'], notBuilt),
    'disclosure.publish': bind(contracts['disclosure.publish'], notBuilt),
    'disclosure.correct': bind(contracts['disclosure.correct'], notBuilt),
    'disclosure.opinion': bind(contracts['disclosure.opinion'], notBuilt),
    'disclosure.respond': bind(contracts['disclosure.respond'], notBuilt),
    'disclosure.opinionQueue': bind(contracts['disclosure.opinionQueue'], notBuilt),
    'disclosure.ask': bind(contracts['disclosure.ask'], notBuilt),
    'disclosure.answer': bind(contracts['disclosure.answer'], notBuilt),
    'disclosure.questions': bind(contracts['disclosure.questions'], notBuilt),
  },
  collections: {
    disclosureCategories: { indexes: [['communityId', 'order', '_id']], holds: 'shared' },
    disclosureItems: {
      indexes: [
        ['communityId', 'state', 'lastPublishedAt', '_id'],
        ['communityId', 'categoryKey', 'state', 'lastPublishedAt', '_id'],
        ['communityId', 'openObjections', 'lastPublishedAt', '_id'],
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
  // Placeholder until the questions' export and erasure land (the committee helper's personal-data.ts).
  personalData: { collections: ['disclosureQuestions'], export: async () => ({ sections: {} }), erase: async () => undefined },
  notices: DISCLOSURE_NOTICES,
  events: DISCLOSURE_EVENTS,
} satisfies FeatureManifest<'disclosure'>;
