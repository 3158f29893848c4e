/**
 * Per-caller rate limits on the actions bots and angry loops abuse (submits, reports,
 * invite guessing, votes). Fixed windows counted by conditional increments, so parallel
 * calls cannot overshoot; a retry with the same idempotency key is not counted twice.
 * All of a caller's windows of one day share a document: one write per counted call.
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
  // Windows live in one document per caller and day, so a window must divide the day evenly.
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
 * One document per caller and day holds every window of every action: a counter map per
 * window width (an hour, a day…) with the start of its current window. Counting is then one
 * conditional increment, whatever the action and however many rules it has; a retry of the
 * same request is recognised by its key and not counted twice.
 */
export interface WindowRecord {
  _id: string;
  /** `s<width>`: the start of the current window of that width (ms); `c<width>`: counts by action. */
  [field: `s${number}`]: number;
  [field: `c${number}`]: Record<string, number>;
  keys: Record<string, true>;
  /** The end of the day the document counts; the sweep drops it after. */
  expiresAt: number;
}

/** Counter name of an action inside a window's map (a dot would be a path). */
const counterOf = (action: string) => action.replace(/\./g, '_');

/** The strictest limit per window width: two rules of one width share one counter. */
function limitsByWidth(rules: readonly RateRule[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rules) out.set(r.windowSeconds, Math.min(r.limit, out.get(r.windowSeconds) ?? Infinity));
  return out;
}

/** Every action with a rule of this width at zero, so a conditional increment finds its field. */
function zeros(limits: RateLimits, width: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [action, rules] of Object.entries(limits)) if (rules?.some((r) => r.windowSeconds === width)) out[counterOf(action)] = 0;
  return out;
}

const ATTEMPTS = 6;

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
  const day = Math.floor(now / DAY_MS) * DAY_MS;
  const id = `rl_${createHash('sha256').update(`${callerKey}|${day}`).digest('hex').slice(0, 32)}`;
  const startOf = (width: number) => Math.floor(now / (width * 1000)) * width * 1000;
  // A field name must start with a letter; idempotency keys may start with a digit.
  const keyName = idempotencyKey ? `k_${idempotencyKey.replace(/-/g, '_')}` : undefined;
  const mark = keyName ? { [`keys.${keyName}`]: true } : {};
  const fresh = keyName ? { [`keys.${keyName}`]: { $exists: false } } : {};

  const fastWhere: Filter = { ...fresh };
  const fastPatch: Patch = { ...mark };
  for (const [width, limit] of widths) {
    fastWhere[`s${width}`] = startOf(width);
    fastWhere[`c${width}.${counter}`] = { $lt: limit };
    fastPatch[`c${width}.${counter}`] = op.inc(1);
  }

  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    // The usual case: this caller's day document exists and its windows are current.
    if (await store.update('rateWindows', id, fastPatch, fastWhere)) return;
    const doc = await store.get('rateWindows', id);
    if (!doc) {
      const first: WindowRecord = { _id: id, keys: keyName ? { [keyName]: true } : {}, expiresAt: day + DAY_MS };
      for (const width of widths.keys()) {
        first[`s${width}`] = startOf(width);
        first[`c${width}`] = { ...zeros(limits, width), [counter]: 1 };
      }
      if (await store.insert('rateWindows', first)) return;
      continue; // someone else opened the day: count into it
    }
    if (keyName && doc.keys?.[keyName]) return; // a retry of a counted request
    // Rolled windows restart (compare-and-set on their start); a full one refuses.
    const where: Filter = { ...fresh };
    const patch: Patch = { ...mark };
    let retryAfterMs = 0;
    for (const [width, limit] of widths) {
      const start = startOf(width);
      const storedStart = doc[`s${width}`] as number | undefined;
      if (storedStart !== start) {
        where[`s${width}`] = storedStart ?? { $exists: false };
        patch[`s${width}`] = start;
        patch[`c${width}`] = { ...zeros(limits, width), [counter]: 1 };
        continue;
      }
      const used = (doc[`c${width}`] as Record<string, number> | undefined)?.[counter];
      if ((used ?? 0) >= limit) retryAfterMs = Math.max(retryAfterMs, start + width * 1000 - now);
      where[`s${width}`] = start;
      where[`c${width}.${counter}`] = used ?? { $exists: false };
      patch[`c${width}.${counter}`] = (used ?? 0) + 1;
    }
    if (retryAfterMs > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
      throw new AppError('RATE_LIMITED', `操作太频繁，请${retryAfterSeconds >= 3600 ? `${Math.ceil(retryAfterSeconds / 3600)}小时` : `${Math.ceil(retryAfterSeconds / 60)}分钟`}后再试`, { retryAfterSeconds });
    }
    if (await store.update('rateWindows', id, patch, where)) return;
  }
  throw new AppError('CONFLICT', '操作冲突，请稍后重试');
}

/**
 * Removes windows that have closed (bounded per run). CloudBase's TTL indexes expire only
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
