/**
 * The one wrapper every action goes through: resolve the caller from the platform, check
 * role, validate input with the shared schema, run the use case, and map every outcome to
 * the envelope. Nothing thrown inside ever reaches the caller as text.
 */
import { z } from 'zod';
import type { ActionContract } from '../../../miniprogram/core/action';
import type { ActionName } from '../../../miniprogram/core/contracts';
import { fail, ok, type Envelope } from '../../../miniprogram/core/envelope';
import { AppError } from '../../../miniprogram/core/errors';
import { validateInput } from '../../../miniprogram/core/validate';
import { idempotencyKey as idempotencyKeySchema } from '../../../miniprogram/core/schema';
import { DuplicateKeyError, REFERENCE_COLLECTIONS, TransactionConflictError } from '../ports/store';
import type { ActionDef } from './action';
import { makeContext } from './action';
import { memberIdFor, primaryRole, resolveCallerWith, type Caller } from './caller';
import type { Deps } from './deps';
import type { FeatureRegistry } from './feature';
import { PrefetchedStore } from './prefetched-store';
import { BatchingStore } from './batching-store';
import { enforceRateLimit } from './rate-limit';
import { withoutEmbeddedEvents } from './versioned';

// Unknown top-level keys are dropped, not refused: the platform adds its own (userInfo).
const eventSchema = z.object({
  action: z.string().min(1).max(64),
  data: z.unknown().optional(),
  idempotencyKey: z.unknown().optional(),
});

/** Finds an action by the name a caller sent: own names only, never `__proto__`. */
export type Lookup = (name: string) => (ActionDef<ActionContract> & { name: ActionName }) | undefined;

export interface DispatchOptions {
  /** The caller's OPENID as the platform reports it; null when there is none. */
  openid: string | null;
  features: FeatureRegistry;
}

/**
 * What someone without the role is told. Residents' actions need a household: a visitor is
 * asked to bind, and a member of the community who is no longer bound (moved, unbound) is
 * told so and what to do — not a bare 没有权限.
 */
function refusalFor(caller: Caller, roles: readonly string[]): string | undefined {
  if (!roles.includes('resident')) return undefined;
  if (caller.communityId && !caller.roles.includes('visitor')) return '您目前没有绑定住户，不能使用此功能。如已搬家或解除了绑定，请在「我的」重新绑定住户';
  if (caller.communityId) return '您已不再绑定住户。如已搬家，请在「我的」重新绑定新的住户后再使用此功能';
  return '请先绑定住户后再使用此功能';
}

export async function dispatch(
  lookup: Lookup,
  deps: Deps,
  rawEvent: unknown,
  { openid, features }: DispatchOptions,
): Promise<Envelope<unknown>> {
  const started = deps.clock.now();
  const t0 = performance.now();
  let caller: Caller | undefined;
  let actionName = '(invalid)';
  let result: Envelope<unknown>;
  try {
    result = await run();
  } catch (err) {
    result = toFailure(err);
  }
  deps.log.info({
    action: actionName,
    role: caller ? primaryRole(caller) : 'unknown',
    code: result.ok ? 'OK' : result.error.code,
    ms: Math.round((performance.now() - t0) * 10) / 10,
  });
  return result;

  async function run(): Promise<Envelope<unknown>> {
    const event = eventSchema.safeParse(rawEvent);
    if (!event.success) return fail('VALIDATION_ERROR', '请求格式不正确');
    const def = lookup(event.data.action);
    if (!def) return fail('UNKNOWN_ACTION');
    actionName = def.contract.name;
    const contract = def.contract;

    // Checking the request needs no database; its verdict waits until the caller is known,
    // so who may not call an action hears that first.
    const parsedKey = contract.idempotent ? idempotencyKeySchema.safeParse(event.data.idempotencyKey) : undefined;
    const key = parsedKey?.success ? parsedKey.data : undefined;
    const input = validateInput(contract, event.data.data);
    // The rate limit is the caller's, known from the openid alone: it is counted while the
    // member record is read, not after (one wait less). A call then refused for its role
    // was still a call, and counts.
    const counted: Promise<unknown> =
      openid && input.ok && (!parsedKey || parsedKey.success)
        ? enforceRateLimit(deps.store, deps.config.rateLimits, def.name, memberIdFor(openid), started, key).then(() => null, (err: unknown) => err)
        : Promise.resolve(null);
    // Reads the action declares it will make go in the member record's round-trip; with
    // nothing to prefetch (or input that is refused anyway) the record is read alone.
    const parts = def.prefetch && openid && input.ok ? def.prefetch(input.data, memberIdFor(openid), started) : undefined;
    const resolved = await resolveCallerWith(openid, deps, parts).finally(() => counted);
    caller = resolved.caller;
    const limited = await counted;
    // No platform identity: only public reads. A visitor is someone signed in to WeChat.
    if (!caller.openid && !contract.anonymous) return fail('UNAUTHENTICATED');
    if (!caller.roles.some((r) => contract.roles.includes(r))) return fail('FORBIDDEN', refusalFor(caller, contract.roles));
    if (parsedKey && !parsedKey.success) return fail('VALIDATION_ERROR', '缺少有效的请求标识（idempotencyKey）');
    if (!input.ok) return input;
    if (limited) throw limited;
    // The handler's reads started together travel together, anchored on the caller's record
    // when there is one (an aggregate on a missing one would read nothing and cost a round-trip).
    const record = resolved.record;
    const anchor = record ? { collection: 'members' as const, id: record._id } : null;
    const gathered = { ...deps, store: new BatchingStore(deps.store, anchor, REFERENCE_COLLECTIONS, record ? (record.openid ? record : { ...record, openid }) : undefined) };
    const store = parts && resolved.parts && record ? new PrefetchedStore(gathered.store, parts, resolved.parts, record) : gathered.store;
    const ctx = makeContext(gathered, features, caller, input.data, started, key, store);
    // Versioned documents carry their latest audit event (it may name someone else): never in a reply.
    return ok(withoutEmbeddedEvents(await def.handler(ctx)));
  }

  function toFailure(err: unknown): Envelope<never> {
    if (err instanceof AppError) return { ok: false, error: err.toBody() };
    if (err instanceof DuplicateKeyError || err instanceof TransactionConflictError) {
      return fail('CONFLICT', '操作冲突，请稍后重试');
    }
    deps.log.error({
      action: actionName,
      error: err instanceof Error ? `${err.name}: ${err.message}` : 'non-error thrown',
      stack: err instanceof Error ? err.stack?.split('\n').slice(0, 6).join(' | ') : undefined,
    });
    return fail('INTERNAL');
  }
}
