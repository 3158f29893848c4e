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

/**
 * A person's words as one sentence of a message: cut like `excerpt`, without the closing
 * punctuation they typed, so the message's own `。` never doubles (「…修好了。。」).
 */
export function sentence(text: string, max = 40): string {
  return excerpt(text.replace(/[\s。．.！!？?；;，,、]+$/u, ''), max);
}

/**
 * When something happens, worded from the moment the message is sent: `今天 14:30`,
 * `明天 09:00`, else `12月3日 09:00` (Beijing time) — never "明天" for a start 45 minutes away.
 */
export function formatWhen(instant: number, now: number): string {
  const dayOf = (t: number) => Math.floor((t + SHANGHAI_OFFSET_MS) / 86_400_000);
  const d = new Date(instant + SHANGHAI_OFFSET_MS);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const days = dayOf(instant) - dayOf(now);
  if (days === 0) return `今天 ${time}`;
  if (days === 1) return `明天 ${time}`;
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${time}`;
}
