/**
 * 社区公告: what the committee tells every resident on the home page — pinned ones first,
 * each gone from the page at its expiry (still listed for staff). A notice passes the same
 * personal-data scan as a disclosure; a flagged number or name stays only when the publisher
 * keeps it on purpose (a public hotline, an officer).
 */
import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import { z, id, text, paging } from '../schema';

export interface NoticeView {
  noticeId: string;
  title: string;
  body: string;
  pinned: boolean;
  publishedAt: number;
  expiresAt: number;
  expired: boolean;
  withdrawn: boolean;
  /** Why it was withdrawn; staff only see withdrawn notices. */
  withdrawReason: string | null;
  byName: string;
  allowedActions: ActionName[];
}

/**
 * What the personal-data scan found, in a refusal's details: where, not what — the page holds
 * the text and shows `text.slice(start, end)`; to publish it anyway it sends that string in `keep`.
 */
export interface NoticeFinding {
  field: 'title' | 'body';
  kind: 'name' | 'phone' | 'idNumber' | 'room' | 'smallCount';
  kindLabel: string;
  start: number;
  end: number;
}

/** A notice lasts at most this long; a standing rule belongs in the charter instead. */
export const MAX_NOTICE_DAYS = 180;

export const listNotices = contract<Page<NoticeView>>()({
  name: 'notice.list',
  summary: '社区公告（置顶在前，过期不再显示）',
  input: z.strictObject({ when: z.enum(['active', 'all'], { error: '请选择列表' }).default('active'), ...paging }),
  roles: ['resident', 'volunteer', 'supervisor', 'gridWorker', 'admin'],
  scope: '本社区；all（含过期、撤回）只对工作人员',
});

export const publishNotice = contract<NoticeView>()({
  name: 'notice.publish',
  summary: '发布社区公告（可置顶，须设到期时间）',
  input: z.strictObject({
    title: text('公告标题', 4, 40),
    body: text('公告内容', 4, 2000),
    pinned: z.boolean().default(false),
    expiresAt: z.number({ error: '请选择到期时间' }).int(),
    /** Flagged strings the publisher keeps on purpose, as the scan reported them. */
    keep: z.array(text('保留的内容', 1, 40)).max(20).default([]),
  }),
  roles: ['admin'],
  scope: '本社区；到期时间在发布后' + MAX_NOTICE_DAYS + '天内',
  idempotent: true,
});

export const withdrawNotice = contract<NoticeView>()({
  name: 'notice.withdraw',
  summary: '撤回公告（须说明原因）',
  input: z.strictObject({ noticeId: id('公告'), reason: text('撤回原因', 2, 60) }),
  roles: ['admin'],
  scope: '本社区',
});
