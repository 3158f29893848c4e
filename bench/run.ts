/**
 * `npm run bench`: measures what dominates cost on CloudBase and what a resident feels.
 * - DB round-trips per action (counted by the store port)
 * - latency through the local gateway (p50/p99) at 1k and 10k concerns
 * - cloud-function bundle size and cold `require` time, bundled vs unbundled
 * Writes bench/results/latest.json and prints a Markdown table for the README.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiFunction } from '../cloudfunctions/lib/api-function';
import { CountingStore } from '../cloudfunctions/lib/store/counting-store';
import { SqliteStore } from '../cloudfunctions/lib/store/sqlite-store';
import { InboxNotifier } from '../cloudfunctions/lib/platform/inbox-notifier';
import { cryptoIds, silentLogger, systemClock } from '../cloudfunctions/lib/platform/system';
import { DEMO_WORD_LISTS, WordListChecker } from '../cloudfunctions/lib/platform/word-list-checker';
import type { Deps } from '../cloudfunctions/lib/kernel/deps';
import { buildAll } from '../dev/build';
import { seedDemo } from '../dev/demo-seed';
import { createGateway, listen } from '../dev/gateway';
import type { LocalDeps } from '../dev/local-deps';

const root = path.resolve(__dirname, '..');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function world(dir: string) {
  const sqlite = new SqliteStore({ filename: path.join(dir, 'bench.sqlite') });
  const store = new CountingStore(sqlite);
  const deps: Deps = {
    store,
    clock: systemClock,
    ids: cryptoIds,
    content: new WordListChecker(DEMO_WORD_LISTS),
    notifier: new InboxNotifier(store, systemClock),
    log: silentLogger,
    config: { bootstrapAdmins: new Map([['demo-admin', 'demo']]) },
  };
  const api = createApiFunction(deps, (c) => (c as { openid: string | null }).openid);
  await seedDemo(api, sqlite);
  const call = (openid: string, action: string, data: unknown = {}, idempotencyKey?: string) =>
    api({ action, data, idempotencyKey }, { openid }) as Promise<{ ok: boolean; data?: any; error?: unknown }>;
  return { sqlite, store, deps, api, call };
}

async function roundTrips(w: Awaited<ReturnType<typeof world>>) {
  const buildings = (await w.call('demo-admin', 'community.buildings')).data.items as Array<{ id: string; name: string }>;
  const b1 = buildings.find((b) => b.name === '1号楼')!.id;
  let n = 0;
  const submitData = () => ({ category: 'cat_demo_repair', buildingId: b1, text: `楼道灯坏了，第${n++}次反映` });
  const measure = async (label: string, openid: string, action: string, data: unknown, key?: string) => {
    w.store.reset();
    const res = await w.call(openid, action, data, key);
    if (!res.ok) throw new Error(`${label}: ${JSON.stringify(res.error)}`);
    return { action: label, roundTrips: w.store.reset() };
  };
  const first = await w.call('demo-resident-1', 'concern.submit', submitData(), 'bench-key-get');
  return [
    await measure('me.get', 'demo-resident-1', 'me.get', {}),
    await measure('concern.listMine', 'demo-resident-1', 'concern.listMine', {}),
    await measure('concern.get', 'demo-resident-1', 'concern.get', { concernId: first.data.id }),
    await measure('concern.queue', 'demo-grid-1', 'concern.queue', {}),
    await measure('concern.submit', 'demo-resident-1', 'concern.submit', submitData(), `bench-key-${Date.now()}`),
    await measure('concern.submit (retry)', 'demo-resident-1', 'concern.submit', first.data ? { category: 'cat_demo_repair', buildingId: b1, text: '楼道灯坏了，第0次反映' } : {}, 'bench-key-get'),
  ];
}

async function fill(w: Awaited<ReturnType<typeof world>>, total: number) {
  // Bulk rows straight into SQLite: the benchmark is about reading at scale, not seeding.
  const now = Date.now();
  const insert = w.sqlite.db.prepare('INSERT OR IGNORE INTO "c_concerns" (id, doc) VALUES (?, ?)');
  const rows = w.sqlite.db.transaction((count: number) => {
    for (let i = 0; i < count; i += 1) {
      const doc = {
        _id: `bulk_${i}`, communityId: 'demo', number: `B-${i}`, authorId: `m_bulk_${i % 500}`, householdId: 'h', buildingId: 'b', buildingName: '9号楼',
        gridId: 'g', category: 'cat_demo_repair', categoryName: '设施维修', text: '批量数据', hideName: false, authorName: null,
        status: 'dispatched', assigneeId: `m_bulk_worker_${i % 20}`, routedVia: 'workerA', firstResponderId: null, moderation: 'pass',
        contactDueAt: now, resolveDueAt: now, requestHash: 'x', createdAt: now - i * 1000, updatedAt: now,
      };
      insert.run(doc._id, JSON.stringify(doc));
    }
  });
  rows(total);
}

async function latency(w: Awaited<ReturnType<typeof world>>, dir: string, sizes: number[]) {
  const results: Array<Record<string, number | string>> = [];
  const gateway = await listen(createGateway(w.deps as LocalDeps), 0);
  const buildings = (await w.call('demo-admin', 'community.buildings')).data.items as Array<{ id: string; name: string }>;
  const b1 = buildings.find((b) => b.name === '1号楼')!.id;
  let filled = 0;
  for (const size of sizes) {
    await fill(w, size);
    filled = size;
    for (const [label, openid, action, data, keyed] of [
      ['concern.submit', 'demo-resident-1', 'concern.submit', null, true],
      ['concern.queue', 'demo-grid-1', 'concern.queue', {}, false],
      ['concern.listMine', 'demo-resident-1', 'concern.listMine', {}, false],
    ] as const) {
      const times: number[] = [];
      const runs = 300;
      const t0 = performance.now();
      for (let i = 0; i < runs; i += 1) {
        const body = JSON.stringify({
          action,
          data: data ?? { category: 'cat_demo_repair', buildingId: b1, text: `基准测试诉求 ${size}-${i}` },
          ...(keyed ? { idempotencyKey: `bench${size}x${i}x${Date.now()}` } : {}),
        });
        const s = performance.now();
        const res = await fetch(`${gateway.url}/functions/api`, { method: 'POST', headers: { 'x-wx-openid': openid }, body });
        const json = (await res.json()) as { ok: boolean };
        if (!json.ok) throw new Error(`${label} failed at ${size}`);
        times.push(performance.now() - s);
      }
      const elapsed = (performance.now() - t0) / 1000;
      times.sort((a, b) => a - b);
      results.push({ action: label, concerns: filled, p50ms: +percentile(times, 50).toFixed(2), p99ms: +percentile(times, 99).toFixed(2), perSecond: Math.round(runs / elapsed) });
    }
  }
  await gateway.close();
  void dir;
  return results;
}

async function coldStart() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-build-'));
  const report = await buildAll(out);
  const time = (cwd: string, file: string, runs = 7) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const printed = execFileSync(process.execPath, ['-e', `const s=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-s)/1e6))`], { cwd }).toString();
      samples.push(Number(printed));
    }
    return samples.sort((a, b) => a - b)[Math.floor(runs / 2)];
  };
  const bundled = time(path.join(out, 'cloudfunctions/api'), './index.js');
  const unbundled = time(root, 'tsx/cjs') + 0; // baseline cost of the TS loader itself
  const unbundledFull = Number(
    execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', `const s=process.hrtime.bigint();require('./cloudfunctions/api/index.ts');process.stdout.write(String(Number(process.hrtime.bigint()-s)/1e6))`], { cwd: root }).toString(),
  );
  fs.rmSync(out, { recursive: true, force: true });
  return {
    apiBundleBytes: report.functions.api.bytes,
    sweepBundleBytes: report.functions.sweep.bytes,
    miniprogramZodBytes: report.miniprogramNpm.zod.bytes,
    requireBundledMs: +bundled.toFixed(1),
    requireUnbundledMs: +unbundledFull.toFixed(1),
    loaderOverheadMs: +unbundled.toFixed(1),
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-'));
  const w = await world(dir);
  const trips = await roundTrips(w);
  const lat = await latency(w, dir, [1000, 10000]);
  const cold = await coldStart();
  w.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    roundTrips: trips,
    latency: lat,
    coldStart: cold,
  };
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/latest.json'), `${JSON.stringify(result, null, 2)}\n`);

  console.log(`\n${result.date} · ${result.machine} · Node ${result.node}\n`);
  console.log('| action | DB round-trips |\n|---|---|');
  for (const t of trips) console.log(`| ${t.action} | ${t.roundTrips} |`);
  console.log('\n| action | concerns in DB | p50 ms | p99 ms | calls/s |\n|---|---|---|---|---|');
  for (const l of lat) console.log(`| ${l.action} | ${l.concerns} | ${l.p50ms} | ${l.p99ms} | ${l.perSecond} |`);
  console.log(`\napi bundle ${(cold.apiBundleBytes / 1024).toFixed(0)} KB; require bundled ${cold.requireBundledMs} ms vs unbundled via tsx ${cold.requireUnbundledMs} ms`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
