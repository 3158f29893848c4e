/**
 * Per-caller rate limits on the actions bots and angry loops abuse (submits, reports,
 * invite guessing, votes). Fixed windows counted by conditional increments, so parallel
 * calls cannot overshoot; a retry with the same idempotency key is not counted twice.
 * Limits are configuration: each manifest's defaults, LINLI_RATE_LIMITS over them.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../miniprogram/core/errors';
import { contracts, type ActionName } from '../../../miniprogram/core/contracts';
import { op, type Store } from '../ports/store';

export interface RateRule {
  limit: number;
  windowSeconds: number;
}

/** Rules per action; each feature's manifest declares its own (see manifests.ts). */
export type RateLimits = Partial<Record<ActionName, readonly RateRule[]>>;

const actionNames = Object.keys(contracts) as [ActionName, ...ActionName[]];
const ruleSchema = z.array(z.object({ limit: z.number().int().min(1), windowSeconds: z.number().int().min(1) }));
// A rule for an action that does not exist is a typo that would silently limit nothing.
const rulesSchema = z.partialRecord(z.enum(actionNames), ruleSchema);

/** Reads LINLI_RATE_LIMITS (JSON, same shape as the defaults) over the features' defaults. */
export function parseRateLimits(raw: string | undefined, defaults: RateLimits): RateLimits {
  if (!raw) return defaults;
  const parsed = rulesSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`LINLI_RATE_LIMITS is not a valid rate-limit table: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.code}`).join('; ')}`);
  return { ...defaults, ...parsed.data };
}

export interface WindowRecord {
  _id: string;
  count: number;
  keys: Record<string, true>;
  expiresAt: number;
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
  if (!rules) return;
  // A field name must start with a letter; idempotency keys may start with a digit.
  const keyField = idempotencyKey ? `keys.k_${idempotencyKey.replace(/-/g, '_')}` : undefined;
  for (const rule of rules) {
    const width = rule.windowSeconds * 1000;
    const start = Math.floor(now / width) * width;
    const id = `rl_${createHash('sha256').update(`${callerKey}|${action}|${rule.windowSeconds}|${start}`).digest('hex').slice(0, 32)}`;
    const mark = keyField ? { [keyField]: true } : {};
    const fresh = keyField ? { [keyField]: { $exists: false } } : {};
    // Count into an existing window first (one write, the usual case); the first call of a
    // window creates it already counted. Losing that creation race means it now exists.
    if (await store.update('rateWindows', id, { count: op.inc(1), ...mark }, { count: { $lt: rule.limit }, ...fresh })) continue;
    const keys = keyField ? { [keyField.slice('keys.'.length)]: true as const } : {};
    if (await store.insert('rateWindows', { _id: id, count: 1, keys, expiresAt: start + width } satisfies WindowRecord)) continue;
    if (await store.update('rateWindows', id, { count: op.inc(1), ...mark }, { count: { $lt: rule.limit }, ...fresh })) continue;
    if (keyField) {
      const window = await store.get('rateWindows', id);
      if (window?.keys[keyField.slice('keys.'.length)]) continue;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((start + width - now) / 1000));
    throw new AppError('RATE_LIMITED', `操作太频繁，请${retryAfterSeconds >= 3600 ? `${Math.ceil(retryAfterSeconds / 3600)}小时` : `${Math.ceil(retryAfterSeconds / 60)}分钟`}后再试`, { retryAfterSeconds });
  }
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
