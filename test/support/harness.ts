/**
 * A whole backend in memory: SQLite ':memory:', a manual clock and the demo community
 * seeded through the real api function. Tests call actions as the demo people do.
 */
import type { Envelope } from '../../miniprogram/core/envelope';
import { createApiFunction, type CloudFunction } from '../../cloudfunctions/lib/api-function';
import type { Deps } from '../../cloudfunctions/lib/kernel/deps';
import type { RateLimits } from '../../cloudfunctions/lib/kernel/rate-limit';
import { COLLECTIONS, DEFAULT_RATE_LIMITS, templateForKind } from '../../cloudfunctions/lib/manifests';
import { memberIdFor } from '../../cloudfunctions/lib/kernel/caller';
import { DEMO_TEMPLATES } from '../../cloudfunctions/lib/features/notify/templates';
import { InboxNotifier } from '../../cloudfunctions/lib/features/notify/inbox-notifier';
import { demoPhoneExchange, LocalMediaChecker, SignedLocalUrls } from '../../cloudfunctions/lib/platform/local-services';
import { AesGcmCipher } from '../../cloudfunctions/lib/platform/data-cipher';
import { cryptoIds, ManualClock } from '../../cloudfunctions/lib/platform/system';
import { DEMO_WORD_LISTS, WordListChecker } from '../../cloudfunctions/lib/platform/word-list-checker';
import type { LogLine, SubscriptionMessage, SubscriptionSender } from '../../cloudfunctions/lib/ports/platform';
import type { DocumentStore } from '../../cloudfunctions/lib/ports/store';
import { SqliteStore } from '../../cloudfunctions/lib/store/sqlite-store';
import { DEFAULT_REFERENCE_TTL_MS, ReferenceCacheStore } from '../../cloudfunctions/lib/store/reference-cache';
import { seedDemo } from '../../dev/demo-seed';
import { DEMO_APP_ID } from '../../dev/local-deps';

/** 2026-11-28 10:00 Beijing time. */
export const T0 = Date.UTC(2026, 10, 28, 2, 0, 0);

/** Records pushed subscription messages; delivers each idempotency key once, like the file sender. */
export class MemorySender implements SubscriptionSender {
  delivered: SubscriptionMessage[] = [];
  attempts = 0;
  /** Set to make the next send throw (a transient WeChat error). */
  failNext = 0;
  refuse = new Set<string>();
  async send(m: SubscriptionMessage): Promise<'sent' | 'refused'> {
    this.attempts += 1;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('system busy');
    }
    if (this.refuse.has(m.openid)) return 'refused';
    if (!this.delivered.some((d) => d.idempotencyKey === m.idempotencyKey)) this.delivered.push(m);
    return 'sent';
  }
}

export interface Harness {
  deps: Deps & { store: SqliteStore; sender: MemorySender };
  clock: ManualClock;
  api: CloudFunction;
  logs: Array<LogLine | Record<string, unknown>>;
  errors: Array<Record<string, unknown>>;
  /** Calls an action as `openid` (null = no platform identity). */
  call<T = unknown>(openid: string | null, action: string, data?: unknown, idempotencyKey?: string): Promise<Envelope<T>>;
  /** Like call, but fails the test on an error envelope and returns data. */
  ok<T = unknown>(openid: string | null, action: string, data?: unknown, idempotencyKey?: string): Promise<T>;
  ids: Record<string, string>;
  /** The api's reference-data cache (the benchmark warms it as a busy instance would be). */
  referenceCache: ReferenceCacheStore;
  close(): void;
}

export interface HarnessOptions {
  seed?: boolean;
  filename?: string;
  rateLimits?: RateLimits;
  uploadsDir?: string;
  /**
   * Puts a wrapper between the api function and the database (the benchmark's meter): the
   * api and its notifier see the wrapper, `deps.store` stays the raw SQLite store.
   */
  wrapStore?: (store: SqliteStore) => DocumentStore;
  /** The api's reference-data cache (0 = off); production's default unless a suite says otherwise. */
  referenceTtlMs?: number;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock(T0);
  const store = new SqliteStore({ filename: options.filename ?? ':memory:', collections: COLLECTIONS });
  const logs: Harness['logs'] = [];
  const sender = new MemorySender();
  const errors: Harness['errors'] = [];
  const deps = {
    store,
    clock,
    ids: cryptoIds,
    content: new WordListChecker(DEMO_WORD_LISTS),
    media: new LocalMediaChecker(10_000),
    // With an uploads folder, media.register checks the file is in it (as under npm start).
    files: new SignedLocalUrls('http://gateway.test', 'test-secret', clock, undefined, options.uploadsDir),
    phones: demoPhoneExchange,
    cipher: AesGcmCipher.development('test-key'),
    notifier: new InboxNotifier(store, clock, DEMO_TEMPLATES, templateForKind),
    sender,
    log: { info: (l: LogLine | Record<string, unknown>) => logs.push(l), error: (l: Record<string, unknown>) => errors.push(l) },
    // Production limits by default; suites that hammer one caller on purpose pass {}.
    config: { bootstrapAdmins: new Map([['demo-admin', 'demo'], ['other-admin', 'other']]), subdistrict: { name: '和平街道', admins: new Set(['demo-subdistrict']) }, rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS, templates: DEMO_TEMPLATES, appId: DEMO_APP_ID },
  };
  const wrapped = options.wrapStore?.(store);
  // As in production, the api reads reference data through the instance's cache.
  const cached = new ReferenceCacheStore(wrapped ?? store, options.referenceTtlMs ?? DEFAULT_REFERENCE_TTL_MS);
  const notifier = wrapped ? new InboxNotifier(wrapped, clock, DEMO_TEMPLATES, templateForKind) : undefined;
  // A live view of `deps`: a suite that swaps a port (h.deps.content = …) reaches the api too.
  const apiDeps = new Proxy(deps, {
    get: (target, property, receiver) => (property === 'store' ? cached : property === 'notifier' && notifier ? notifier : Reflect.get(target, property, receiver)),
  });
  const api = createApiFunction(apiDeps, (c) => (c as { openid: string | null }).openid);
  const call: Harness['call'] = async (openid, action, data = {}, idempotencyKey) =>
    (await api({ action, data, ...(idempotencyKey ? { idempotencyKey } : {}) }, { openid })) as Envelope<never>;
  const harness: Harness = {
    deps,
    clock,
    api,
    logs,
    errors,
    call,
    async ok(openid, action, data, key) {
      const res = await call(openid, action, data, key);
      if (!res.ok) throw new Error(`${action} as ${openid}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details ?? '')}`);
      return res.data as never;
    },
    ids: {},
    referenceCache: cached,
    close: () => store.close(),
  };
  if (options.seed !== false) {
    await seedDemo(api, store, { lifecycle: false });
    const grids = await harness.ok<{ items: Array<{ id: string; name: string }> }>('demo-admin', 'community.grids', {});
    const buildings = await harness.ok<{ items: Array<{ id: string; name: string }> }>('demo-admin', 'community.buildings', {});
    for (const g of grids.items) harness.ids[g.name] = g.id;
    for (const b of buildings.items) harness.ids[b.name] = b.id;
  }
  return harness;
}

export const member = memberIdFor;

let keySeq = 0;
/** A fresh, valid idempotency key. */
export function key(): string {
  keySeq += 1;
  return `testkey${Date.now().toString(36)}${keySeq}`;
}
