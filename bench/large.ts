/**
 * `npm run bench -- --large`: the staff's and residents' concern lists and concern.submit at
 * 1k, 10k, 100k and 1M concerns (`--large-max=100000` stops earlier), p50/p99 of each and the
 * ratio of the largest size to 1k against the goal of ≤ 1.5×.
 *
 * One database per size, so the sizes can be timed in alternating blocks (load drift on this
 * shared machine lands on every size alike). Each is seeded through the api (the demo
 * community, the subdistrict's other nine), then its concerns are written straight into
 * SQLite: documents cloned from one the app wrote, spread over the ten communities, demo's two
 * grids and their workers, six categories and a history at a subdistrict's pace (RATE a day,
 * so 1M is about nine years); the last two weeks are busy (half still open), older ones are
 * closed, withdrawn or merged, with a few stragglers left open and late, as real desks have.
 * The indexes are those the store declares (dropped while bulk-inserting and built again by
 * the same statements, which is only faster). Every call then goes through the real api
 * function in this process, with production limits on: each submitter submits once.
 */
import { memberIdFor } from '../cloudfunctions/lib/kernel/caller';
import type { ConcernRecord } from '../cloudfunctions/lib/features/concern/records';
import { DAY, localDayKey } from '../cloudfunctions/lib/kernel/time';
import { percentile } from './latency';
import { benchWorld, bulkResidents, type BenchWorld } from './world';
import { subdistrictCommunities } from './workbench';

export interface LargeRow {
  action: string;
  concerns: number;
  p50ms: number;
  p99ms: number;
  samples: number;
}

export interface LargeRatio {
  action: string;
  from: number;
  to: number;
  ratio: number;
  within: boolean;
}

export const LARGE_SIZES = [1000, 10_000, 100_000, 1_000_000];
export const LARGE_SETUP = { samples: 1000, warmup: 20, blocks: 10, ratePerDay: 300, communities: 10 };
const P99_LIMIT = 1.5;

const OPEN = ['dispatched', 'accepted', 'waitingResident', 'coordinating', 'supervised'] as const;

/** The listMine caller: a resident of demo with a household, like every other author. */
const LISTER = 'large-lister';

interface Demo {
  communities: string[];
  grids: Array<{ id: string; worker: string }>;
  categories: Array<{ id: string; name: string }>;
  buildings: Array<{ id: string; name: string; gridId: string }>;
}

async function demoShape(w: BenchWorld, communities: string[]): Promise<Demo> {
  const grids = (await w.deps.store.query('grids', { where: { communityId: 'demo' }, orderBy: { field: 'name', dir: 'asc' }, limit: 10 })).items;
  const categories = (await w.deps.store.query('categories', { where: { communityId: 'demo' }, orderBy: { field: 'order', dir: 'asc' }, limit: 20 })).items;
  const buildings = (await w.deps.store.query('buildings', { where: { communityId: 'demo' }, orderBy: { field: 'name', dir: 'asc' }, limit: 20 })).items;
  return {
    communities,
    grids: grids.map((g) => ({ id: g._id, worker: (g as unknown as { workerA: string | null }).workerA ?? memberIdFor('demo-grid-1') })),
    categories: categories.map((c) => ({ id: c._id, name: c.name })),
    buildings: buildings.map((b) => ({ id: b._id, name: b.name, gridId: b.gridId ?? grids[0]._id })),
  };
}

/** Concern `i` (0 the newest), shaped as the app leaves a concern of that age. */
function concernAt(template: ConcernRecord, demo: Demo, lister: { memberId: string; householdId: string }, i: number, now: number): ConcernRecord {
  const communityId = demo.communities[i % demo.communities.length];
  const k = Math.floor(i / demo.communities.length);
  const createdAt = now - 10 * 60_000 - Math.floor((i * DAY) / LARGE_SETUP.ratePerDay);
  const age = now - createdAt;
  const building = demo.buildings[k % demo.buildings.length];
  const grid = demo.grids.find((g) => g.id === building.gridId) ?? demo.grids[k % demo.grids.length];
  const category = demo.categories[k % demo.categories.length];
  // The lister files demo's newest 20 (a full first page at every size) and one in 500 after.
  const mine = communityId === 'demo' && (k < 20 || k % 500 === 0);
  const author = mine ? lister : { memberId: memberIdFor(`large-author-${k % 5000}`), householdId: `h_large_${communityId}_${k % 3000}` };
  let status: ConcernRecord['status'];
  if (age < 14 * DAY) status = k % 2 === 0 ? OPEN[k % OPEN.length] : k % 4 === 1 ? 'resolved' : 'closed';
  // Stragglers: a few older ones still open and late, up to two months back (the sweep's
  // escalation and the admins see to older ones), so the open backlog does not grow with history.
  else if (age < 60 * DAY && k % 20 === 0) status = k % 40 === 0 ? 'accepted' : 'supervised';
  else status = k % 33 === 0 ? 'withdrawn' : k % 67 === 0 ? 'merged' : 'closed';
  const open = (OPEN as readonly string[]).includes(status);
  const unsigned = status === 'dispatched' || status === 'withdrawn';
  const late = open && (age > 7 * DAY || k % 10 === 0);
  return {
    ...template,
    _id: `c_large${String(i).padStart(8, '0')}`,
    communityId,
    number: `${localDayKey(createdAt)}-${String(100_000 + (i % 900_000))}`,
    authorId: author.memberId,
    householdId: author.householdId,
    buildingId: building.id,
    buildingName: building.name,
    gridId: grid.id,
    category: category.id,
    categoryName: category.name,
    status,
    assigneeId: grid.worker,
    firstResponderId: unsigned ? null : grid.worker,
    acceptedAt: unsigned ? null : createdAt + 3_600_000,
    overdue: late,
    supervising: status === 'supervised' || late,
    escalationLevel: late ? 1 : 0,
    resolution: status === 'resolved' || status === 'closed' ? template.resolution : null,
    firstResolvedAt: status === 'resolved' || status === 'closed' ? createdAt + 2 * DAY : null,
    closedAt: open || status === 'resolved' ? null : createdAt + 9 * DAY,
    closedReason: open || status === 'resolved' ? null : status === 'closed' ? 'autoClosed' : template.closedReason,
    mergedInto: status === 'merged' ? { id: `c_large${String(i + demo.communities.length).padStart(8, '0')}`, number: `${localDayKey(createdAt)}-${String(100_000 + ((i + demo.communities.length) % 900_000))}` } : null,
    wakeAt: open || status === 'resolved' ? now + ((k % 720) + 1) * 60_000 : null,
    contactDueAt: createdAt + 24 * 3_600_000,
    resolveDueAt: createdAt + 7 * DAY,
    createdAt,
    updatedAt: Math.min(now, createdAt + (open ? DAY : 9 * DAY)),
  };
}

/** Bulk insert of `total` concerns with the concerns table's declared indexes built after. */
function fill(w: BenchWorld, template: ConcernRecord, demo: Demo, lister: { memberId: string; householdId: string }, total: number): { insertMs: number; indexMs: number } {
  const db = w.sqlite.db;
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'c_concerns' AND sql IS NOT NULL`).all() as Array<{ name: string; sql: string }>;
  for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);
  const insert = db.prepare('INSERT OR IGNORE INTO "c_concerns" (id, doc) VALUES (?, ?)');
  const now = w.clock.now();
  const CHUNK = 50_000;
  const t0 = Date.now();
  db.pragma('cache_size = -262144');
  // Nothing to lose in a bench file being filled: no fsync while seeding.
  db.pragma('synchronous = OFF');
  for (let from = 0; from < total; from += CHUNK) {
    db.transaction(() => {
      for (let i = from; i < Math.min(total, from + CHUNK); i += 1) {
        const doc = concernAt(template, demo, lister, i, now);
        insert.run(doc._id, JSON.stringify(doc));
      }
    })();
  }
  db.pragma('synchronous = NORMAL');
  const t1 = Date.now();
  for (const ix of indexes) db.exec(ix.sql);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { insertMs: t1 - t0, indexMs: Date.now() - t1 };
}

interface Target {
  size: number;
  w: BenchWorld;
  actions: Array<[string, (i: number) => Promise<boolean>]>;
}

async function target(dir: string, size: number, submitters: number, log: (s: string) => void): Promise<Target> {
  const w = await benchWorld(dir, { name: `large-${size}` });
  const communities = await subdistrictCommunities(w, LARGE_SETUP.communities);
  const demo = await demoShape(w, communities);
  const [lister] = bulkResidents(w, 1, LISTER);
  const listerRecord = (await w.deps.store.get('members', memberIdFor(lister)))!;
  const residents = bulkResidents(w, submitters, `large-submit-${size}`);
  const sample = await w.ok<{ id: string }>(residents[0], 'concern.submit', { category: demo.categories[0].id, buildingId: demo.buildings[0].id, text: '基准测试：楼道灯不亮。' }, `large-template-${size}`);
  const template = (await w.sqlite.get<ConcernRecord>('concerns', sample.id))!;
  const t0 = Date.now();
  const took = fill(w, template, demo, { memberId: listerRecord._id, householdId: listerRecord.householdId! }, size);
  log(`  ${size.toLocaleString('en')} concerns seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s (insert ${took.insertMs} ms, indexes ${took.indexMs} ms)`);
  let submitter = 1;
  const ok = (p: Promise<{ ok: boolean }>) => p.then((r) => r.ok);
  return {
    size,
    w,
    actions: [
      ['concern.submit', (i) => {
        const who = residents[submitter++];
        return ok(w.call(who, 'concern.submit', { category: demo.categories[i % demo.categories.length].id, buildingId: demo.buildings[i % demo.buildings.length].id, text: `基准测试诉求 ${size}-${i}：楼道灯不亮。` }, `large-${size}-${submitter}`));
      }],
      ['concern.queue (grid worker, 我的待办)', () => ok(w.call('demo-grid-1', 'concern.queue', {}))],
      ['concern.queue (grid worker, open, late first)', () => ok(w.call('demo-grid-1', 'concern.queue', { open: true }))],
      ['concern.queue (grid worker, 本网格)', () => ok(w.call('demo-grid-1', 'concern.queue', { view: 'grid' }))],
      ['concern.queue (admin, open, late first)', () => ok(w.call('demo-admin', 'concern.queue', { open: true }))],
      ['concern.queue (admin, 督办)', () => ok(w.call('demo-admin', 'concern.queue', { view: 'supervise' }))],
      ['concern.counts (grid worker)', () => ok(w.call('demo-grid-1', 'concern.counts', {}))],
      ['concern.counts (admin)', () => ok(w.call('demo-admin', 'concern.counts', {}))],
      ['concern.listMine', () => ok(w.call(lister, 'concern.listMine', {}))],
    ],
  };
}

export async function measureLarge(dir: string, maxSize: number, log: (s: string) => void): Promise<{ setup: typeof LARGE_SETUP; sizes: number[]; rows: LargeRow[]; ratios: LargeRatio[]; limit: number; seedSeconds: number }> {
  const sizes = LARGE_SIZES.filter((s) => s <= maxSize);
  if (!sizes.includes(maxSize)) sizes.push(maxSize);
  const { samples, warmup, blocks } = LARGE_SETUP;
  const targets: Target[] = [];
  const started = Date.now();
  try {
    for (const size of sizes) targets.push(await target(dir, size, samples + warmup + 5, log));
    const seedSeconds = (Date.now() - started) / 1000;
    const rows: LargeRow[] = [];
    for (let a = 0; a < targets[0].actions.length; a += 1) {
      const action = targets[0].actions[a][0];
      const times = new Map<number, number[]>(targets.map((t) => [t.size, []]));
      for (const t of targets) for (let i = 0; i < warmup; i += 1) if (!(await t.actions[a][1](i))) throw new Error(`${action} at ${t.size} failed`);
      for (let b = 0; b < blocks; b += 1) {
        for (const t of b % 2 ? [...targets].reverse() : targets) {
          for (let i = 0; i < samples / blocks; i += 1) {
            const s = performance.now();
            if (!(await t.actions[a][1](warmup + b * (samples / blocks) + i))) throw new Error(`${action} at ${t.size} failed`);
            times.get(t.size)!.push(performance.now() - s);
          }
        }
      }
      for (const t of targets) {
        const sorted = times.get(t.size)!.sort((x, y) => x - y);
        rows.push({ action, concerns: t.size, p50ms: +percentile(sorted, 50).toFixed(2), p99ms: +percentile(sorted, 99).toFixed(2), samples: sorted.length });
      }
      log(`  ${action}: ${targets.map((t) => { const r = rows.find((x) => x.action === action && x.concerns === t.size)!; return `${t.size}: p50 ${r.p50ms} / p99 ${r.p99ms} ms`; }).join('; ')}`);
    }
    const from = sizes[0];
    const to = sizes[sizes.length - 1];
    const ratios = [...new Set(rows.map((r) => r.action))].map((action) => {
      const a = rows.find((x) => x.action === action && x.concerns === from)!;
      const b = rows.find((x) => x.action === action && x.concerns === to)!;
      const ratio = +(b.p99ms / a.p99ms).toFixed(2);
      return { action, from, to, ratio, within: ratio <= P99_LIMIT };
    });
    return { setup: LARGE_SETUP, sizes, rows, ratios, limit: P99_LIMIT, seedSeconds };
  } finally {
    for (const t of targets) t.w.close();
  }
}
