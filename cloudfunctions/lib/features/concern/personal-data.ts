import { CONCERN_STATUS_LABELS } from '../../../../miniprogram/core/concern/contract';
import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { op } from '../../ports/store';
import { claimIdOf } from './intake';

/**
 * What the person raised and what they were told: never the staff's private notes, the
 * whistle's internal note, routing or who handled it internally.
 */
export const concernPersonalData: PersonalData = {
  collections: ['concerns'],
  async export({ all, memberId }) {
    const { items, truncated } = await all('concerns', { authorId: memberId }, 'createdAt');
    const concerns = items.map((c) => ({
      number: c.number,
      category: c.categoryName,
      building: c.buildingName,
      text: c.text,
      photos: c.photos,
      hideName: c.hideName,
      status: CONCERN_STATUS_LABELS[c.status],
      submittedAt: c.createdAt,
      resolution: c.resolution ? { summary: c.resolution.summary, photos: c.resolution.photos, at: c.resolution.at } : null,
      rating: c.rating ? { resolved: c.rating.resolved, satisfaction: c.rating.satisfaction, comment: c.rating.comment, at: c.rating.at } : null,
      closedAt: c.closedAt,
    }));
    return { sections: { concerns }, truncated };
  },
  // Concerns stay for the archive and the three rates, pointing at nobody; the messages the
  // last step kept for a retry (one may be to them) go.
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('concerns', { authorId: member._id }, 'createdAt', async (c) => {
      // The number's claim kept a copy of the record and its intake steps for a crashed
      // intake to finish: they go first.
      const claim = claimIdOf(c);
      if (claim) await db.update('counters', claim, { record: op.unset(), alongside: op.unset() });
      return db.update('concerns', c._id, { authorId: anonymousId, authorName: null, authorPhoneEnc: null, hideName: true, lastNotices: op.unset() });
    });
  },
  // Staff call the number on the concern: it must be the one the resident uses now. One
  // write for all of them (authorId is indexed); lifecycle steps patch other fields only.
  async phoneChanged(deps, member) {
    await new ScopedStore(deps.store, member.communityId).updateMany('concerns', { authorId: member._id }, { authorPhoneEnc: member.phoneEnc ?? null });
  },
};
