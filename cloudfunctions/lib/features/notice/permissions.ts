/**
 * Who may do what with a 社区公告. Everyone in the community reads the ones on the home page;
 * staff also see the expired and withdrawn ones; admins publish and withdraw. Pure: the
 * handlers and `allowedActions` share it.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { hasRole, type Caller } from '../../kernel/caller';
import type { NoticeRecord } from './records';

export const isStaff = (caller: Caller) => hasRole(caller, 'gridWorker', 'admin');
export const isAdmin = (caller: Caller) => hasRole(caller, 'admin');

/** On the home page: published, not withdrawn, not yet at its expiry. */
export const isActive = (n: Pick<NoticeRecord, 'status' | 'expiresAt'>, now: number) => n.status === 'published' && now < n.expiresAt;

export function noticeActions(caller: Caller, n: NoticeRecord, now: number): ActionName[] {
  const out: ActionName[] = ['notice.list'];
  // An expired notice is already off the page: there is nothing left to withdraw.
  if (isAdmin(caller) && isActive(n, now)) out.push('notice.withdraw');
  return out;
}
