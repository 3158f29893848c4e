/**
 * 导出表格: the issued report and the concern archive as xlsx — read back here cell by cell —
 * each export audited, and nothing of a resident in them.
 */
import type { ArchiveExport, ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { ReportView } from '../../../../../miniprogram/core/report/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, member, T0, type Harness } from '../../../../support/harness';
import { readXlsx } from '../../../../support/xlsx-read';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const DEC_1 = Date.UTC(2026, 10, 30, 16, 30);

async function auditOf(type: string) {
  const page = await h.deps.store.query<{ _id: string; type: string; actorId: string | null; to: string | null; note: string | null }>('events', { where: { communityId: 'demo', type }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
  return page.items;
}

describe('the monthly report as a spreadsheet', () => {
  it('holds every part’s figures with numerator and denominator, its tables and the addenda', async () => {
    h.clock.set(DEC_1);
    await runSweep(h.deps);
    await h.ok('demo-admin', 'report.addendum', { month: '2026-11', text: '第二网格11月有一件诉求漏登，已补录。' }, key());
    const report = await h.ok<ReportView>('demo-admin', 'report.get', { month: '2026-11' });
    const out = await h.ok<{ fileName: string; base64: string }>('demo-grid-1', 'report.export', { month: '2026-11' });
    expect(out.fileName).toBe('linli-report-2026-11.xlsx');
    const [sheet] = await readXlsx(out.base64);
    expect(sheet.name).toBe('2026年11月评事报告');
    expect(sheet.formulas).toBe(0);
    const rows = sheet.rows.map((r) => r.join('|'));
    expect(rows[0]).toBe('幸福里社区 2026年11月 定期评事报告');
    for (const part of report.parts) {
      expect(rows).toContain(part.title);
      for (const f of part.figures) expect(rows).toContain([f.label, f.text, String(f.value), f.of === undefined ? '' : String(f.of)].join('|').replace(/\|+$/, ''));
      for (const r of part.table?.rows ?? []) expect(rows).toContain(r.join('|').replace(/\|+$/, ''));
    }
    expect(rows.some((r) => r.includes('第二网格11月有一件诉求漏登，已补录。') && r.includes('王书记'))).toBe(true);
    expect(rows.join('\n')).not.toMatch(/刘阿姨|马大爷|孙奶奶/);
    expect(await auditOf('report.exported')).toEqual([expect.objectContaining({ actorId: member('demo-grid-1'), to: 'xlsx', note: '2026-11评事报告' })]);
  });
  it('is NOT_FOUND before the report is issued, and not for residents', async () => {
    expect(await h.call('demo-admin', 'report.export', { month: '2026-10' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await h.call('demo-resident-1', 'report.export', { month: '2026-10' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('the concern archive and the open items as xlsx, beside the CSV', () => {
  it('writes the same columns as the CSV, with no resident’s name or words, audited', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道扶手断了' }, key());
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '=1+1 已焊接加固' });
    await h.ok('demo-resident-1', 'concern.rate', { concernId: c.id, resolved: true, satisfaction: 5 });
    const open = await h.ok<ConcernView>('demo-resident-2', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['3号楼'], text: '还没办结的事情' }, key());
    const range = { from: T0 - 1, to: T0 + 24 * 3600_000 };
    const csv = await h.ok<ArchiveExport>('demo-admin', 'concern.export', range);
    const xlsx = await h.ok<ArchiveExport>('demo-admin', 'concern.export', { ...range, format: 'xlsx' });
    expect(xlsx).toMatchObject({ csv: '', rows: csv.rows, fileName: 'linli-archive-2026-11-28.xlsx' });
    const [sheet] = await readXlsx(xlsx.base64 ?? '');
    const csvLines = csv.csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(sheet.rows[2].join(',')).toBe(csvLines[0]);
    expect(sheet.rows.find((r) => r[0] === c.number)).toEqual(expect.arrayContaining(['设施维修', '1号楼', '第一网格', '李秀英', '=1+1 已焊接加固']));
    expect(sheet.formulas).toBe(0);
    const all = sheet.rows.flat().join('\n');
    expect(all).not.toMatch(/刘阿姨|楼道扶手断了/);
    expect(all).not.toContain(open.number);

    const openItems = await h.ok<ArchiveExport>('demo-admin', 'concern.export', { ...range, format: 'xlsx', kind: 'open' });
    const [openSheet] = await readXlsx(openItems.base64 ?? '');
    expect(openSheet.name).toBe('在办诉求');
    expect(openSheet.rows.map((r) => r[0])).toContain(open.number);
    expect(openSheet.rows.map((r) => r[0])).not.toContain(c.number);
    expect(openSheet.rows.flat().join('\n')).not.toMatch(/还没办结的事情|马大爷/);
    expect((await auditOf('concern.exported')).map((e) => [e.to, e.note?.replace(/\d+/, 'n')]).sort()).toEqual([['csv', '归档n条'], ['xlsx', '在办n条'], ['xlsx', '归档n条']]);
  });
});
