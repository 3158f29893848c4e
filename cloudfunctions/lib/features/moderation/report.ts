import { REPORTS_TO_HIDE } from '../../../../miniprogram/core/moderation/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { op } from '../../ports/store';
import { moderationId, type ModerationRecord } from './queue';
import { checkWritten } from '../../kernel/content';

/**
 * Read with the caller's record, for a concern's text: the concern (as its subject reads it)
 * and the review item, if there is one yet — whether this report makes it or counts on it. A
 * photo's item is named by its media record, whose id is the media feature's: read as the
 * handler asks (the item beside the photo, in one wait).
 */
export const prefetchReport: PrefetchOf<'moderation.report'> = (input) =>
  input.subjectType === 'concernText'
    ? { subject: { collection: 'concerns', id: input.subjectId }, item: { collection: 'moderation', id: moderationId(input.subjectType, input.subjectId) } }
    : undefined;

/**
 * A report counts once per person. The third distinct reporter hides the content and puts
 * it in front of staff; until then it stays visible and is only watched.
 */
export const reportContent: Handler<'moderation.report'> = async (ctx) => {
  const db = ctx.db();
  const me = ctx.caller.memberId;
  // The id staff see the item under: the concern, or the photo's media record.
  const [kind, ref, field] = ctx.input.subjectType === 'concernText'
    ? (['concern', ctx.input.subjectId, 'subjectId'] as const)
    : (['photo', ctx.input.fileId, 'fileId'] as const);
  const subject = ctx.features.subject(kind);
  const found = await subject?.readable(ctx, ref);
  if (!subject || !found) throw new AppError('NOT_FOUND', '内容不存在', { issues: [{ path: field, message: '内容不存在' }] });
  if (found.authorId === me) throw new AppError('VALIDATION_ERROR', '不能举报自己的内容', { issues: [{ path: field, message: '不能举报自己的内容' }] });
  await checkWritten(ctx, { reason: ctx.input.reason });
  const subjectId = found.id;
  const content = found.text;
  const id = moderationId(ctx.input.subjectType, subjectId);
  // A concern's item was read with the caller's record (free); a photo's is not looked for
  // first: its insert finds it.
  const existing = ctx.input.subjectType === 'concernText' ? await db.get('moderation', id) : null;
  // The first report makes the item with itself counted in: one write, and its count is known.
  // When the item is there (or another reporter made it meanwhile: the insert finds it), the
  // report counts on it once, by the reporter's key.
  const made = !existing && (await db.insert('moderation', {
    _id: id, communityId: db.communityId, subjectType: ctx.input.subjectType, subjectId, content, reason: 'reported', status: 'watching',
    reports: { [me]: ctx.input.reason }, reportCount: 1, createdAt: ctx.now, decidedAt: null, deciderId: null, decisionReason: null,
  } satisfies ModerationRecord));
  const counted = made || (await db.update('moderation', id, { [`reports.${me}`]: ctx.input.reason, reportCount: op.inc(1) }, { [`reports.${me}`]: { $exists: false } }));
  if (!counted) return { reported: true as const, hidden: false };
  // Reports can hide content: each one is on the audit log, with who made it (for admins only).
  await appendEvent(db, ctx.caller, { key: `report:${me}`, subject: `moderation:${id}`, type: 'moderation.reported', to: 'watching', public: false, note: ctx.input.reason, at: ctx.now });
  const reportCount = made ? 1 : ((await db.get('moderation', id)) as ModerationRecord).reportCount;
  let hidden = false;
  if (reportCount >= REPORTS_TO_HIDE && (await db.update('moderation', id, { status: 'pending' }, { status: 'watching' }))) {
    hidden = true;
    await subject.hold(ctx, ref);
    await appendEvent(db, 'system', { key: 'hidden', subject: `moderation:${id}`, type: 'moderation.hidden', from: 'watching', to: 'pending', public: false, note: `${REPORTS_TO_HIDE}人举报，内容已隐藏待审核`, at: ctx.now });
  }
  return { reported: true as const, hidden };
};
