/**
 * 定期评事: the sweep issues last month's report on the 1st, once under parallel sweeps; what
 * it holds equals the figures worked out here from the records at issue time; once issued it
 * never changes — a correction is an addendum beside it.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { ReportMonthRow, ReportView } from '../../../../../miniprogram/core/report/contract';
import type { ConcernRecord } from '../../../../../cloudfunctions/lib/features/concern/records';
import type { DueRecord } from '../../../../../cloudfunctions/lib/features/disclosure/records';
import type { MeetingRecord } from '../../../../../cloudfunctions/lib/features/meeting/records';
import type { HourEntryRecord } from '../../../../../cloudfunctions/lib/features/volunteer/records';
import type { CollectionName } from '../../../../../cloudfunctions/lib/ports/store';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, T0, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const NOV_START = Date.UTC(2026, 9, 31, 16);
const DEC_1 = Date.UTC(2026, 10, 30, 16, 30); // 2026-12-01 00:30 Beijing

async function all<T>(collection: CollectionName, orderField: string, where: Record<string, unknown> = {}): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do {
    const page = await h.deps.store.query<T & { _id: string }>(collection, { where: { communityId: 'demo', ...where }, orderBy: { field: orderField, dir: 'asc' }, limit: 100, after });
    out.push(...page.items);
    after = page.next;
  } while (after);
  return out;
}

/** November's handling: in grid 1 eleven concerns signed, ten resolved and rated (8 solved, 7 satisfied); one left unsigned in grid 2. */
async function november() {
  const submit = (who: string, building: string, text: string) => h.ok<ConcernView>(who, 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids[building], text }, key());
  for (let i = 0; i < 11; i += 1) {
    // Past the submit rate limit: an hour apart, all on 28–29 November.
    h.clock.set(T0 + i * 61 * 60_000);
    const c = await submit('demo-resident-1', '1号楼', `楼道灯不亮了，第${i + 1}处`);
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    if (i === 10) break;
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '已修好' });
    await h.ok('demo-resident-1', 'concern.rate', { concernId: c.id, resolved: i < 8, satisfaction: i < 7 ? 5 : 2 });
  }
  await submit('demo-resident-2', '3号楼', '楼下垃圾桶满了');
}

async function issuedBySweep(): Promise<ReportView> {
  h.clock.set(DEC_1);
  await runSweep(h.deps);
  return h.ok<ReportView>('demo-admin', 'report.get', { month: '2026-11' });
}

// The rules as the report states them, written out again here from the records.
const shown = (num: number, den: number) => (den < 10 ? `样本不足（n=${den}）` : `${num}/${den}（${Math.floor((num * 100) / den)}%）`);
function counts(list: ConcernRecord[], now: number): [number, number][] {
  const counted = list.filter((c) => c.status !== 'merged');
  const due = counted.filter((c) => c.respondedInTime !== null || (c.status !== 'withdrawn' && now > c.contactDueAt));
  const rated = counted.filter((c) => c.rating);
  const assessed = rated.length + counted.filter((c) => !c.rating && c.closedReason === 'autoClosed').length;
  return [[due.filter((c) => c.respondedInTime === true).length, due.length], [rated.filter((c) => c.rating?.resolved).length, assessed], [rated.filter((c) => (c.rating?.satisfaction ?? 0) >= 4).length, rated.length]];
}
const rates = (list: ConcernRecord[], now: number) => [String(list.filter((c) => c.status !== 'merged').length), ...counts(list, now).map(([a, b]) => shown(a, b))];

describe('the sweep on the 1st issues last month’s report, and its figures are the records’', () => {
  it('issues 2026-11 on 1 December with every part recomputed from the records', async () => {
    await november();
    const report = await issuedBySweep();
    expect(report).toMatchObject({ month: '2026-11', monthLabel: '2026年11月', communityName: '幸福里社区', issuedAt: DEC_1, issuedBy: '系统（每月1日自动出具）', minSample: 10 });
    const part = (k: string) => report.parts.find((p) => p.key === k);
    if (process.env.SHOW_REPORT) console.log(JSON.stringify(report.parts, null, 1));
    expect(report.parts.map((p) => p.key)).toEqual(['rates', 'workers', 'categories', 'cases', 'visits', 'hours', 'meetings', 'disclosure']);

    const concerns = (await all<ConcernRecord>('concerns', 'createdAt')).filter((c) => c.createdAt >= NOV_START && c.createdAt < DEC_1 - 30 * 60_000);
    const grids = await all<{ _id: string; name: string }>('grids', 'name');
    const expectedGrids = grids
      .map((g) => ({ name: g.name, list: concerns.filter((c) => c.gridId === g._id) }))
      .filter((g) => g.list.length)
      .map((g) => [g.name, ...rates(g.list, DEC_1)]);
    expect(part('rates')?.table?.rows).toEqual(expectedGrids);
    const [, resp, resol, sat] = rates(concerns, DEC_1);
    expect(part('rates')?.figures.map((f) => f.text)).toEqual([`${concerns.filter((c) => c.status !== 'merged').length}件`, resp, resol, sat]);
    expect(part('rates')?.figures.slice(1).map((f) => [f.value, f.of])).toEqual(counts(concerns, DEC_1));
    // Grid 1 has enough cases to be shown: 8 of its 10 assessed were solved.
    expect(part('rates')?.table?.rows[0].slice(0, 1).concat(part('rates')?.table?.rows[0][3] ?? '')).toEqual(['第一网格', '8/10（80%）']);
    expect(part('workers')?.table?.rows.map((r) => r[0])).toContain('李秀英');

    const categories = new Map<string, number>();
    for (const c of concerns.filter((x) => x.status !== 'merged')) categories.set(c.categoryName, (categories.get(c.categoryName) ?? 0) + 1);
    expect(part('categories')?.figures.map((f) => [f.label, f.value])).toEqual([...categories.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).slice(0, 5));

    const verified = (await all<HourEntryRecord>('hourEntries', 'createdAt', { status: 'verified' })).filter((e) => e.status === 'verified' && e.decidedAt !== null && e.decidedAt >= NOV_START && e.decidedAt < DEC_1);
    expect(part('hours')?.figures[0].value).toBe(verified.reduce((s, e) => s + e.minutes, 0));
    expect(part('hours')?.figures[1].value).toBe(verified.length);

    const held = (await all<MeetingRecord>('meetings', 'startsAt', { status: { $in: ['ended', 'minutesApproved'] } })).filter((m) => (m.status === 'ended' || m.status === 'minutesApproved') && m.startsAt >= NOV_START && m.startsAt < DEC_1);
    expect(part('meetings')?.figures[0].value).toBe(held.length);

    const dues = (await all<DueRecord>('disclosureDues', 'dueAt', { month: '2026-11' })).filter((d) => d.month === '2026-11' && (d.state === 'met' || d.dueAt < DEC_1));
    expect(part('disclosure')?.figures[0]).toMatchObject({ value: dues.filter((d) => d.state === 'met' && d.onTime).length, of: dues.length });
  });

  it('names no resident anywhere in the report, only staff', async () => {
    await november();
    const text = JSON.stringify(await issuedBySweep());
    const residents = (await all<{ name: string | null; roles: string[] }>('members', 'createdAt')).filter((m) => !m.roles.includes('gridWorker') && !m.roles.includes('admin') && m.name);
    expect(residents.length).toBeGreaterThan(1);
    for (const r of residents) expect(text).not.toContain(r.name as string);
    expect(text).not.toMatch(/楼道灯不亮了|101|13812345678/);
  });
});

describe('the sweep issues only what a community has a month for', () => {
  it('makes no October report for a community opened in November, and catches up November on a later day', async () => {
    await runSweep(h.deps); // 28 November: the month before is October, before the demo opened
    expect(await h.call('demo-admin', 'report.get', { month: '2026-10' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    h.clock.set(DEC_1 + 4 * 24 * 3600_000); // the timer did not run on the 1st
    const { jobs } = await runSweep(h.deps);
    // 幸福里社区 and 长青社区 (the demo's second community, opened the same day).
    expect(jobs.monthlyReports).toEqual({ month: '2026-11', issued: 2 });
    expect((await runSweep(h.deps)).jobs.monthlyReports).toEqual({ month: '2026-11', issued: 0 });
  });
});

describe('a report once issued never changes', () => {
  it('reads the same after November’s records change, and a second issue returns it as it was', async () => {
    await november();
    const first = await issuedBySweep();
    // November changes after the fact: a late rating, a concern filed back-dated, a new month's sweep.
    const late = (await all<ConcernRecord>('concerns', 'createdAt')).find((c) => c.status === 'dispatched' && c.createdAt < DEC_1);
    await h.deps.store.update('concerns', late?._id ?? '', { status: 'closed', rating: { resolved: true, satisfaction: 5, comment: null, at: DEC_1, round: 1 } });
    await h.deps.store.insert('concerns', { ...(late as ConcernRecord), _id: 'backdated', number: '20261115-9999', createdAt: T0 - 3 * 24 * 3600_000 });
    h.clock.set(DEC_1 + 5 * 24 * 3600_000);
    await runSweep(h.deps);
    expect(await h.ok<ReportView>('demo-grid-1', 'report.get', { month: '2026-11' })).toEqual(first);
    expect(await h.ok<ReportView>('demo-admin', 'report.issue', { month: '2026-11' }, key())).toEqual(first);
  });

  it('makes one report when sweeps and an admin issue it at the same moment', async () => {
    await november();
    h.clock.set(DEC_1);
    const [, , byAdmin] = await Promise.all([runSweep(h.deps), runSweep(h.deps), h.ok<ReportView>('demo-admin', 'report.issue', { month: '2026-11' }, key()), runSweep(h.deps)]);
    const reports = await h.deps.store.query('reports', { where: { communityId: 'demo', month: '2026-11' }, orderBy: { field: '_id', dir: 'asc' }, limit: 10 });
    expect(reports.items).toHaveLength(1);
    const issued = await h.deps.store.query<{ _id: string; type: string }>('events', { where: { communityId: 'demo', subject: `report:${byAdmin.reportId}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    expect(issued.items.filter((e) => e.type === 'report.issued')).toHaveLength(1);
    expect(await h.ok('demo-admin', 'report.get', { month: '2026-11' })).toEqual(byAdmin);
  });
});

describe('an admin issues an ended month by hand; a month not over cannot be', () => {
  it('issues October under the admin’s name, and refuses December', async () => {
    h.clock.set(DEC_1);
    const oct = await h.ok<ReportView>('demo-admin', 'report.issue', { month: '2026-10' }, key());
    expect(oct).toMatchObject({ month: '2026-10', issuedBy: '王书记' });
    expect(await h.call('demo-admin', 'report.issue', { month: '2026-12' }, key())).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'month' }] } } });
    const list = await h.ok<{ items: ReportMonthRow[] }>('demo-grid-2', 'report.list', {});
    expect(list.items.slice(0, 2).map((r) => [r.month, r.issued])).toEqual([['2026-11', false], ['2026-10', true]]);
    expect(list.items).toHaveLength(12);
  });
  it('is the admins’ alone to issue; a resident reads none', async () => {
    h.clock.set(DEC_1);
    expect(await h.call('demo-grid-1', 'report.issue', { month: '2026-10' }, key())).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-resident-1', 'report.list', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-admin', 'report.get', { month: '2026-10' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('a correction is an addendum: appended with who and when, the original untouched', () => {
  it('keeps the parts as issued and lists the addendum below', async () => {
    await november();
    const first = await issuedBySweep();
    h.clock.set(DEC_1 + 3600_000);
    const k = key();
    const fixed = await h.ok<ReportView>('demo-admin', 'report.addendum', { month: '2026-11', text: '11月28日一件诉求分类有误，应为环境卫生。', corrections: [{ part: '诉求分类前5', label: '设施维修', text: '3件' }] }, k);
    expect(fixed.parts).toEqual(first.parts);
    expect(fixed.issuedAt).toBe(first.issuedAt);
    expect(fixed.addenda).toEqual([{ addendumId: expect.any(String), text: '11月28日一件诉求分类有误，应为环境卫生。', corrections: [{ part: '诉求分类前5', label: '设施维修', text: '3件' }], byName: '王书记', at: DEC_1 + 3600_000 }]);
    // A retry with the same key adds nothing.
    expect((await h.ok<ReportView>('demo-admin', 'report.addendum', { month: '2026-11', text: '11月28日一件诉求分类有误，应为环境卫生。' }, k)).addenda).toHaveLength(1);
    expect((await h.ok<{ items: ReportMonthRow[] }>('demo-admin', 'report.list', {})).items[0]).toMatchObject({ month: '2026-11', issued: true, addenda: 1 });
    expect(await h.call('demo-grid-1', 'report.addendum', { month: '2026-11', text: '我来改一下' }, key())).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
  it('cannot be added to a report not issued', async () => {
    h.clock.set(DEC_1);
    expect(await h.call('demo-admin', 'report.addendum', { month: '2026-10', text: '补充一下情况' }, key())).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
