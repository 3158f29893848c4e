import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { mediaIdFor, type MediaRecord } from './records';
import { requestCheck } from './verdicts';

/**
 * The uploader's own folder is part of the file id (`…/uploads/<memberId>/…`), so nobody
 * can register a file someone else uploaded, even knowing its id. The first registration
 * wins; the image check starts at once.
 */
export function ownFolder(fileId: string, memberId: string): boolean {
  return fileId.includes(`/uploads/${memberId}/`) || fileId.startsWith(`local://uploads/${memberId}_`);
}

export const registerMedia: Handler<'media.register'> = async (ctx) => {
  const memberId = ctx.caller.memberId;
  if (!ownFolder(ctx.input.fileId, memberId)) throw new AppError('FORBIDDEN', '只能登记本人上传的图片');
  // A made-up id in one's own folder is not a photo: nothing would ever show or be checked.
  if (!(await ctx.deps.files.exists(ctx.input.fileId))) throw fieldError('NOT_FOUND', 'fileId', '没有找到这张图片，请重新上传');
  const db = ctx.db();
  const record: MediaRecord = {
    _id: mediaIdFor(ctx.input.fileId),
    communityId: db.communityId,
    fileId: ctx.input.fileId,
    ownerId: memberId,
    verdict: 'pending',
    hidden: false,
    traceId: null,
    requestedAt: ctx.now,
    attachedTo: null,
    createdAt: ctx.now,
  };
  const fresh = await db.insert('media', record);
  const stored = fresh ? record : await db.get('media', record._id);
  if (!stored || stored.ownerId !== memberId) throw new AppError('FORBIDDEN', '只能登记本人上传的图片');
  if (fresh) await requestCheck(ctx.deps, db, stored, ctx.caller.openid, ctx.now);
  return { fileId: stored.fileId, status: stored.verdict === 'pending' ? 'pending' : stored.verdict === 'pass' && !stored.hidden ? 'pass' : 'hidden' };
};
