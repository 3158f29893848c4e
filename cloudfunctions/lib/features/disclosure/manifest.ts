/**
 * disclosure: manifest. 居务公开 — the catalogue, items with immutable versions and the
 * privacy review every publication passes.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { seedCategories } from './catalogue';
import { correctItem } from './correct-item';
import { draftItem } from './draft-item';
import { DISCLOSURE_EVENTS } from './events';
import { getItem } from './get-item';
import { listCatalogue } from './list-catalogue';
import { listItems } from './list-items';
import { publishItem } from './publish-item';
import { reviewDraft } from './review-draft';
import { setCategory } from './set-category';

const HOUR = 3600;

export const disclosureManifest = {
  name: 'disclosure',
  actions: {
    'disclosure.catalogue': bind(contracts['disclosure.catalogue'], listCatalogue),
    'disclosure.setCategory': bind(contracts['disclosure.setCategory'], setCategory),
    'disclosure.list': bind(contracts['disclosure.list'], listItems),
    'disclosure.get': bind(contracts['disclosure.get'], getItem),
    'disclosure.draft': bind(contracts['disclosure.draft'], draftItem),
    'disclosure.review': bind(contracts['disclosure.review'], reviewDraft),
    'disclosure.publish': bind(contracts['disclosure.publish'], publishItem),
    'disclosure.correct': bind(contracts['disclosure.correct'], correctItem),
  },
  collections: {
    disclosureCategories: { indexes: [['communityId', 'order', '_id']], holds: 'shared' },
    disclosureItems: {
      indexes: [
        // The board (by category or all), newest first; staff's drafts, latest edit first.
        ['communityId', 'state', 'lastPublishedAt', '_id'],
        ['communityId', 'categoryKey', 'state', 'lastPublishedAt', '_id'],
        ['communityId', 'state', 'updatedAt', '_id'],
        ['communityId', 'categoryKey', 'state', 'updatedAt', '_id'],
        // The calendar: what of a category and period is already up.
        ['communityId', 'categoryKey', 'periodKey', '_id'],
      ],
      holds: 'shared',
    },
    disclosureVersions: { indexes: [['communityId', 'itemId', 'number', '_id']], holds: 'shared' },
  },
  rateLimits: {
    'disclosure.draft': [{ limit: 120, windowSeconds: HOUR }],
  },
  communityOpened: (db, now) => seedCategories(db, now),
  events: DISCLOSURE_EVENTS,
} satisfies FeatureManifest<'disclosure'>;
