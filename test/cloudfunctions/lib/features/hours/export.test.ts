import ExcelJS from 'exceljs';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { addAttendance, addSignup, addVolunteer, ledgerWorld } from '../../../../support/volunteer-ledger';
import { IMPORT_SHEET_COLUMNS, IMPORT_SHEET_NOTE } from '../../../../../miniprogram/core/volunteer/certificate';

type Exported = { fileName: string; base64: string; rows: number; truncated: boolean; idsMasked: boolean };

let h: Harness;
let w: Awaited<ReturnType<typeof ledgerWorld>>;
beforeEach(async () => {
  h = await createHarness();
  w = await ledgerWorld(h);
});
afterEach(() => h.close());

async function cells(e: Exported): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(e.base64, 'base64') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('ID numbers are whole only for the community admin', () => {
  it('masks them in a grid worker’s ledger and says so', async () => {
    const e = await h.ok<Exported>('demo-grid-1', 'hours.export', { kind: 'person', memberId: w.resident });
    const text = JSON.stringify(await cells(e));
    expect(e.idsMasked).toBe(true);
    expect(text).toContain('110***********1234');
    expect(text).not.toContain('110101195501011234');
  });
  it('writes them in full for the admin', async () => {
    const e = await h.ok<Exported>('demo-admin', 'hours.export', { kind: 'person', memberId: w.resident });
    expect(e.idsMasked).toBe(false);
    expect(JSON.stringify(await cells(e))).toContain('110101195501011234');
  });
  it('refuses residents and volunteers', async () => {
    for (const who of ['demo-resident-1', 'demo-volunteer-1']) {
      const res = await h.call(who, 'hours.export', { kind: 'person', memberId: w.resident });
      expect(!res.ok && res.error.code).toBe('FORBIDDEN');
    }
  });
});

describe('every export is audited', () => {
  it('records who exported what and whether IDs were whole', async () => {
    await h.ok('demo-grid-1', 'hours.export', { kind: 'person', memberId: w.resident });
    await h.ok('demo-admin', 'hours.export', { kind: 'importSheet' });
    const person = await h.deps.store.query<{ _id: string; type: string; actorId: string; note: string }>('events', { where: { communityId: 'demo', subject: `volunteer:vol_${w.resident}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    const community = await h.deps.store.query<{ _id: string; type: string; actorId: string; note: string }>('events', { where: { communityId: 'demo', subject: 'community:demo' }, orderBy: { field: 'at', dir: 'asc' }, limit: 50 });
    expect(person.items).toEqual([expect.objectContaining({ type: 'hours.exported', actorId: member('demo-grid-1'), note: expect.stringContaining('证件号码已隐去') })]);
    expect(community.items.filter((e) => e.type === 'hours.exported')).toEqual([expect.objectContaining({ actorId: member('demo-admin'), note: expect.stringContaining('含完整证件号码') })]);
  });
});

describe('the sheets', () => {
  it('a person’s ledger lists every entry with its status and totals the verified ones', async () => {
    const rows = await cells(await h.ok<Exported>('demo-admin', 'hours.export', { kind: 'person', memberId: w.resident }));
    expect(rows[1][0]).toContain('已核验合计 5.0小时');
    expect(rows.slice(3).map((r) => r[7])).toEqual(['已核验', '已核验', '待核验']);
  });
  it('the sign-in sheet counts 应到 from seats and 实到 from check-ins, never the waitlist', async () => {
    const other = await addVolunteer(h, 'demo-resident-2', { name: '马大爷', number: 'V0002' });
    const waiting = await addVolunteer(h, 'demo-volunteer-1', { name: '陈志愿', number: 'V0003' });
    await addSignup(h, 'act_green', w.resident);
    await addSignup(h, 'act_green', other);
    await addSignup(h, 'act_green', waiting, 'waitlisted');
    await addAttendance(h, 'act_green', w.resident, h.clock.now());
    const rows = await cells(await h.ok<Exported>('demo-grid-1', 'hours.export', { kind: 'signInSheet', activityId: 'act_green' }));
    expect(rows[1][0]).toContain('应到 2 人，实到 1 人');
    expect(rows.slice(3).map((r) => [r[2], r[6]]).sort()).toEqual([['刘阿姨', '是'], ['马大爷', '否']].sort());
    expect(JSON.stringify(rows)).not.toContain('陈志愿');
  });
  it('the import sheet has 中国志愿服务网’s columns, verified entries only, and says Linli is not that system', async () => {
    const rows = await cells(await h.ok<Exported>('demo-admin', 'hours.export', { kind: 'importSheet' }));
    expect(rows[1][0]).toContain(IMPORT_SHEET_NOTE);
    expect(rows[2]).toEqual([...IMPORT_SHEET_COLUMNS]);
    expect(rows.slice(3).map((r) => [r[0], r[3], r[5]])).toEqual([['刘阿姨', '植绿护绿', '3.0'], ['刘阿姨', '探访独居老人', '2.0']]);
  });
  it('a team’s ledger needs a team of this community', async () => {
    const res = await h.call('demo-admin', 'hours.export', { kind: 'team', teamId: 'team_elsewhere' });
    expect(res.ok === false && (res.error.details as { issues?: Array<{ path: string }> } | undefined)?.issues?.[0]?.path).toBe('teamId');
    const ok = await h.ok<Exported>('demo-admin', 'hours.export', { kind: 'team', teamId: 'team_green' });
    expect(ok.rows).toBe(3);
  });
});

describe('the same export asked for twice is the same file', () => {
  it('gives identical bytes even when the wall clock moves between the calls', async () => {
    const first = await h.ok<Exported>('demo-admin', 'hours.export', { kind: 'person', memberId: w.resident });
    // exceljs stamps zip entries with the wall clock at two-second steps; cross one (only Date is faked).
    jest.useFakeTimers({ now: Date.now() + 4000, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      const second = await h.ok<Exported>('demo-admin', 'hours.export', { kind: 'person', memberId: w.resident });
      expect(second.base64).toBe(first.base64);
    } finally {
      jest.useRealTimers();
    }
  });
});
