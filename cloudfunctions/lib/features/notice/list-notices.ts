import { AppError } from '../../../../miniprogram/core/errors';
import { MAX_NOTICE_DAYS } from '../../../../miniprogram/core/disclosure/notice-contract';
import type { Handler } from '../../kernel/action';
import type { ScopedStore } from '../../kernel/scoped-store';
import { MAX_PAGE } from '../../ports/store';
import { DAY } from '../../kernel/time';
import { isActive, isStaff } from './permissions';
import { toNoticeView } from './presenters';
import type { NoticeRecord } from './records';

/**
 * 社区公告. `active` (the home page): pinned ones first, newest first within each, without
 * the withdrawn and the expired. Nothing published more than MAX_NOTICE_DAYS ago can still
 * be up, so each half reads only that window and drops the expired ones in it — a page may
 * come out shorter than asked, never wrong. `all` (staff): every notice, newest first.
 */
export const listNotices: Handler<'notice.list'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  if (input.when === 'all') {
    if (!isStaff(caller)) throw new AppError('FORBIDDEN', '过期和撤回的公告只有社区工作人员可以查看');
    const page = await db.query('notices', { where: {}, orderBy: { field: 'publishedAt', dir: 'desc' }, limit: input.limit, after: input.cursor });
    return { items: page.items.map((n) => toNoticeView(caller, n, now)), next: page.next };
  }
  const { items, next } = (!input.cursor && (await everyActive(db, now, input.limit))) || (await activePage(db, now, input.limit, input.cursor));
  return { items: items.map((n) => toNoticeView(caller, n, now)), next };
};

/**
 * The first page in one read when it is the whole of it: every notice of the window (the
 * withdrawn and expired dropped here) fits in one page of the store and in the page asked
 * for, which is what a community's home page holds. Otherwise null, and the two halves are
 * read as below.
 */
async function everyActive(db: ScopedStore, now: number, limit: number): Promise<{ items: NoticeRecord[]; next?: string } | null> {
  const page = await db.query('notices', { where: { publishedAt: { $gt: now - MAX_NOTICE_DAYS * DAY } }, orderBy: { field: 'publishedAt', dir: 'desc' }, limit: MAX_PAGE });
  if (page.next) return null;
  const active = page.items.filter((n) => isActive(n, now));
  if (active.length > limit) return null;
  // Pinned first, newest first within each (the page is newest first already).
  return { items: [...active.filter((n) => n.pinned), ...active.filter((n) => !n.pinned)] };
}

/**
 * The cursor says which half it is in: 「p…」 pinned, 「u…」 the others (「u」 alone: their
 * first page), followed by the store's own cursor.
 */
async function activePage(db: ScopedStore, now: number, limit: number, cursor: string | undefined): Promise<{ items: NoticeRecord[]; next?: string }> {
  const items: NoticeRecord[] = [];
  let half: 'p' | 'u' = cursor?.startsWith('u') ? 'u' : 'p';
  let after = cursor ? cursor.slice(1) || undefined : undefined;
  for (;;) {
    // Asking for no more than is missing: the store's cursor then points after the last row kept.
    const page = await db.query('notices', {
      where: { status: 'published', pinned: half === 'p', publishedAt: { $gt: now - MAX_NOTICE_DAYS * DAY } },
      orderBy: { field: 'publishedAt', dir: 'desc' },
      limit: limit - items.length,
      after,
    });
    items.push(...page.items.filter((n) => isActive(n, now)));
    if (page.next && items.length >= limit) return { items, next: `${half}${page.next}` };
    if (!page.next && half === 'u') return { items };
    if (page.next) after = page.next;
    else {
      half = 'u';
      after = undefined;
      if (items.length >= limit) return { items, next: 'u' };
    }
  }
}
