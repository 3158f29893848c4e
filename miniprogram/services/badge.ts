/**
 * The unread badge on the 我的 tab. Refreshed when the app comes to the front, when 我的
 * shows, and after messages are read. Failures leave the badge as it was: a stale count
 * is better than an error for something this small.
 */
import type { Envelope } from '../core/envelope';
import { unreadCount } from '../core/notify/contract';
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

/**
 * Reads the unread count and puts it on the tab. Resolves to the badge text ('' = none),
 * or null when the count could not be read. Never rejects.
 */
export async function refreshBadge(w: BadgeWx, fetch: UnreadFetch = () => call(unreadCount, {})): Promise<string | null> {
  let res: Envelope<{ count: number; more: boolean }>;
  try {
    res = await fetch();
  } catch {
    return null;
  }
  if (!res.ok) return null;
  const text = badgeText(res.data.count, res.data.more);
  applyBadge(w, text);
  return text;
}
