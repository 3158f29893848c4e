import type { Handler, HandlerContext } from '../../kernel/action';
import { eventRecord, type EventRecord } from '../../kernel/audit';
import type { CommunityRecord } from '../community/records';
import { communitiesOf, MAX_COMMUNITIES } from './communities';
import { communityIdFor, communitySubject } from './ids';
import { ADMIN_CODE_DAYS, insertAdminCode } from './issue-admin-code';
import { AppError } from '../../../../miniprogram/core/errors';

/**
 * 新建社区. The id comes from the subdistrict and the name, so a retry or a second tap opens
 * nothing new: the community's insert under that id is the claim (no transaction). The
 * community is opened like any other (every feature seeds what it needs) and its first admin
 * code comes back — the only way in: no configuration, no redeploy. The step's events (the
 * creation, the code) follow in one list insert; each is keyed, so a retry after a crash
 * writes the one that is missing and keeps the one that is there.
 */
export const createCommunity: Handler<'subdistrict.createCommunity'> = async (ctx) => {
  const { input, now, caller } = ctx;
  const subdistrict = ctx.deps.config.subdistrict.name;
  const id = communityIdFor(subdistrict, input.name);
  // The subdistrict's list says both whether this one is there already and how many there are.
  const listed = await communitiesOf(ctx);
  const known = listed.find((c) => c._id === id) ?? (listed.length >= MAX_COMMUNITIES ? await ctx.deps.store.get('communities', id) : null);
  if (!known && listed.length >= MAX_COMMUNITIES) throw new AppError('VALIDATION_ERROR', `一个街道最多${MAX_COMMUNITIES}个社区`);
  const record: CommunityRecord = { _id: id, communityId: id, name: input.name, subdistrict, active: true, createdAt: now, updatedAt: now };
  const db = ctx.dbFor(id);
  const created = !known && (await ctx.deps.store.insert('communities', record));
  const community = created ? record : (known ?? (await ctx.deps.store.get('communities', id)) ?? record);
  const createdEvent = eventRecord(db, caller, { key: 'created', subject: communitySubject(id), type: 'subdistrict.communityCreated', to: input.name, public: false, at: now });
  // Seeding is idempotent: run again on a retry, in case the first try stopped after the
  // insert. A retry (or the same name again) shows the code still waiting to be used rather
  // than issue more; a new community's first code goes beside the seeding.
  const [, pending, fresh] = await Promise.all([
    ctx.features.communityOpened(db, now),
    created ? null : pendingCode(ctx, community),
    created ? insertAdminCode(ctx, community) : null,
  ]);
  if (pending) {
    await db.insertMany('events', [createdEvent]);
    return pending;
  }
  const code = fresh ?? (await insertAdminCode(ctx, community));
  const issued: EventRecord = eventRecord(db, caller, { key: code.eventKey, subject: communitySubject(id), type: 'subdistrict.adminCodeIssued', public: false, note: `${ADMIN_CODE_DAYS}天内有效`, at: now });
  await db.insertMany('events', [createdEvent, issued]);
  return code.view;
};

async function pendingCode(ctx: HandlerContext<unknown>, community: CommunityRecord) {
  const page = await ctx.dbFor(community._id).query('adminCodes', { where: { usedBy: null }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 5 });
  const code = page.items.find((c) => c.expiresAt > ctx.now && c.createdBy === ctx.caller.memberId);
  return code ? { communityId: community._id, communityName: community.name, code: code._id.slice('adc_'.length), expiresAt: code.expiresAt } : null;
}
