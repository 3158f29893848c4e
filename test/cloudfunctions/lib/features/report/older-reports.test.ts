/**
 * Reports issued before their addenda rode on them: their addenda stay in `reportAddenda`
 * and a new one goes there too, so the page, the list and the spreadsheet read them all.
 */
import type { ReportMonthRow, ReportView } from '../../../../../miniprogram/core/report/contract';
import type { ReportAddendumRecord, ReportRecord } from '../../../../../cloudfunctions/lib/features/report/records';
import { createHarness, key, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const DEC_1 = Date.UTC(2026, 10, 30, 16, 30);
const NOV_START = Date.UTC(2026, 9, 31, 16);

it('reads an older report’s addenda from their collection and adds the next one there', async () => {
  h.clock.set(DEC_1 + 3600_000);
  const old: ReportRecord = {
    _id: 'rpt_demo_2026-11', communityId: 'demo', month: '2026-11', start: NOV_START, end: Date.UTC(2026, 10, 30, 16), parts: [],
    issuedAt: DEC_1, issuedById: null, issuedByName: '系统（每月1日自动出具）', ruleVersion: 'v1', minSample: 10,
  };
  await h.deps.store.insert('reports', old);
  const before: ReportAddendumRecord = { _id: 'radd_old', communityId: 'demo', reportId: old._id, text: '旧的补充说明', corrections: [], byId: 'm', byName: '王书记', at: DEC_1 + 60_000 };
  await h.deps.store.insert('reportAddenda', before);

  expect((await h.ok<ReportView>('demo-admin', 'report.get', { month: '2026-11' })).addenda.map((a) => a.text)).toEqual(['旧的补充说明']);
  const k = key();
  const added = await h.ok<ReportView>('demo-admin', 'report.addendum', { month: '2026-11', text: '再补充一条说明' }, k);
  expect(added.addenda.map((a) => a.text)).toEqual(['旧的补充说明', '再补充一条说明']);
  // A retry adds nothing.
  expect((await h.ok<ReportView>('demo-admin', 'report.addendum', { month: '2026-11', text: '再补充一条说明' }, k)).addenda).toHaveLength(2);
  expect((await h.ok<{ items: ReportMonthRow[] }>('demo-admin', 'report.list', {})).items[0]).toMatchObject({ month: '2026-11', issued: true, addenda: 2 });
  const events = await h.deps.store.query<{ _id: string; type: string }>('events', { where: { communityId: 'demo', subject: `report:${old._id}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
  expect(events.items.map((e) => e.type)).toEqual(['report.addendum']);
});

it('keeps a new report’s addenda on it, once each, with their event', async () => {
  h.clock.set(DEC_1);
  await h.ok('demo-admin', 'report.issue', { month: '2026-11' }, key());
  h.clock.set(DEC_1 + 3600_000);
  const k = key();
  await h.ok('demo-admin', 'report.addendum', { month: '2026-11', text: '第一条补充说明' }, k);
  await h.ok('demo-admin', 'report.addendum', { month: '2026-11', text: '第一条补充说明' }, k);
  h.clock.set(DEC_1 + 7200_000);
  await h.ok('demo-admin', 'report.addendum', { month: '2026-11', text: '第二条补充说明' }, key());
  const stored = (await h.deps.store.get('reports', 'rpt_demo_2026-11')) as ReportRecord;
  expect(stored.addendaCount).toBe(2);
  expect(Object.keys(stored.addenda ?? {})).toHaveLength(2);
  expect((await h.ok<ReportView>('demo-grid-1', 'report.get', { month: '2026-11' })).addenda.map((a) => a.text)).toEqual(['第一条补充说明', '第二条补充说明']);
  expect((await h.ok<{ items: ReportMonthRow[] }>('demo-admin', 'report.list', {})).items[0]).toMatchObject({ addenda: 2 });
  const events = await h.deps.store.query<{ _id: string; type: string }>('events', { where: { communityId: 'demo', subject: 'report:rpt_demo_2026-11' }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
  expect(events.items.map((e) => e.type)).toEqual(['report.issued', 'report.addendum', 'report.addendum']);
  expect(JSON.stringify(await h.ok('demo-admin', 'report.get', { month: '2026-11' }))).not.toContain('lastEvent');
});
