/** Per-caller limits: exact under parallel calls, retries free, a clear retry-after. */
import type { ConcernView } from '../../../../miniprogram/core/concern/contract';
import { runSweep } from '../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, type Harness } from '../../../support/harness';
import { enforceRateLimit, parseRateLimits, rateDocumentId } from '../../../../cloudfunctions/lib/kernel/rate-limit';
import { COLLECTIONS, DEFAULT_RATE_LIMITS } from '../../../../cloudfunctions/lib/manifests';
import { CountingStore } from '../../../../cloudfunctions/lib/store/counting-store';
import { SqliteStore } from '../../../../cloudfunctions/lib/store/sqlite-store';

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ rateLimits: { 'concern.submit': [{ limit: 3, windowSeconds: 3600 }] } });
});
afterEach(() => h.close());

const submit = (k: string, text = '楼下垃圾桶满了没人清运') =>
  h.call<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_environment', buildingId: h.ids['1号楼'], text }, k);

describe('a caller over the limit is told when to come back', () => {
  it('refuses the call past the limit with RATE_LIMITED and a retry-after', async () => {
    // The seed already filed one concern for this resident in the same hour.
    expect((await submit(key())).ok).toBe(true);
    expect((await submit(key())).ok).toBe(true);
    const refused = await submit(key());
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 3600 } } });
    expect(!refused.ok && refused.error.message).toContain('1小时后再试');
    h.clock.advance(3600_000);
    expect((await submit(key())).ok).toBe(true);
  });
  it('lets exactly the limit through when calls arrive at once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(key(), `并发提交第${i}条：楼道灯坏了`)));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED')).toHaveLength(18);
  });
  it('does not count a retry of the same request twice', async () => {
    const k = key();
    for (let i = 0; i < 5; i += 1) expect((await submit(k)).ok).toBe(true);
    expect((await submit(key())).ok).toBe(true);
  });
  it('accepts idempotency keys that start with a digit', async () => {
    expect((await submit('20261128abcdef')).ok).toBe(true);
    expect((await submit('20261128abcdef')).ok).toBe(true);
  });
  it('counts each person separately', async () => {
    await submit(key());
    await submit(key());
    const other = await h.call('demo-resident-2', 'concern.submit', { category: 'cat_demo_environment', buildingId: h.ids['3号楼'], text: '3号楼门口积水严重' }, key());
    expect(other.ok).toBe(true);
  });
});

describe('what a limited caller hears first', () => {
  it('a refusal for the role or the input comes before the limit, and input errors are not counted', async () => {
    await submit(key());
    await submit(key());
    // Over the limit now; a malformed request still names its field, and costs nothing.
    const bad = await h.call('demo-resident-1', 'concern.submit', { category: 'cat_demo_environment', buildingId: h.ids['1号楼'], text: '' }, key());
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    h.clock.advance(3600_000);
    expect((await submit(key())).ok).toBe(true);
    expect((await submit(key())).ok).toBe(true);
    expect((await submit(key())).ok).toBe(true);
    expect(await submit(key())).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // A visitor (no household) is refused for the role, not told to wait.
    const visitor = await h.call('visitor-over-limit', 'concern.submit', { category: 'cat_demo_environment', buildingId: h.ids['1号楼'], text: '楼道灯坏了' }, key());
    expect(visitor).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('closed windows', () => {
  it('are dropped by the sweep, open ones kept', async () => {
    expect((await submit(key())).ok).toBe(true);
    const count = () => (h.deps.store.db.prepare('SELECT count(*) AS n FROM "c_rateWindows"').get() as { n: number }).n;
    const before = count();
    expect(before).toBeGreaterThan(0);
    expect((await runSweep(h.deps)).jobs.rateWindows).toEqual({ dropped: 0 });
    // A caller's windows share a document, kept for a week after their last counted call.
    h.clock.advance(3600_000 + 1);
    expect((await runSweep(h.deps)).jobs.rateWindows).toEqual({ dropped: 0 });
    h.clock.advance(7 * 24 * 3600_000);
    expect((await runSweep(h.deps)).jobs.rateWindows).toEqual({ dropped: 0 });
    h.clock.advance(24 * 3600_000);
    expect((await runSweep(h.deps)).jobs.rateWindows).toEqual({ dropped: before });
    expect(count()).toBe(0);
  });
});

describe('an hourly and a daily limit on one action', () => {
  let h2: Harness;
  beforeEach(async () => {
    h2 = await createHarness({ rateLimits: { 'concern.submit': [{ limit: 2, windowSeconds: 3600 }, { limit: 3, windowSeconds: 86_400 }] } });
  });
  afterEach(() => h2.close());
  const submit2 = (k: string) => h2.call('demo-resident-1', 'concern.submit', { category: 'cat_demo_environment', buildingId: h2.ids['1号楼'], text: '小区门口的垃圾桶满了' }, k);
  const windowDocs = () => (h2.deps.store.db.prepare('SELECT count(*) AS n FROM "c_rateWindows"').get() as { n: number }).n;

  it('opens a new hour but keeps counting the day', async () => {
    // The seed filed one concern for this resident in this hour: 1 of 2 used.
    expect((await submit2(key())).ok).toBe(true);
    expect(await submit2(key())).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    h2.clock.advance(3600_000);
    expect((await submit2(key())).ok).toBe(true);
    // Three today: the day's limit holds although the hour is fresh.
    expect(await submit2(key())).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
  it('keeps one document per caller for all of its windows, day after day', async () => {
    const before = windowDocs();
    await submit2(key());
    h2.clock.advance(3600_000);
    await submit2(key());
    h2.clock.advance(24 * 3600_000);
    expect((await submit2(key())).ok).toBe(true);
    expect(windowDocs()).toBe(before);
  });
});

describe('limits from the deployment', () => {
  it('refuse a window that does not divide the day', () => {
    expect(() => parseRateLimits('{"concern.submit": [{"limit": 5, "windowSeconds": 7000}]}', {})).toThrow(/windowSeconds/);
    expect(parseRateLimits('{"concern.submit": [{"limit": 5, "windowSeconds": 600}]}', {})).toEqual({ 'concern.submit': [{ limit: 5, windowSeconds: 600 }] });
  });
  it('accept every default rule of the manifests', () => {
    expect(() => parseRateLimits(JSON.stringify(DEFAULT_RATE_LIMITS), {})).not.toThrow();
  });
});

describe('what counting costs the database', () => {
  const HOUR_MS = 3600_000;
  const limits = {
    'concern.submit': [{ limit: 10, windowSeconds: 3600 }, { limit: 30, windowSeconds: 86_400 }],
    'workbench.today': [{ limit: 120, windowSeconds: 3600 }],
  };
  const day = Date.UTC(2026, 10, 28);
  let inner: SqliteStore;
  let store: CountingStore;
  beforeEach(() => {
    inner = new SqliteStore({ filename: ':memory:', collections: COLLECTIONS });
    store = new CountingStore(inner);
  });
  afterEach(() => inner.close());
  const count = (at: number, k?: string, who = 'm_1') => enforceRateLimit(store as never, limits, 'concern.submit', who, at, k);

  it('is one write per call, the first of a new hour included', async () => {
    await count(day + 9 * HOUR_MS);
    store.reset();
    await count(day + 9 * HOUR_MS + 60_000);
    expect(store.reset()).toBe(1);
    await count(day + 10 * HOUR_MS + 1);
    expect(store.reset()).toBe(1);
  });
  it('still counts both windows exactly across hours', async () => {
    for (let hour = 0; hour < 3; hour += 1) for (let i = 0; i < 10; i += 1) await count(day + hour * HOUR_MS + i);
    await expect(count(day + 3 * HOUR_MS)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(count(day + 2 * HOUR_MS + 99)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
  it('opens a caller\'s document on their first call (a key or none) without a look: the count, then the insert', async () => {
    await enforceRateLimit(store as never, limits, 'workbench.today', 'm_1', day + HOUR_MS);
    expect(store.reset()).toBe(2);
    await count(day + HOUR_MS, 'k1', 'm_2');
    expect(store.reset()).toBe(2);
  });
  it('on an instance that has not seen a caller\'s document, still counts a retry once and a full window exactly', async () => {
    await count(day + HOUR_MS, 'k1', 'm_2');
    for (let i = 0; i < 9; i += 1) await count(day + HOUR_MS + 10 + i, `n${i}`, 'm_2');
    // Another instance over the same database: its first miss tries to open the document,
    // finds it there, and looks.
    const other = new CountingStore(inner);
    await enforceRateLimit(other as never, limits, 'concern.submit', 'm_2', day + HOUR_MS + 50, 'k1');
    expect(other.reset()).toBe(3);
    await expect(enforceRateLimit(other as never, limits, 'concern.submit', 'm_2', day + HOUR_MS + 60, 'k-new')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Seen now: a refusal or a retry is the count and one look again.
    expect(other.reset()).toBe(2);
    const doc = (await inner.get<{ _id: string } & Record<string, Record<string, unknown>>>('rateWindows' as never, rateDocumentId('m_2')))!;
    expect(doc[`d${Math.floor(day / (24 * HOUR_MS))}`].w3600_1).toEqual({ concern_submit: 10 });
  });
  it('costs a retry no more than one look besides the count it repeats', async () => {
    await count(day + HOUR_MS, 'k1', 'm_2');
    store.reset();
    await count(day + HOUR_MS + 1, 'k1', 'm_2');
    expect(store.reset()).toBe(2);
  });
  it('is one write on the first call of a new day, and the day before is cleared', async () => {
    for (let i = 0; i < 10; i += 1) await count(day + 23 * HOUR_MS + i, `k${i}`);
    store.reset();
    await count(day + 24 * HOUR_MS + 5, 'k-next');
    expect(store.reset()).toBe(1);
    const doc = (await inner.get<{ _id: string } & Record<string, unknown>>('rateWindows' as never, rateDocumentId('m_1')))!;
    expect(Object.keys(doc).filter((f) => f.startsWith('d'))).toEqual([`d${Math.floor(day / (24 * HOUR_MS)) + 1}`]);
  });
  it('counts afresh for a caller back after the document expired, the sweep not run', async () => {
    for (let i = 0; i < 10; i += 1) await count(day + 9 * HOUR_MS + i);
    await expect(count(day + 9 * HOUR_MS + 20)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Nine days on, the same hour of the day: the old day is not this day.
    const later = day + 9 * 24 * HOUR_MS + 9 * HOUR_MS;
    for (let i = 0; i < 10; i += 1) await count(later + i);
    await expect(count(later + 20)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const doc = (await inner.get<{ _id: string } & Record<string, unknown>>('rateWindows' as never, rateDocumentId('m_1')))!;
    expect(Object.keys(doc).filter((f) => f.startsWith('d'))).toEqual([`d${Math.floor(later / (24 * HOUR_MS))}`]);
  });
  it('recognises a retry of the day’s first call and counts it once', async () => {
    await count(day + HOUR_MS, 'k1', 'm_2');
    await count(day + HOUR_MS + 1, 'k1', 'm_2');
    await count(day + HOUR_MS + 2, 'k2', 'm_2');
    const doc = (await inner.get<{ _id: string } & Record<string, Record<string, unknown>>>('rateWindows' as never, rateDocumentId('m_2')))!;
    expect(doc[`d${Math.floor(day / (24 * HOUR_MS))}`].w3600_1).toEqual({ concern_submit: 2 });
  });
});
