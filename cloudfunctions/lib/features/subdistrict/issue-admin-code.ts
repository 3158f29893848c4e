import { AppError } from '../../../../miniprogram/core/errors';
import { INVITE_ALPHABET, INVITE_LENGTH } from '../../../../miniprogram/core/member/contract';
import type { AdminCodeView } from '../../../../miniprogram/core/subdistrict/contract';
import type { Handler, HandlerContext } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { DAY } from '../../kernel/time';
import type { CommunityRecord } from '../community/records';
import { ownCommunity } from './communities';
import { adminCodeId, communitySubject } from './ids';

/** Long enough to reach the person, short enough that a lost slip of paper stops working. */
export const ADMIN_CODE_DAYS = 7;

/**
 * A fresh single-use code; the code is the document's id, inserted only if absent. Answers
 * the view and the key of its `subdistrict.adminCodeIssued` event, which the caller appends.
 */
export async function insertAdminCode(ctx: HandlerContext<unknown>, community: CommunityRecord): Promise<{ view: AdminCodeView; eventKey: string }> {
  const { now, caller } = ctx;
  const db = ctx.dbFor(community._id);
  const expiresAt = now + ADMIN_CODE_DAYS * DAY;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = ctx.deps.ids.code(INVITE_ALPHABET, INVITE_LENGTH);
    if (await db.insert('adminCodes', { _id: adminCodeId(code), communityId: community._id, expiresAt, usedBy: null, usedAt: null, createdBy: caller.memberId ?? '', createdAt: now })) {
      return { view: { communityId: community._id, communityName: community.name, code, expiresAt }, eventKey: ctx.deps.ids.random('e') };
    }
  }
  throw new AppError('CONFLICT', '生成加入码失败，请重试');
}

/** A fresh code and its event. */
export async function newAdminCode(ctx: HandlerContext<unknown>, community: CommunityRecord): Promise<AdminCodeView> {
  const { view, eventKey } = await insertAdminCode(ctx, community);
  await appendEvent(ctx.dbFor(community._id), ctx.caller, { key: eventKey, subject: communitySubject(community._id), type: 'subdistrict.adminCodeIssued', public: false, note: `${ADMIN_CODE_DAYS}天内有效`, at: ctx.now });
  return view;
}

/** 再发一个管理员加入码: for a second admin, or when the first code was lost. */
export const issueAdminCode: Handler<'subdistrict.issueAdminCode'> = async (ctx) => newAdminCode(ctx, await ownCommunity(ctx, ctx.input.communityId));
