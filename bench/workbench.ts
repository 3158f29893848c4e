/**
 * The workbench, the subdistrict and the monthly report at subdistrict scale: 10 communities
 * of 和平街道 holding 100k concerns between them (a tenth each, the last 180 days), cloned
 * from a real one and written straight into SQLite. Each action is called through the api
 * function over the counting store: its reads and writes, then its in-process latency
 * (p50/p99 over sequential calls; the database is a local file, so these are the cost of the
 * work, not of CloudBase's network — the round-trips say that).
 */
import { memberIdFor } from '../cloudfunctions/lib/kernel/caller';
import type { ConcernRecord } from '../cloudfunctions/lib/features/concern/records';
import { localDayKey } from '../cloudfunctions/lib/kernel/time';
import { ScopedStore } from '../cloudfunctions/lib/kernel/scoped-store';
import { FEATURE_REGISTRY } from '../cloudfunctions/lib/manifests';
import { monthSpan } from '../cloudfunctions/lib/kernel/months';
import { percentile } from './latency';
import { benchWorld, type BenchWorld } from './world';

export interface WorkbenchRow {
  label: string;
  as: string;
  reads: number;
  writes: number;
  p50ms: number;
  p99ms: number;
  samples: number;
  error?: string;
}

export const WORKBENCH_SETUP = { communities: 10, concerns: 100_000, samples: 40 };

/**
 * The concerns of every community, a tenth each; in demo a quarter of its share wait on
 * demo-grid-1. `vary` changes each one (the sweep's bench makes them open and due).
 */
export function fill(w: BenchWorld, template: ConcernRecord, communities: string[], total: number, vary: (i: number, doc: ConcernRecord) => ConcernRecord = (_i, d) => d): void {
  const db = w.sqlite.db;
  const insert = db.prepare('INSERT OR IGNORE INTO "c_concerns" (id, doc) VALUES (?, ?)');
  const grid1 = memberIdFor('demo-grid-1');
  const statuses = ['dispatched', 'accepted', 'resolved', 'closed'] as const;
  const now = w.clock.now();
  db.transaction(() => {
    for (let i = 0; i < total; i += 1) {
      const communityId = communities[i % communities.length];
      const createdAt = now - 3_600_000 - (i % 180) * 86_400_000 - (i % 86_400) * 1000;
      const doc: ConcernRecord = {
        ...template,
        _id: `c_wb${String(i).padStart(8, '0')}`,
        communityId,
        number: `${localDayKey(createdAt)}-${String(200000 + i)}`,
        assigneeId: communityId === 'demo' && i % 4 === 0 ? grid1 : null,
        status: statuses[i % statuses.length],
        overdue: i % 10 === 0,
        wakeAt: null,
        createdAt,
        updatedAt: createdAt,
      };
      insert.run(doc._id, JSON.stringify(vary(i, doc)));
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** demo and the subdistrict's other communities, opened through the api up to `count`. */
export async function subdistrictCommunities(w: BenchWorld, count: number): Promise<string[]> {
  const communities = ['demo', ...(await w.ok<{ communities: Array<{ communityId: string }> }>('demo-subdistrict', 'subdistrict.overview', {})).communities.map((c) => c.communityId).filter((id) => id !== 'demo')];
  for (let i = communities.length; i < count; i += 1) {
    communities.push((await w.ok<{ communityId: string }>('demo-subdistrict', 'subdistrict.createCommunity', { name: `基准社区${i}` }, `bench-community-${i}`)).communityId);
  }
  return communities;
}

export const concernTemplate = async (w: BenchWorld): Promise<ConcernRecord> =>
  (await w.deps.store.query('concerns', { where: { communityId: 'demo' }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 1 })).items[0];

export async function measureWorkbench(dir: string, log: (s: string) => void): Promise<WorkbenchRow[]> {
  const w = await benchWorld(dir, { count: true, name: 'workbench', lifecycle: true });
  try {
    const communities = await subdistrictCommunities(w, WORKBENCH_SETUP.communities);
    const template = await concernTemplate(w);
    log(`  filling ${WORKBENCH_SETUP.concerns.toLocaleString('en')} concerns over ${communities.length} communities`);
    fill(w, template, communities, WORKBENCH_SETUP.concerns);

    const lastMonth = (() => {
      const d = new Date(w.clock.now() + 8 * 3600_000);
      const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
      return `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
    })();
    const cases: Array<{ label: string; as: string; action: string; data: unknown; key?: boolean }> = [
      { label: 'workbench.today (grid worker)', as: 'demo-grid-1', action: 'workbench.today', data: {} },
      { label: 'workbench.today (admin)', as: 'demo-admin', action: 'workbench.today', data: {} },
      { label: 'subdistrict.overview (10 communities)', as: 'demo-subdistrict', action: 'subdistrict.overview', data: {} },
      { label: 'subdistrict.escalations', as: 'demo-subdistrict', action: 'subdistrict.escalations', data: {} },
      // The seed issued last month's report already: this is the retry, which reads the frozen one.
      { label: 'report.issue (last month, already issued)', as: 'demo-admin', action: 'report.issue', data: { month: lastMonth }, key: true },
      { label: 'report.get (issued)', as: 'demo-admin', action: 'report.get', data: { month: lastMonth } },
    ];
    const rows: WorkbenchRow[] = [];
    let n = 0;
    for (const c of cases) {
      const key = () => (c.key ? `bench-wb-${(n += 1)}` : undefined);
      w.split!.reset();
      w.counting!.reset();
      const first = await w.call(c.as, c.action, c.data, key());
      const { reads, writes } = w.split!.reset();
      w.counting!.reset();
      if (!first.ok) {
        rows.push({ label: c.label, as: c.as, reads, writes, p50ms: 0, p99ms: 0, samples: 0, error: `${first.error.code}: ${first.error.message}` });
        continue;
      }
      const times: number[] = [];
      for (let i = 0; i < WORKBENCH_SETUP.samples; i += 1) {
        const t0 = performance.now();
        await w.call(c.as, c.action, c.data, key());
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      rows.push({ label: c.label, as: c.as, reads, writes, p50ms: +percentile(times, 50).toFixed(1), p99ms: +percentile(times, 99).toFixed(1), samples: times.length });
    }
    // Making a report: every feature's part of demo's last month, as the sweep computes it on the 1st.
    {
      const db = new ScopedStore(w.deps.store, 'demo');
      const range = monthSpan(lastMonth);
      w.split!.reset();
      w.counting!.reset();
      await FEATURE_REGISTRY.monthlyReport(db, range, w.clock.now());
      const { reads, writes } = w.split!.reset();
      w.counting!.reset();
      const times: number[] = [];
      for (let i = 0; i < WORKBENCH_SETUP.samples; i += 1) {
        const t0 = performance.now();
        await FEATURE_REGISTRY.monthlyReport(db, range, w.clock.now());
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      rows.push({ label: 'monthly report parts (generation, one community)', as: 'sweep', reads, writes, p50ms: +percentile(times, 50).toFixed(1), p99ms: +percentile(times, 99).toFixed(1), samples: times.length });
    }
    return rows;
  } finally {
    w.close();
  }
}
