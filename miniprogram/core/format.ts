/**
 * Display helpers shared by pages and exports. China has used a single UTC+8 offset with no
 * daylight saving since 1991, so Asia/Shanghai display is a fixed shift of the UTC instant.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `2026-11-28 10:44` in Beijing time. */
export function formatDateTime(instant: number): string {
  const d = new Date(instant + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `11月28日` in Beijing time. */
export function formatDay(instant: number): string {
  const d = new Date(instant + SHANGHAI_OFFSET_MS);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** "刚刚", "5分钟前", "3小时前", else the date; for lists where recency matters. */
export function formatRelative(instant: number, now: number): string {
  const diff = Math.max(0, now - instant);
  if (diff < 60_000) return '刚刚';
  if (diff < 3600_000) return `${Math.floor(diff / 60_000)}分钟前`;
  if (diff < 24 * 3600_000) return `${Math.floor(diff / 3600_000)}小时前`;
  return formatDateTime(instant);
}

/** First characters of a text for list rows, without cutting a surrogate pair in half. */
export function excerpt(text: string, max = 40): string {
  const chars = Array.from(text.replace(/\s+/g, ' '));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}
