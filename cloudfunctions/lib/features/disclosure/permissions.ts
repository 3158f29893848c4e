/**
 * Who may do what with a 居务公开 item. Everyone in the community reads what is published;
 * only staff see a draft, its flags and its reviewers' decisions; only an admin publishes; a
 * committee member never supervises an item they drafted, reviewed or published. Pure; the
 * handlers and `allowedActions` share it.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { AppError } from '../../../../miniprogram/core/errors';
import { hasRole, type Caller } from '../../kernel/caller';
import type { ItemRecord } from './records';

export const isStaff = (caller: Caller) => hasRole(caller, 'gridWorker', 'admin');
export const isAdmin = (caller: Caller) => hasRole(caller, 'admin');

/** Residents see an item once its first version is up; staff from its first draft. */
export const mayRead = (caller: Caller, item: ItemRecord) => item.currentNumber > 0 || isStaff(caller);

export const isAuthor = (caller: Caller, item: ItemRecord) => caller.memberId !== null && item.authorIds.includes(caller.memberId);

export function requireDraft(item: ItemRecord): NonNullable<ItemRecord['draft']> {
  if (!item.draft) throw new AppError('CLOSED', '该事项已公开，公开的版本不能修改；如有错误请点「更正」');
  return item.draft;
}

/**
 * What the caller may do next. `mayOpine`: the committee's word (opinions.ts) — the caller
 * sits, had no hand in the item and has not yet given an opinion on its current version.
 */
export function itemActions(caller: Caller, item: ItemRecord, mayOpine: boolean): ActionName[] {
  const out: ActionName[] = ['disclosure.get'];
  const published = item.currentNumber > 0;
  if (isStaff(caller)) {
    if (item.draft) out.push('disclosure.draft', 'disclosure.review');
    if (item.draft && isAdmin(caller)) out.push('disclosure.publish');
    if (item.state === 'published') out.push('disclosure.correct');
    if (item.openObjections > 0) out.push('disclosure.respond');
    if (item.openQuestions > 0) out.push('disclosure.answer');
  }
  if (published && mayOpine && !isAuthor(caller, item)) out.push('disclosure.opinion');
  if (published && hasRole(caller, 'resident') && caller.householdId) out.push('disclosure.ask');
  return out;
}
