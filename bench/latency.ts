/**
 * Latency and throughput through a real gateway process (dev/gateway-process.ts, HTTP on
 * 127.0.0.1, its own Node process — the client does not share its event loop), with 1k and
 * with 100k concerns in the database (one database each). The bulk concerns are cloned from a real one and
 * written straight into SQLite; a quarter wait on demo-grid-1, so the queue reads a real
 * page out of many. Each resident submits or books at most once per size, so production
 * rate limits stay on and never trigger.
 */
import { memberIdFor } from '../cloudfunctions/lib/kernel/caller';
import type { ConcernRecord } from '../cloudfunctions/lib/features/concern/records';
import { localDayKey } from '../cloudfunctions/lib/kernel/time';
import { callApi, startGateway, type GatewayProcess } from '../test/proof/support-b/gateways';
import { benchService, benchWorld, bulkResidents, type BenchWorld } from './world';

export interface LatencyRow {
  action: string;
  concerns: number;
  p50ms: number;
  p99ms: number;
  /** One client, one request at a time. */
  perSecondSerial: number;
  /** CONCURRENT clients. */
  perSecondConcurrent: number;
  samples: number;
}

const SAMPLES = 1500;
const CONCURRENT = 16;
const CONCURRENT_CALLS = 800;
const WARMUP = 30;

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Grows the concerns table to `total` rows (bulk rows are numbered on past days). */
function fill(w: BenchWorld, template: ConcernRecord, residents: string[], total: number): void {
  const db = w.sqlite.db;
  const have = (db.prepare('SELECT count(*) AS n FROM "c_concerns"').get() as { n: number }).n;
  const insert = db.prepare('INSERT OR IGNORE INTO "c_concerns" (id, doc) VALUES (?, ?)');
  const grid1 = memberIdFor('demo-grid-1');
  const others = [memberIdFor('demo-grid-1b'), memberIdFor('demo-grid-2'), null];
  const statuses = ['dispatched', 'accepted', 'resolved', 'closed'] as const;
  const now = w.clock.now();
  db.transaction(() => {
    for (let i = have; i < total; i += 1) {
      const createdAt = now - 86_400_000 - (i % 180) * 86_400_000 - (i % 86_400) * 1000;
      const doc: ConcernRecord = {
        ...template,
        _id: `c_bulk${String(i).padStart(8, '0')}`,
        number: `${localDayKey(createdAt)}-${String(100000 + i)}`,
        // residents[1] (the listMine caller) files every 40th: a full first page at 1k and at 100k.
        authorId: memberIdFor(i % 40 === 0 ? residents[1] : residents[i % residents.length]),
        assigneeId: i % 4 === 0 ? grid1 : others[i % 3],
        status: statuses[i % statuses.length],
        overdue: i % 10 === 0,
        wakeAt: null,
        createdAt,
        updatedAt: createdAt,
      };
      insert.run(doc._id, JSON.stringify(doc));
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
}

async function timeSerial(n: number, send: (i: number) => Promise<boolean>) {
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1) {
    const s = performance.now();
    if (!(await send(i))) throw new Error(`call ${i} failed`);
    times.push(performance.now() - s);
  }
  return { times, seconds: (performance.now() - t0) / 1000 };
}

async function timeConcurrent(n: number, send: (i: number) => Promise<boolean>) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      while (next < n) {
        const i = next++;
        if (!(await send(i))) throw new Error(`call ${i} failed`);
      }
    }),
  );
  return n / ((performance.now() - t0) / 1000);
}

interface Target {
  size: number;
  gw: GatewayProcess;
  actions: Array<[string, (i: number) => Promise<boolean>]>;
}

/**
 * One database per size, each filled and served by its own gateway process; then every
 * action is timed in blocks that alternate between the sizes, so drift in the machine's
 * load (this is a shared 2-vCPU box) lands on both sides instead of skewing the ratio.
 */
export async function measureLatency(dir: string, sizes: number[], log: (s: string) => void): Promise<LatencyRow[]> {
  const perSize = WARMUP + SAMPLES + CONCURRENT_CALLS;
  const targets: Target[] = [];
  const worlds: BenchWorld[] = [];
  try {
    for (const size of sizes) {
      const w = await benchWorld(dir, { name: `latency-${size}` });
      worlds.push(w);
      const residents = bulkResidents(w, perSize, 'lat-resident');
      const bookers = bulkResidents(w, perSize, 'lat-booker');
      const b1 = w.buildings['1号楼'];
      const sample = await w.ok<{ id: string }>(residents[0], 'concern.submit', { category: 'cat_demo_repair', buildingId: b1, text: '基准测试：楼道灯不亮。' }, 'benchlatencytemplate');
      const template = JSON.parse((w.sqlite.db.prepare('SELECT doc FROM "c_concerns" WHERE id = ?').get(sample.id) as { doc: string }).doc) as ConcernRecord;
      const t0 = Date.now();
      fill(w, template, residents, size);
      log(`  ${size} concerns in the database (filled in ${Date.now() - t0} ms)`);
      const { slots } = await benchService(w, '基准预约', 100);
      const gw = await startGateway(w.file);
      let submitter = 1;
      let booker = 0;
      targets.push({
        size,
        gw,
        actions: [
          ['concern.submit', (i) => {
            const who = residents[submitter++ % residents.length];
            return callApi(gw.url, who, 'concern.submit', { category: 'cat_demo_repair', buildingId: b1, text: `基准测试诉求 ${size}-${i}：楼道灯不亮。` }, `benchlat${size}x${submitter}`).then((r) => r.ok);
          }],
          ['concern.queue', () => callApi(gw.url, 'demo-grid-1', 'concern.queue', {}).then((r) => r.ok)],
          ['concern.listMine', () => callApi(gw.url, residents[1], 'concern.listMine', {}).then((r) => r.ok)],
          ['booking.create', () => {
            const i = booker++;
            return callApi(gw.url, bookers[i], 'booking.create', { slotId: slots[Math.floor(i / 100)].id }, `benchbook${size}x${i}`).then((r) => r.ok);
          }],
        ],
      });
    }

    const rows: LatencyRow[] = [];
    const BLOCKS = 5;
    for (let a = 0; a < targets[0].actions.length; a += 1) {
      const action = targets[0].actions[a][0];
      const times = new Map<number, number[]>(targets.map((t) => [t.size, []]));
      const serialSeconds = new Map<number, number>(targets.map((t) => [t.size, 0]));
      const concurrent = new Map<number, number[]>(targets.map((t) => [t.size, []]));
      for (const t of targets) for (let i = 0; i < WARMUP; i += 1) await t.actions[a][1](i);
      for (let b = 0; b < BLOCKS; b += 1) {
        // Alternate which size goes first in each block.
        for (const t of b % 2 ? [...targets].reverse() : targets) {
          const block = await timeSerial(SAMPLES / BLOCKS, t.actions[a][1]);
          times.get(t.size)!.push(...block.times);
          serialSeconds.set(t.size, serialSeconds.get(t.size)! + block.seconds);
          concurrent.get(t.size)!.push(await timeConcurrent(CONCURRENT_CALLS / BLOCKS, t.actions[a][1]));
        }
      }
      for (const t of targets) {
        const sorted = times.get(t.size)!.sort((x, y) => x - y);
        const perSecondConcurrent = concurrent.get(t.size)!.reduce((x, y) => x + y, 0) / BLOCKS;
        rows.push({
          action, concerns: t.size, p50ms: +percentile(sorted, 50).toFixed(2), p99ms: +percentile(sorted, 99).toFixed(2),
          perSecondSerial: Math.round(SAMPLES / serialSeconds.get(t.size)!), perSecondConcurrent: Math.round(perSecondConcurrent), samples: SAMPLES,
        });
        log(`  ${action} at ${t.size}: p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, ${Math.round(perSecondConcurrent)}/s with ${CONCURRENT} clients`);
      }
    }
    return rows.sort((x, y) => x.concerns - y.concerns);
  } finally {
    await Promise.all(targets.map((t) => t.gw.stop()));
    for (const w of worlds) w.close();
  }
}

export const LATENCY_SETUP = { samples: SAMPLES, concurrent: CONCURRENT, concurrentCalls: CONCURRENT_CALLS, warmup: WARMUP };
