import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { MAX_NOTICE_DAYS } from '../../../../miniprogram/core/disclosure/notice-contract';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import type { ScopedStore } from '../../kernel/scoped-store';
import { settleLastEvent } from '../../kernel/versioned';
import { checkWritten } from '../../kernel/content';
import { DAY } from '../../kernel/time';
import { noticeIdFor, noticeSubject } from './ids';
import { toNoticeView } from './presenters';
import type { NoticeRecord } from './records';
import { scanNotice } from './scan';

/**
 * 发布社区公告. One notice per idempotency key: the id comes from the publisher and the key,
 * so a retry (or a second tap) returns the first one, and the same key with other words is
 * refused rather than filed twice. Before anyone reads it, it passes the personal-data scan
 * (what was found and not kept on purpose is refused, naming the field) and the content check.
 */
export const publishNotice: Handler<'notice.publish'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const id = noticeIdFor(db.communityId, caller.memberId, ctx.idempotencyKey ?? '');
  const kept = [...new Set(input.keep)];
  // The scan's reads (the community's names) go beside the look for a first attempt; a retry
  // answers from what it finds whatever the scan says now.
  const scanned = scanNotice(db, ctx.now, { title: input.title, body: input.body }, kept).then(() => null, (err: unknown) => ({ err }));
  const existing = await db.get('notices', id);
  if (existing) return settled(db, existing, input, () => toNoticeView(caller, existing, now));

  if (input.expiresAt <= now) throw fieldError('VALIDATION_ERROR', 'expiresAt', '到期时间须晚于现在');
  if (input.expiresAt > now + MAX_NOTICE_DAYS * DAY) throw fieldError('VALIDATION_ERROR', 'expiresAt', `公告最长显示${MAX_NOTICE_DAYS}天；长期有效的规定请放进居民公约`);
  // The scan is local and cheap; the content check (metered msgSecCheck) only sees what passed it.
  const refused = await scanned;
  if (refused) throw refused.err;
  await checkWritten(ctx, { title: input.title, body: input.body }, { scene: 'forum' });

  const record: NoticeRecord = {
    _id: id,
    communityId: db.communityId,
    title: input.title,
    body: input.body,
    pinned: input.pinned,
    publishedAt: now,
    expiresAt: input.expiresAt,
    status: 'published',
    withdrawnAt: null,
    withdrawReason: null,
    kept,
    byId: caller.memberId,
    byName: caller.name ?? '社区居委会',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const event = eventRecord(db, caller, { key: 'published', subject: noticeSubject(id), type: 'notice.published', to: 'published', public: false, note: record.pinned ? `【置顶】${record.title}` : record.title, at: now });
  // The notice carries its event (kernel/versioned.ts): inserting it is the step, the event follows.
  if (await db.insert('notices', { ...record, lastEvent: event } as NoticeRecord)) {
    await db.insert('events', event);
    return toNoticeView(caller, record, now);
  }
  // A parallel retry with the same key got there first: answer as it would have been answered.
  const stored = await db.require('notices', id);
  return settled(db, stored, input, () => toNoticeView(caller, stored, now));
};

/** A notice already there under this key: its event made sure of (the first call may have died before it), then the replay. */
async function settled<T>(db: ScopedStore, n: NoticeRecord, input: Input, view: () => T): Promise<T> {
  await settleLastEvent(db, n);
  return replay(n, input, view);
}

type Input = Parameters<Handler<'notice.publish'>>[0]['input'];

function replay<T>(n: NoticeRecord, input: Input, view: () => T): T {
  const same = n.title === input.title && n.body === input.body && n.pinned === input.pinned && n.expiresAt === input.expiresAt;
  if (!same) throw new AppError('CONFLICT', `您之前发布的公告「${n.title}」已经发出；如要再发一条，请重新填写`);
  return view();
}
