/**
 * Measures what one tab page sends through setData on its first render, under jsdom with
 * miniprogram-simulate (the page tests' harness), against the real backend: the demo
 * community (with concerns in every stage) served in-process by the real api function, as
 * demo-resident-1. Run by bench/miniprogram.ts through Jest; each probe file measures one
 * page (simulate keeps one copy of a component per file) and writes its numbers to
 * $LINLI_PROBE_OUT.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiFunction } from '../../cloudfunctions/lib/api-function';
import type { ActionEvent, Envelope } from '../../miniprogram/core/envelope';
import { setTransport } from '../../miniprogram/services/api';
import { seedDemo } from '../../dev/demo-seed';
import { localDeps } from '../../dev/local-deps';
import { flush, loadPage, render } from '../../test/miniprogram/harness';
import v8 from 'node:v8';

// jsdom's global lacks structuredClone, which the store's patch code uses.
const g = globalThis as { structuredClone?: <T>(v: T) => T };
g.structuredClone ??= <T>(v: T): T => v8.deserialize(v8.serialize(v)) as T;

export interface ProbeResult {
  page: string;
  openid: string;
  setDataCalls: number;
  setDataBytes: number;
  largestSetDataBytes: number;
  initialDataBytes: number;
  actions: string[];
}

/** Concerns the probing resident files before the page opens (one page of the list is 20). */
const FILED = 24;

type Options = { data?: Record<string, unknown>; lifetimes?: Record<string, (...a: unknown[]) => void>; created?: (...a: unknown[]) => void };

export function probePage(page: string, openid = 'demo-resident-1'): void {
  const sizes: number[] = [];
  let initialDataBytes = 0;
  let counting = false;
  const host = globalThis as unknown as { Component: (o: Options) => void };
  const original = host.Component;
  host.Component = (options: Options) => {
    initialDataBytes += Buffer.byteLength(JSON.stringify(options.data ?? {}));
    const lifetimes = options.lifetimes ?? {};
    const created = lifetimes.created ?? options.created;
    options.lifetimes = {
      ...lifetimes,
      created(this: { setData: (d: Record<string, unknown>, cb?: () => void) => void }, ...args: unknown[]) {
        const setData = this.setData.bind(this);
        this.setData = (data, cb) => {
          if (counting) sizes.push(Buffer.byteLength(JSON.stringify(data)));
          setData(data, cb);
        };
        created?.apply(this, args);
      },
    };
    original(options);
  };
  const id = loadPage(page);
  host.Component = original;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-probe-'));
  const local = localDeps({ filename: path.join(dir, 'probe.sqlite'), quiet: true, outboxFile: path.join(dir, 'outbox.jsonl') });
  // The resident below files a full page of concerns in one go; limits are not what is measured.
  const deps = { ...local, config: { ...local.config, rateLimits: {} } };
  const api = createApiFunction(deps, (c) => (c as { openid: string | null }).openid);
  afterAll(() => {
    deps.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`first render of ${page}`, async () => {
    await seedDemo(api, deps.store, { lifecycle: true });
    // A resident with more concerns than one page holds, so 说事 renders a full page.
    const b1 = ((await api({ action: 'community.buildings', data: {} }, { openid })) as Envelope<{ items: Array<{ id: string; name: string }> }>);
    const buildingId = b1.ok ? b1.data.items.find((b) => b.name === '1号楼')?.id : undefined;
    for (let i = 0; i < FILED; i += 1) {
      await api({ action: 'concern.submit', idempotencyKey: `probe-concern-${i}`, data: { category: i % 2 ? 'cat_demo_repair' : 'cat_demo_environment', buildingId, text: `第${i + 1}次反映：1号楼1单元楼道的声控灯坏了，晚上老人上下楼很不安全，请尽快修理。` } }, { openid });
    }
    const actions: string[] = [];
    setTransport({
      send: async (event: ActionEvent) => {
        actions.push(event.action);
        return (await api(event, { openid })) as Envelope<unknown>;
      },
    });
    counting = true;
    const rendered = render(id);
    const instance = rendered.instance as Record<string, unknown>;
    if (typeof instance.onLoad === 'function') (instance.onLoad as (q: unknown) => void)({});
    if (typeof instance.onShow === 'function') (instance.onShow as () => void)();
    // Settled: three flushes in a row without another setData.
    for (let quiet = 0, seen = -1, rounds = 0; quiet < 3 && rounds < 200; rounds += 1) {
      await flush();
      quiet = sizes.length === seen ? quiet + 1 : 0;
      seen = sizes.length;
    }
    counting = false;
    const result: ProbeResult = {
      page,
      openid,
      setDataCalls: sizes.length,
      setDataBytes: sizes.reduce((a, b) => a + b, 0),
      largestSetDataBytes: Math.max(0, ...sizes),
      initialDataBytes,
      actions,
    };
    expect(result.setDataCalls).toBeGreaterThan(0);
    const out = process.env.LINLI_PROBE_OUT;
    if (out) fs.writeFileSync(path.join(out, `${page.replace(/\//g, '_')}.json`), JSON.stringify(result));
  }, 30_000);
}
