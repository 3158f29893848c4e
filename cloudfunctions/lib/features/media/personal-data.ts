import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';

/** The photos the person uploaded; the files stay with the records they are attached to. */
export const mediaPersonalData: PersonalData = {
  collections: ['media'],
  async export({ all, memberId }) {
    const { items, truncated } = await all('media', { ownerId: memberId }, 'createdAt');
    return { sections: { photos: items.map((m) => ({ fileId: m.fileId, uploadedAt: m.createdAt })) }, truncated };
  },
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('media', { ownerId: member._id }, 'createdAt', (m) => db.update('media', m._id, { ownerId: anonymousId }));
  },
};
