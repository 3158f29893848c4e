import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { commitVersioned } from '../../kernel/versioned';
import { toNoticeView } from './presenters';
import { noticeSubject } from './ids';

/**
 * 撤回公告: it leaves the home page at once; the record stays, with who withdrew it and why,
 * for the staff list and the audit log. Compare-and-set on the version: of two withdrawals
 * at once one wins, the other is told it is already withdrawn.
 */
export const withdrawNotice: Handler<'notice.withdraw'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const n = await db.require('notices', input.noticeId, '公告不存在', 'noticeId');
  if (n.status === 'withdrawn') throw new AppError('CLOSED', '该公告已撤回');
  if (now >= n.expiresAt) throw new AppError('CLOSED', '该公告已过期，居民已看不到，无需撤回');
  await checkWritten(ctx, { reason: input.reason });
  const next = await commitVersioned(
    db,
    'notices',
    n,
    { status: 'withdrawn', withdrawnAt: now, withdrawReason: input.reason, updatedAt: now },
    (x) => eventRecord(db, caller, { key: `withdrawn-v${x.version}`, subject: noticeSubject(x._id), type: 'notice.withdrawn', from: 'published', to: 'withdrawn', public: false, note: `${x.title}：${input.reason}`, at: now }),
    '该公告刚被修改，请刷新后重试',
  ).catch(async (err: unknown) => {
    // Lost the race to another withdrawal: say what happened, not 「请重试」.
    if (err instanceof AppError && err.code === 'CONFLICT' && (await db.get('notices', n._id))?.status === 'withdrawn') throw new AppError('CLOSED', '该公告已撤回');
    throw err;
  });
  return toNoticeView(caller, next, now);
};
