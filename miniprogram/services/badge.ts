/**
 * The badge on the 我的 tab: unread messages, and for staff also 今日待办's rows (the workbench
 * is reached from 我的). Refreshed when the app comes to the front, when 我的 shows, and after
 * messages are read. Failures leave the badge as it was: a stale count is better than an
 * error for something this small.
 */
import type { Envelope } from '../core/envelope';
import { unreadCount } from '../core/notify/contract';
import { today } from '../core/workbench/contract';
import { call } from './api';

/** 我的 is the fourth tab (app.json tabBar.list). */
export const ME_TAB_INDEX = 3;
export const BADGE_MAX = 99;

/** The slice of wx used here. */
export interface BadgeWx {
  setTabBarBadge?: (options: { index: number; text: string; fail?: () => void }) => unknown;
  removeTabBarBadge?: (options: { index: number; fail?: () => void }) => unknown;
}

export type UnreadFetch = () => Promise<Envelope<{ count: number; more: boolean }>>;
export type TodayFetch = () => Promise<Envelope<{ total: number; more: boolean }>>;

/**
 * Whether the caller works the workbench: set by the pages that learn it from member.me, so
 * the app's own refresh (onShow, before any page asked) counts 今日待办 once a staff member
 * has been seen. A resident's badge never asks for it.
 */
let staffToday = false;
export function setStaffBadge(on: boolean): void {
  staffToday = on;
}
const todayFetch: TodayFetch = () => call(today, {});

/** '' = no badge; the server counts up to 99 and says when there are more. */
export function badgeText(count: number, more = false): string {
  if (more || count > BADGE_MAX) return `${BADGE_MAX}+`;
  if (!(count >= 1)) return '';
  return String(Math.floor(count));
}

const ignore = () => undefined;

/** Shows `text` on the 我的 tab, or removes the badge for ''. Never throws. */
export function applyBadge(w: BadgeWx, text: string): void {
  try {
    // Outside a tab page WeChat may refuse; the next tab page shown refreshes it.
    if (text) w.setTabBarBadge?.({ index: ME_TAB_INDEX, text, fail: ignore });
    else w.removeTabBarBadge?.({ index: ME_TAB_INDEX, fail: ignore });
  } catch {
    // No tab bar here: nothing to show.
  }
}

async function settled<T>(fetch: () => Promise<Envelope<T>>): Promise<Envelope<T> | null> {
  try {
    return await fetch();
  } catch {
    return null;
  }
}

/**
 * Reads the unread count (and, for staff, 今日待办's total) and puts their sum on the tab.
 * Resolves to the unread text alone ('' = none), which 我的 shows on its messages row, or
 * null when the unread count could not be read. A failed 今日待办 read counts as none.
 * Never rejects.
 */
export async function refreshBadge(
  w: BadgeWx,
  fetch: UnreadFetch = () => call(unreadCount, {}),
  work: TodayFetch | null = staffToday ? todayFetch : null,
): Promise<string | null> {
  const [res, todo] = await Promise.all([settled(fetch), work ? settled(work) : Promise.resolve(null)]);
  if (!res?.ok) return null;
  const extra = todo?.ok ? todo.data : { total: 0, more: false };
  applyBadge(w, badgeText(res.data.count + extra.total, res.data.more || extra.more));
  return badgeText(res.data.count, res.data.more);
}
