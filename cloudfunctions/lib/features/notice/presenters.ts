import type { NoticeView } from '../../../../miniprogram/core/disclosure/notice-contract';
import type { Caller } from '../../kernel/caller';
import { isStaff, noticeActions } from './permissions';
import type { NoticeRecord } from './records';

/** Why a notice was withdrawn is the staff's business; residents never see withdrawn ones anyway. */
export function toNoticeView(caller: Caller, n: NoticeRecord, now: number): NoticeView {
  return {
    noticeId: n._id,
    title: n.title,
    body: n.body,
    pinned: n.pinned,
    publishedAt: n.publishedAt,
    expiresAt: n.expiresAt,
    expired: now >= n.expiresAt,
    withdrawn: n.status === 'withdrawn',
    withdrawReason: isStaff(caller) ? n.withdrawReason : null,
    byName: n.byName,
    allowedActions: noticeActions(caller, n, now),
  };
}
