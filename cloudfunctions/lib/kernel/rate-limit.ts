/**
 * Per-caller rate limits on the actions bots and angry loops abuse (submits, reports,
 * invite guessing, votes). Fixed windows counted by conditional increments, so parallel
 * calls cannot overshoot; a retry with the same idempotency key is not counted twice.
 * All of a caller's windows share one document: one write per counted call.
 * Limits are configuration: each manifest's defaults, LINLI_RATE_LIMITS over them.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../miniprogram/core/errors';
import { ACTION_NAMES } from '../../../miniprogram/core/action-names';
import type { ActionName } from '../../../miniprogram/core/contracts';
import { op, type Filter, type Patch, type Store } from '../ports/store';

export interface RateRule {
  limit: number;
  windowSeconds: number;
}

/** Rules per action; each feature's manifest declares its own (see manifests.ts). */
export type RateLimits = Partial<Record<ActionName, readonly RateRule[]>>;

/**
 * The table's schema, built when LINLI_RATE_LIMITS is read rather than when the function
 * loads: most instances never set it, and an enum of every action name is not free.
 */
function rulesSchema() {
  // Windows are counted by day, so a window must divide the day evenly.
  const ruleSchema = z.array(
    z.object({
      limit: z.number().int().min(1),
      windowSeconds: z.number().int().min(1).max(86_400).refine((w) => 86_400 % w === 0, 'a window must divide the day (60, 3600, 86400…)'),
    }),
  );
  // A rule for an action that does not exist is a typo that would silently limit nothing.
  return z.partialRecord(z.enum(ACTION_NAMES as unknown as [ActionName, ...ActionName[]]), ruleSchema);
}

/** Reads LINLI_RATE_LIMITS (JSON, same shape as the defaults) over the features' defaults. */
export function parseRateLimits(raw: string | undefined, defaults: RateLimits): RateLimits {
  if (!raw) return defaults;
  const parsed = rulesSchema().safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`LINLI_RATE_LIMITS is not a valid rate-limit table: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.code}`).join('; ')}`);
  return { ...defaults, ...parsed.data };
}

const DAY_SECONDS = 86_400;
const DAY_MS = DAY_SECONDS * 1000;
/**
 * How long a caller's document outlives their last counted call. Anyone who acts at least
 * this often never pays for opening it again; each count clears the days before it within
 * this span, so a document holds one day's windows (two around midnight).
 */
const KEPT_DAYS = 8;

/**
 * One document per caller holds every window of every action, by day: `d<day>` (days since
 * the epoch, UTC) maps each window, named by its width and its place in the day (`w3600_9`:
 * the tenth hour), to counters by action, beside the day's idempotency keys. A new window
 * or a new day is a new field, so counting is one conditional increment whether or not it
 * has opened yet: `$ne: limit` matches a counter still missing, and counters only grow by
 * one through that same condition, so "not at the limit" is "under it". (A limit lowered
 * below a window's count applies from the next window.) A retry of the same request is
 * recognised by its key and not counted twice. Only a caller's first counted call ever (or
 * after KEPT_DAYS away) opens the document: one write more (an insert), once.
 */
export interface WindowRecord {
  _id: string;
  [day: `d${number}`]: DayWindows;
  /** KEPT_DAYS after the start of the day last counted; the sweep drops the document after. */
  expiresAt: number;
}

interface DayWindows {
  keys?: Record<string, true>;
  /** `w<width>_<index>`: counts by action in that window of the day. */
  [window: `w${number}_${number}`]: Record<string, number>;
}

/** The document that counts this caller's calls (a hash: no openid in an id). */
export const rateDocumentId = (callerKey: string) => `rl_${createHash('sha256').update(callerKey).digest('hex').slice(0, 32)}`;

/** Counter name of an action inside a window's map (a dot would be a path). */
const counterOf = (action: string) => action.replace(/\./g, '_');

/** The strictest limit per window width: two rules of one width share one counter. */
function limitsByWidth(rules: readonly RateRule[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rules) out.set(r.windowSeconds, Math.min(r.limit, out.get(r.windowSeconds) ?? Infinity));
  return out;
}

const ATTEMPTS = 6;

/**
 * The documents this instance has seen exist, by database (a store: tests and the bench
 * each bring their own) and id, until their expiry. It only chooses the order of the next
 * steps when the count missed, never what is counted: a document seen is looked at (a
 * retry, a full window: as cheap as the call it repeats), one never seen is opened straight
 * away (a first-timer, mostly visitors: no look before the insert), and an insert refused
 * because it exists after all is followed by the look. Bounded: the oldest go first.
 */
const SEEN_LIMIT = 10_000;
const seenByStore = new WeakMap<object, Map<string, number>>();
function seenDocuments(store: Store): Map<string, number> {
  let seen = seenByStore.get(store);
  if (!seen) seenByStore.set(store, (seen = new Map()));
  return seen;
}
function remember(seen: Map<string, number>, id: string, expiresAt: number) {
  seen.delete(id);
  if (seen.size >= SEEN_LIMIT) seen.delete(seen.keys().next().value as string);
  seen.set(id, expiresAt);
}

/** Counts this call against every window of the action; RATE_LIMITED with retryAfter when over. */
export async function enforceRateLimit(
  store: Store,
  limits: RateLimits,
  action: ActionName,
  callerKey: string,
  now: number,
  idempotencyKey?: string,
): Promise<void> {
  const rules = Object.prototype.hasOwnProperty.call(limits, action) ? limits[action] : undefined;
  if (!rules?.length) return;
  const widths = limitsByWidth(rules);
  const counter = counterOf(action);
  const dayNumber = Math.floor(now / DAY_MS);
  const day = dayNumber * DAY_MS;
  const today = `d${dayNumber}` as const;
  const id = rateDocumentId(callerKey);
  const windowOf = (width: number) => `w${width}_${Math.floor((now - day) / (width * 1000))}` as const;
  // A field name must start with a letter; idempotency keys may start with a digit.
  const keyName = idempotencyKey ? `k_${idempotencyKey.replace(/-/g, '_')}` : undefined;
  const expiresAt = day + KEPT_DAYS * DAY_MS;

  // An expired document (its sweep not run yet) is not counted on: it may hold days this
  // count would not clear.
  const where: Filter = { expiresAt: { $gt: now } };
  const patch: Patch = { expiresAt };
  if (keyName) {
    where[`${today}.keys.${keyName}`] = { $exists: false };
    patch[`${today}.keys.${keyName}`] = true;
  }
  for (const [width, limit] of widths) {
    where[`${today}.${windowOf(width)}.${counter}`] = { $ne: limit };
    patch[`${today}.${windowOf(width)}.${counter}`] = op.inc(1);
  }
  for (let back = 1; back <= KEPT_DAYS; back += 1) patch[`d${dayNumber - back}`] = op.unset();

  const seen = seenDocuments(store);
  const opening = (): WindowRecord => {
    const windows: DayWindows = keyName ? { keys: { [keyName]: true } } : {};
    for (const width of widths.keys()) windows[windowOf(width)] = { [counter]: 1 };
    return { _id: id, [today]: windows, expiresAt } as WindowRecord;
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    // The usual case, a new window or day included: one conditional increment.
    if (await store.update('rateWindows', id, patch, where)) {
      remember(seen, id, expiresAt);
      return;
    }
    // Not counted: a retry of a counted request, a full window, or the caller's first
    // counted call (the document is opened once in a caller's life, or after KEPT_DAYS
    // away). A document this instance has seen is looked at first, which keeps a retry as
    // cheap as the call it repeats; one it has not is opened at once, a look only if it
    // turns out to exist.
    const known = (seen.get(id) ?? 0) > now;
    let doc = known ? await store.get('rateWindows', id) : null;
    if (!doc) {
      if (await store.insert('rateWindows', opening())) {
        remember(seen, id, expiresAt);
        return;
      }
      // It exists: opened meanwhile by a parallel call, or before this instance knew it.
      doc = await store.get('rateWindows', id);
      if (!doc) continue;
    }
    remember(seen, id, doc.expiresAt);
    if (doc.expiresAt <= now) {
      await store.remove('rateWindows', id, { expiresAt: { $lte: now } });
      seen.delete(id);
      continue;
    }
    const counted = doc[today];
    if (keyName && counted?.keys?.[keyName]) return; // a retry of a counted request
    let retryAfterMs = 0;
    for (const [width, limit] of widths) {
      const used = counted?.[windowOf(width)]?.[counter] ?? 0;
      const end = day + (Math.floor((now - day) / (width * 1000)) + 1) * width * 1000;
      if (used >= limit) retryAfterMs = Math.max(retryAfterMs, end - now);
    }
    if (retryAfterMs > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
      throw new AppError('RATE_LIMITED', `操作太频繁，请${retryAfterSeconds >= 3600 ? `${Math.ceil(retryAfterSeconds / 3600)}小时` : `${Math.ceil(retryAfterSeconds / 60)}分钟`}后再试`, { retryAfterSeconds });
    }
    // Under every limit and not this key: a parallel call changed the document; count again.
  }
  throw new AppError('CONFLICT', '操作冲突，请稍后重试');
}

/**
 * Removes the documents of callers not counted for KEPT_DAYS (bounded per run). CloudBase's TTL indexes expire only
 * BSON dates, and `expiresAt` is a number: without this the collection would grow forever.
 */
export async function dropClosedWindows(store: Store, now: number, budget: { items: number }) {
  const closed = await store.query('rateWindows', { where: { expiresAt: { $lt: now } }, orderBy: { field: 'expiresAt', dir: 'asc' }, limit: budget.items });
  let dropped = 0;
  for (const w of closed.items) if (await store.remove('rateWindows', w._id, { expiresAt: { $lt: now } })) dropped += 1;
  return { dropped };
}

declare module '../ports/store' {
  interface CollectionRecords {
    rateWindows: WindowRecord;
  }
}
