/**
 * What every feature's 今日待办 hook shares: the row's shape with its label and key filled in,
 * and the few reasons a row gives, worded one way across features (「还剩2小时超时」「已超时1天」
 * 「已等待9天」「今天 14:00」), so a worker reads the list in one voice.
 */
import dayjs from 'dayjs';
import { TODAY_KIND_LABELS, type TodayKind, type TodayRow } from '../../../../miniprogram/core/workbench/today';
import { COMMUNITY_TZ, DAY, HOUR } from '../../kernel/time';

const MINUTE = 60 * 1000;

export function todayRow(kind: TodayKind, id: string, row: Omit<TodayRow, 'key' | 'kind' | 'kindLabel'>): TodayRow {
  return { key: `${kind}:${id}`, kind, kindLabel: TODAY_KIND_LABELS[kind], ...row };
}

/** 「2小时」「1天」「30分钟」: whole units down, as the queue's cards count (剩6天), never 0. */
function span(ms: number): string {
  if (ms >= DAY) return `${Math.floor(ms / DAY)}天`;
  if (ms >= HOUR) return `${Math.floor(ms / HOUR)}小时`;
  return `${Math.max(1, Math.ceil(ms / MINUTE))}分钟`;
}

/** Before a deadline: 「还剩2小时超时」 (or another word than 超时: 「还剩2天到期」). */
export function leftText(dueAt: number, now: number, word = '超时'): string {
  return `还剩${span(dueAt - now)}${word}`;
}

/** Past a deadline: 「已超时1天」 (or 「已逾期1天」). */
export function pastText(dueAt: number, now: number, word = '超时'): string {
  return `已${word}${span(now - dueAt)}`;
}

/** Either of the two, by the clock. */
export function clockText(dueAt: number, now: number, words: { left?: string; past?: string } = {}): string {
  return dueAt > now ? leftText(dueAt, now, words.left) : pastText(dueAt, now, words.past);
}

/** 「已等待9天」: how long something has waited on staff. */
export function waitedText(since: number, now: number): string {
  return `已等待${Math.max(1, Math.floor((now - since) / DAY))}天`;
}

/** 「今天 14:00」, in the community's time. */
export function todayAtText(at: number): string {
  return `今天 ${dayjs(at).tz(COMMUNITY_TZ).format('HH:mm')}`;
}

/** The community's day around `now`: [start, end) in Beijing time. */
export function localDay(now: number): { start: number; end: number } {
  const start = dayjs(now).tz(COMMUNITY_TZ).startOf('day').valueOf();
  return { start, end: start + DAY };
}

/** Whether a window of `length` is near its end: within 4 hours or its last quarter. */
export function nearEnd(dueAt: number, length: number, now: number): boolean {
  const left = dueAt - now;
  return left <= Math.max(4 * HOUR, length / 4);
}

export function pageOf(id: string, base: string, param = 'id'): string {
  return `${base}?${param}=${encodeURIComponent(id)}`;
}
