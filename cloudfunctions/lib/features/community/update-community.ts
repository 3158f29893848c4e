import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import type { CommunityRecord } from './records';

/**
 * Opens the admin's community on first call (a bootstrap admin from configuration has a
 * community id but no record yet) and renames it later. Opening lets every feature seed
 * what it needs (the concern categories, so residents can speak up from day one).
 */
export const updateCommunity: Handler<'community.update'> = async (ctx) => {
  const db = ctx.db();
  const { input, now } = ctx;
  const created = await ctx.deps.store.insert('communities', {
    _id: db.communityId,
    communityId: db.communityId,
    name: input.name,
    subdistrict: input.subdistrict,
    active: true,
    createdAt: now,
    updatedAt: now,
  } satisfies CommunityRecord);
  if (created) await ctx.features.communityOpened(db, now);
  else await db.update('communities', db.communityId, { name: input.name, subdistrict: input.subdistrict, updatedAt: now });
  await appendEvent(db, ctx.caller, {
    key: ctx.deps.ids.random('e'),
    subject: `community:${db.communityId}`,
    type: created ? 'community.opened' : 'community.updated',
    to: JSON.stringify(input),
    public: false,
    at: now,
  });
  return { id: db.communityId, name: input.name, subdistrict: input.subdistrict };
};
