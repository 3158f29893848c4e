import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import type { CommunityRecord } from '../community/records';
import { communitiesOf, MAX_COMMUNITIES } from './communities';
import { communityIdFor, communitySubject } from './ids';
import { newAdminCode } from './issue-admin-code';
import { AppError } from '../../../../miniprogram/core/errors';

/**
 * 新建社区. The id comes from the subdistrict and the name, so a retry or a second tap opens
 * nothing new; the community is opened like any other (every feature seeds what it needs)
 * and its first admin code comes back — the only way in: no configuration, no redeploy.
 */
export const createCommunity: Handler<'subdistrict.createCommunity'> = async (ctx) => {
  const { input, now, caller } = ctx;
  const subdistrict = ctx.deps.config.subdistrict.name;
  const id = communityIdFor(subdistrict, input.name);
  if (!(await ctx.deps.store.get('communities', id)) && (await communitiesOf(ctx)).length >= MAX_COMMUNITIES) {
    throw new AppError('VALIDATION_ERROR', `一个街道最多${MAX_COMMUNITIES}个社区`);
  }
  const record: CommunityRecord = { _id: id, communityId: id, name: input.name, subdistrict, active: true, createdAt: now, updatedAt: now };
  const db = ctx.dbFor(id);
  const created = await ctx.deps.store.transaction(async (tx) => {
    if (await tx.get('communities', id)) return false;
    tx.insert('communities', record);
    tx.insert('events', eventRecord(db, caller, { key: 'created', subject: communitySubject(id), type: 'subdistrict.communityCreated', to: input.name, public: false, at: now }));
    return true;
  });
  // Seeding is idempotent: run again on a retry, in case the first try stopped after the insert.
  await ctx.features.communityOpened(db, now);
  const community = created ? record : ((await ctx.deps.store.get('communities', id)) ?? record);
  // A retry (or the same name again) shows the code still waiting to be used rather than issue more.
  const pending = created ? null : await pendingCode(ctx, id);
  return pending ?? newAdminCode(ctx, community);
};

async function pendingCode(ctx: Parameters<typeof createCommunity>[0], communityId: string) {
  const page = await ctx.dbFor(communityId).query('adminCodes', { where: { usedBy: null }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 5 });
  const code = page.items.find((c) => c.expiresAt > ctx.now && c.createdBy === ctx.caller.memberId);
  const community = await ctx.deps.store.get('communities', communityId);
  return code && community ? { communityId, communityName: community.name, code: code._id.slice('adc_'.length), expiresAt: code.expiresAt } : null;
}
