/**
 * 导入业主名册: staff preview the community's sheet, see every problem by row and column, and
 * only a clean sheet they confirm is written — unit by unit under the id its address gives,
 * so a re-import changes exactly what changed and keeps what staff linked.
 */
import type { OwnerUnitView, RollImportReport } from '../../../../../miniprogram/core/poll/contract';
import type { EventRecord } from '../../../../../cloudfunctions/lib/kernel/audit';
import type { OwnerUnitRecord } from '../../../../../cloudfunctions/lib/features/roll/records';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { moveIn, ownerSheet, sheetBase64, type SheetCell } from '../../../../support/owner-sheet';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const ROWS: SheetCell[][] = [
  ['1号楼', '1', '101', 89.37, '刘阿姨', '已售'],
  ['1号楼', '1', '102', '89.37', '周建明、李红', ''],
  ['2号楼', '1单元', '201室', 112.05, '赵志刚', null],
  ['3号楼', 2, 302, 102.46, '马国庆', '已售'],
  ['4号楼', '2', '601', 142.18, '', '未售'],
  ['4号楼', '2', '602', 142.18, null, '未售'],
];

const importSheet = async (rows: SheetCell[][], more: { commit?: boolean; reason?: string } = {}) =>
  h.ok<RollImportReport>('demo-admin', 'roll.import', { fileBase64: await ownerSheet(rows), ...more });

async function units(): Promise<OwnerUnitRecord[]> {
  return (await h.deps.store.query<OwnerUnitRecord>('ownerUnits', { where: { communityId: 'demo' }, orderBy: { field: 'sortKey', dir: 'asc' }, limit: 100 })).items;
}

async function importEvents(): Promise<EventRecord[]> {
  const page = await h.deps.store.query<EventRecord>('events', { where: { communityId: 'demo', subject: 'community:demo' }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 });
  return page.items.filter((e) => e.type === 'roll.imported');
}

const unitAt = async (address: string) => (await h.ok<{ items: OwnerUnitView[] }>('demo-admin', 'roll.list', { kind: 'owner', limit: 50 })).items.find((u) => u.address === address);

describe('a preview writes nothing and says what an import would do', () => {
  it('counts the units it would create, the area, the owner it would link, and shows the first rows', async () => {
    const report = await importSheet(ROWS);
    expect(report).toMatchObject({ committed: false, rows: 6, created: 6, updated: 0, unchanged: 0, missingFromSheet: 0, linkedOwners: 1, totalAreaText: '677.61㎡', problems: [] });
    expect(report.preview[0]).toEqual({ address: '1号楼 1单元 101室', areaText: '89.37㎡', owners: '刘阿姨', unsold: false });
    expect(report.preview.map((p) => p.address)).toContain('2号楼 1单元 201室');
    expect(report.preview.filter((p) => p.unsold)).toHaveLength(2);
    expect(await units()).toEqual([]);
    expect(await importEvents()).toEqual([]);
  });
  it('says what a re-import would change against the roll as it stands', async () => {
    await importSheet(ROWS, { commit: true });
    const changed = ROWS.map((r) => (r[2] === '102' ? ['1号楼', '1', '102', 90.12, '周建明、李红', ''] : r));
    const report = await importSheet(changed.slice(0, 5));
    expect(report).toMatchObject({ committed: false, created: 0, updated: 1, unchanged: 4, missingFromSheet: 1 });
    expect((await units()).every((u) => u.version === 1)).toBe(true);
  });
  it('matches buildings written the short way (「1栋」 is 1号楼)', async () => {
    const report = await importSheet([['1栋', '1', '101', 89.37, '刘阿姨', '']]);
    expect(report.problems).toEqual([]);
    expect(report.preview[0].address).toBe('1号楼 1单元 101室');
  });
});

describe('every problem is named by its row and column, and a sheet with any problem writes nothing', () => {
  it('lists a bad area, an unknown building, a doubled address and an unknown status, even when asked to import', async () => {
    const report = await importSheet(
      [
        ['1号楼', '1', '101', 12.345, '刘阿姨', ''],
        ['9号楼', '1', '101', 80, '王五', ''],
        ['2号楼', '1', '201', 112.05, '赵志刚', ''],
        ['2号楼', '1单元', '201', 112.05, '赵志刚', ''],
        ['3号楼', '2', '302', 102.46, '马国庆', '已出租'],
        ['4号楼', '1', '101', 130, '王建华', ''],
      ],
      { commit: true },
    );
    expect(report.committed).toBe(false);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [2, '专有面积'],
      [3, '楼栋'],
      [5, '房号'],
      [6, '状态'],
    ]);
    expect(report.problems[0].message).toContain('12.345');
    expect(report.problems[0].message).toContain('最多两位小数');
    expect(report.problems[1].message).toContain('9号楼');
    expect(report.problems[2].message).toContain('第4行');
    expect(report.problems[3].message).toContain('已出租');
    expect(await units()).toEqual([]);
    expect(await importEvents()).toEqual([]);
  });
  it('names a missing column once, on the header row', async () => {
    const fileBase64 = await sheetBase64([['楼栋', '单元', '房号', '业主姓名', '状态'], ['1号楼', '1', '101', '刘阿姨', '']]);
    const report = await h.ok<RollImportReport>('demo-admin', 'roll.import', { fileBase64, commit: true });
    expect(report.problems).toEqual([{ row: 1, column: '专有面积', message: expect.stringContaining('缺少「专有面积」列') }]);
    expect(await units()).toEqual([]);
  });
  it('reads the columns in any order and by a name with its unit in brackets', async () => {
    const fileBase64 = await sheetBase64([['业主姓名', '状态', '专有面积（㎡）', '房号', '单元', '楼栋'], ['刘阿姨', '', 89.37, '101', '1', '1号楼']]);
    const report = await h.ok<RollImportReport>('demo-admin', 'roll.import', { fileBase64 });
    expect(report).toMatchObject({ problems: [], created: 1, totalAreaText: '89.37㎡' });
  });
  it('wants the owners of a sold unit, not of an unsold one', async () => {
    const report = await importSheet([['1号楼', '1', '101', 89.37, '', '已售'], ['4号楼', '2', '601', 142.18, '', '未售']]);
    expect(report.problems).toEqual([{ row: 2, column: '业主姓名', message: expect.stringContaining('请填写业主姓名') }]);
  });
  it('refuses a file that is not an Excel sheet on its field', async () => {
    const res = await h.call('demo-admin', 'roll.import', { fileBase64: Buffer.from('楼栋,单元,房号\n1号楼,1,101').toString('base64') });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'fileBase64' }] } } });
  });
  it('is for admins only', async () => {
    const res = await h.call('demo-grid-1', 'roll.import', { fileBase64: await ownerSheet(ROWS), commit: true });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await units()).toEqual([]);
  });
});

describe('an import writes the roll once; a re-import changes exactly what changed', () => {
  it('creates every unit, audited once with the counts and the reason', async () => {
    const report = await importSheet(ROWS, { commit: true, reason: '物业移交2026年业主清册' });
    expect(report).toMatchObject({ committed: true, created: 6, updated: 0, unchanged: 0, linkedOwners: 1 });
    const roll = await h.ok<{ total: number; totalAreaCenti: number }>('demo-admin', 'roll.list', { kind: 'owner' });
    expect(roll).toMatchObject({ total: 6, totalAreaCenti: 67761 });
    const events = await importEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: member('demo-admin'), public: false });
    expect(events[0].note).toContain('新增6套');
    expect(events[0].note).toContain('物业移交2026年业主清册');
  });
  it('updates only the unit whose area changed, leaves the rest untouched and keeps units the sheet dropped', async () => {
    await importSheet(ROWS, { commit: true });
    const before = await units();
    h.clock.advance(60_000);
    const changed = ROWS.map((r) => (r[2] === '102' ? ['1号楼', '1', '102', 90.12, '周建明、李红', ''] : r)).slice(0, 5);
    const report = await importSheet(changed, { commit: true });
    expect(report).toMatchObject({ committed: true, created: 0, updated: 1, unchanged: 4, missingFromSheet: 1 });
    const after = await units();
    expect(after).toHaveLength(6);
    const moved = after.filter((u, i) => u.version !== before[i].version || u.updatedAt !== before[i].updatedAt);
    expect(moved.map((u) => [u.room, u.areaCenti, u.version])).toEqual([['102', 9012, 2]]);
    expect(await importEvents()).toHaveLength(2);
  });
  it('writes nothing twice when the same sheet comes again', async () => {
    await importSheet(ROWS, { commit: true });
    const report = await importSheet(ROWS, { commit: true });
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 6, missingFromSheet: 0 });
    expect((await units()).every((u) => u.version === 1)).toBe(true);
  });
});

describe('owners are linked to residents by the exact name at the same address, and staff links last', () => {
  it('links the one resident of the flat with the owner’s name, and nobody where the name is not there or is there twice', async () => {
    await moveIn(h, 'rt-wang-1', '4号楼', '1', '101', '王芳');
    await moveIn(h, 'rt-wang-2', '4号楼', '1', '101', '王芳');
    const report = await importSheet([...ROWS, ['4号楼', '1', '101', 130, '王芳', '']], { commit: true });
    expect(report.linkedOwners).toBe(1);
    expect((await unitAt('1号楼 1单元 101室'))?.owners).toEqual([{ name: '刘阿姨', memberId: member('demo-resident-1'), linked: true }]);
    expect((await unitAt('3号楼 2单元 302室'))?.owners).toEqual([{ name: '马国庆', memberId: null, linked: false }]);
    expect((await unitAt('4号楼 1单元 101室'))?.owners).toEqual([{ name: '王芳', memberId: null, linked: false }]);
  });
  it('keeps the link staff made through a re-import while the name stays, and drops it when the name changes', async () => {
    await importSheet(ROWS, { commit: true });
    const unit = (await unitAt('3号楼 2单元 302室')) as OwnerUnitView;
    await h.ok('demo-admin', 'roll.correct', { kind: 'owner', unitId: unit.unitId, owners: [{ name: '马国庆', memberId: member('demo-resident-2') }], reason: '本人持房产证到社区核实' });
    const again = await importSheet(ROWS, { commit: true });
    expect(again).toMatchObject({ updated: 0, unchanged: 6 });
    expect((await unitAt('3号楼 2单元 302室'))?.owners).toEqual([{ name: '马国庆', memberId: member('demo-resident-2'), linked: true }]);
    const renamed = await importSheet(ROWS.map((r) => (r[4] === '马国庆' ? ['3号楼', 2, 302, 102.46, '马国强', '已售'] : r)), { commit: true });
    expect(renamed).toMatchObject({ updated: 1, unchanged: 5 });
    expect((await unitAt('3号楼 2单元 302室'))?.owners).toEqual([{ name: '马国强', memberId: null, linked: false }]);
  });
});
