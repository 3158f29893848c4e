import { REPORTS_TO_HIDE } from '../../../../miniprogram/core/moderation/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import { op } from '../../ports/store';
import type { ConcernRecord } from '../concern/records';
import { canView } from '../concern/permissions';
import { mediaIdFor, photoVisible, type MediaRecord } from '../media/records';
import { moderationId, type ModerationRecord } from './queue';

type Input = { subjectType: 'concernText'; subjectId: string; reason: string } | { subjectType: 'photo'; fileId: string; reason: string };

/**
 * A report counts once per person. The third distinct reporter hides the content and puts
 * it in front of staff; until then it stays visible and is only watched.
 */
export async function reportContent(ctx: HandlerContext<Input>) {
  const db = ctx.db();
  const me = ctx.caller.memberId as string;
  let subjectId: string;
  let content: string;
  if (ctx.input.subjectType === 'concernText') {
    const c = await db.get<ConcernRecord>('concerns', ctx.input.subjectId);
    if (!c || !canView(ctx.caller, c)) throw new AppError('NOT_FOUND', '内容不存在');
    if (c.authorId === me) throw new AppError('VALIDATION_ERROR', '不能举报自己的内容');
    subjectId = c._id;
    content = c.text;
  } else {
    const m = await db.get<MediaRecord>('media', mediaIdFor(ctx.input.fileId));
    const concern = m?.attachedTo?.startsWith('concern:') ? await db.get<ConcernRecord>('concerns', m.attachedTo.slice('concern:'.length)) : null;
    if (!m || !concern || !canView(ctx.caller, concern) || !photoVisible(m, me)) throw new AppError('NOT_FOUND', '内容不存在');
    if (m.ownerId === me) throw new AppError('VALIDATION_ERROR', '不能举报自己的内容');
    subjectId = m._id;
    content = m.fileId;
  }
  const id = moderationId(ctx.input.subjectType, subjectId);
  await db.insert('moderation', {
    _id: id, communityId: db.communityId, subjectType: ctx.input.subjectType, subjectId, content, reason: 'reported', status: 'watching',
    reports: {}, reportCount: 0, createdAt: ctx.now, decidedAt: null, deciderId: null, decisionReason: null,
  } satisfies ModerationRecord);
  const counted = await db.update('moderation', id, { [`reports.${me}`]: ctx.input.reason, reportCount: op.inc(1) }, { [`reports.${me}`]: { $exists: false } });
  if (!counted) return { reported: true as const, hidden: false };
  const item = (await db.get<ModerationRecord>('moderation', id)) as ModerationRecord;
  let hidden = false;
  if (item.reportCount >= REPORTS_TO_HIDE && (await db.update('moderation', id, { status: 'pending' }, { status: 'watching' }))) {
    hidden = true;
    if (ctx.input.subjectType === 'concernText') await db.update('concerns', subjectId, { moderation: 'review' }, { moderation: 'pass' });
    else await db.update('media', subjectId, { hidden: true });
  }
  return { reported: true as const, hidden };
}
