import type { HouseholdRollView, OwnerUnitView, RollImportReport } from '../../../../../miniprogram/core/poll/contract';
import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';

const pageId = loadPage('staff/roll/index');

const admin = meReply(['roll.list', 'roll.correct', 'roll.import', 'member.find'], { roles: ['admin'] });
const worker = meReply(['roll.list', 'roll.correct', 'member.find'], { roles: ['gridWorker'], gridIds: ['g1'] });

const household: HouseholdRollView = {
  householdId: 'h1',
  gridId: 'g1',
  address: '1号楼1单元101',
  members: [
    { memberId: 'm-liu', name: '刘阿姨', adult: true, representative: true },
    { memberId: 'm-xm', name: '小明', adult: false, representative: false },
  ],
  representativeId: 'm-liu',
  allowedActions: ['roll.correct'],
};

const unit: OwnerUnitView = {
  unitId: 'u1',
  buildingId: 'b1',
  address: '1号楼1单元101',
  areaCenti: 8937,
  areaText: '89.37㎡',
  unsold: false,
  owners: [{ name: '刘阿姨', memberId: 'm-liu', linked: true }, { name: '张先生', memberId: null, linked: false }],
  householdId: 'h1',
  updatedAt: 0,
  allowedActions: ['roll.correct'],
};
const unsold: OwnerUnitView = { ...unit, unitId: 'u2', address: '1号楼1单元102', unsold: true, owners: [{ name: '幸福里置业有限公司', memberId: null, linked: false }], householdId: null, allowedActions: [] };

const report = (over: Partial<RollImportReport> = {}): RollImportReport => ({
  committed: false, rows: 120, created: 118, updated: 2, unchanged: 0, missingFromSheet: 3, linkedOwners: 40, totalAreaText: '10724.40㎡', problems: [],
  preview: [{ address: '1号楼1单元101', areaText: '89.37㎡', owners: '刘阿姨、张先生', unsold: false }, { address: '1号楼1单元102', areaText: '89.37㎡', owners: '幸福里置业有限公司', unsold: true }],
  ...over,
});

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'member.me': admin,
    'community.buildings': ok({ items: [{ id: 'b1', name: '1号楼', gridId: 'g1' }, { id: 'b3', name: '3号楼', gridId: 'g2' }] }),
    'roll.list': (data) =>
      data.kind === 'owner'
        ? ok({ items: [unit, unsold], total: 2, totalAreaCenti: 17874 })
        : data.cursor === 'r2' ? ok({ items: [{ ...household, householdId: 'h2', address: '1号楼1单元102', members: [], representativeId: null }], total: 96, totalAreaCenti: null }) : ok({ items: [household], next: 'r2', total: 96, totalAreaCenti: null }),
    'roll.correct': (data) =>
      data.kind === 'household'
        ? ok({ ...household, representativeId: data.representativeId ?? null, members: household.members.map((m) => ({ ...m, representative: m.memberId === data.representativeId, adult: !(data.minorIds ?? []).includes(m.memberId) })) })
        : ok({ ...unit, areaText: '90.12㎡', areaCenti: 9012 }),
    'roll.import': (data) => ok(report({ committed: data.commit })),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

function fakeFile(size = 20_480, data = 'UEsDBBQAAAAIAA==') {
  wxMock.chooseMessageFile = jest.fn((opts: { success: (r: { tempFiles: Array<{ path: string; size: number; name: string }> }) => void }) =>
    opts.success({ tempFiles: [{ path: 'wxfile://tmp/owners.xlsx', size, name: '业主名册.xlsx' }] }),
  );
  const readFile = jest.fn((opts: { success: (r: { data: string }) => void }) => opts.success({ data }));
  wxMock.getFileSystemManager = jest.fn(() => ({ readFile }));
  return readFile;
}

beforeEach(() => jest.clearAllMocks());

describe('the household roll', () => {
  it('lists each household by address with its people, the 户代表 and who is under 18, paged', async () => {
    const { page, send } = await open();
    expect(sent(send, 'roll.list')[0].data).toEqual({ kind: 'household', limit: 20 });
    expect(page.text('#total')).toBe('共96户');
    expect(page.text('#row-0')).toBe('1号楼1单元101刘阿姨（户代表）、小明（未成年）');
    await page.tap('#more');
    expect(page.text('#row-1')).toContain('没有人绑定到这一户');
  });

  it('narrows to a building picked by name', async () => {
    const { page, send } = await open();
    await page.change('#building', 2);
    expect(page.text('#building-value')).toBe('3号楼');
    expect(sent(send, 'roll.list')[1].data).toEqual({ kind: 'household', buildingId: 'b3', limit: 20 });
  });

  it('offers a grid worker only the buildings of their grids, and no import', async () => {
    const { page } = await open({ 'member.me': worker });
    expect(page.instance.data.buildingNames).toEqual(['全部楼栋', '1号楼']);
    await page.tap('#tab-owner');
    expect(page.exists('#import-open')).toBe(false);
  });
});

describe('correcting a household', () => {
  it('names another 户代表 among its people, unmarks a minor, and sends it with the reason', async () => {
    const { page, send } = await open();
    await page.tap('#row-0');
    expect(page.text('#edit-address')).toBe('1号楼1单元101');
    await page.tap('#correct-save');
    expect(page.text('#reason-error')).toBe('更正原因至少需要2个字');
    expect(sent(send, 'roll.correct')).toHaveLength(0);
    await page.change('#rep', '1');
    await page.change('#minors', []);
    await page.input('#reason', '小明已满18岁，由他代表本户');
    await page.tap('#correct-save');
    expect(sent(send, 'roll.correct')[0].data).toEqual({ kind: 'household', householdId: 'h1', representativeId: 'm-xm', minorIds: [], reason: '小明已满18岁，由他代表本户' });
    expect(page.text('#row-0')).toBe('1号楼1单元101刘阿姨、小明（户代表）');
    expect(page.text('#saved')).toBe('已更正1号楼1单元101，原因已记录');
    expect(page.exists('#correct')).toBe(false);
  });
});

describe('the owner roll', () => {
  it('shows each unit’s area, whether it is sold, and each owner 已关联 or 未关联, with the total area', async () => {
    const { page, send } = await open();
    await page.tap('#tab-owner');
    expect(sent(send, 'roll.list')[1].data).toEqual({ kind: 'owner', limit: 20 });
    expect(page.text('#total')).toBe('共2套，专有面积合计178.74㎡');
    expect(page.text('#row-0')).toBe('1号楼1单元101专有面积 89.37㎡刘阿姨 已关联张先生 未关联');
    expect(page.text('#row-1')).toContain('未售出');
  });

  it('corrects area and owners, ties an owner to a member found by name, and sends the reason', async () => {
    const { page, send } = await open();
    await page.tap('#tab-owner');
    await page.tap('#row-1');
    expect(page.exists('#correct')).toBe(false);
    await page.tap('#row-0');
    expect(page.instance.data.area).toBe('89.37');
    await page.input('#area', '90.12');
    await page.tap('#link-1');
    await page.trigger('#owner-picker', 'pick', { memberId: 'm-zhang', name: '张建军', label: '张建军 · 1号楼 1单元 101室', onApp: true });
    expect(page.text('#owner-link-1')).toBe('已关联：张建军 · 1号楼 1单元 101室');
    expect(page.exists('#owner-picker')).toBe(false);
    await page.tap('#add-owner');
    await page.input('#owner-name-2', '王女士');
    await page.input('#reason', '业主提供了新的不动产权证');
    await page.tap('#correct-save');
    expect(sent(send, 'roll.correct')[0].data).toEqual({
      kind: 'owner',
      unitId: 'u1',
      areaM2: '90.12',
      owners: [{ name: '刘阿姨', memberId: 'm-liu' }, { name: '张先生', memberId: 'm-zhang' }, { name: '王女士', memberId: null }],
      unsold: false,
      reason: '业主提供了新的不动产权证',
    });
    expect(page.text('#row-0')).toContain('90.12㎡');
  });

  it('shows the server’s refusal beside the area', async () => {
    const { page } = await open({ 'roll.correct': fail('VALIDATION_ERROR', '请检查', { issues: [{ path: 'areaM2', message: '专有面积与不动产登记不符' }] }) });
    await page.tap('#tab-owner');
    await page.tap('#row-0');
    await page.input('#reason', '核对登记');
    await page.tap('#correct-save');
    expect(page.text('#area-error')).toBe('专有面积与不动产登记不符');
  });

  it('checks the area typed on the device', async () => {
    const { page, send } = await open();
    await page.tap('#tab-owner');
    await page.tap('#row-0');
    await page.input('#area', '89.375');
    await page.input('#reason', '核对登记');
    await page.tap('#correct-save');
    expect(page.text('#area-error')).toBe('专有面积应为数字，最多两位小数');
    expect(sent(send, 'roll.correct')).toHaveLength(0);
  });
});

describe('importing the owner roll', () => {
  it('says which columns the sheet needs, previews it, then imports the same file on 确认导入', async () => {
    const readFile = fakeFile();
    const { page, send } = await open();
    await page.tap('#tab-owner');
    await page.tap('#import-open');
    expect(page.text('#columns')).toContain('楼栋、单元、房号、专有面积、业主姓名、状态');
    await page.input('#import-reason', '物业提供的最新名册');
    await page.tap('#choose-file');
    expect(wxMock.chooseMessageFile).toHaveBeenCalledWith(expect.objectContaining({ count: 1, type: 'file', extension: ['xlsx'] }));
    expect(readFile).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/owners.xlsx', encoding: 'base64' }));
    expect(sent(send, 'roll.import')[0].data).toEqual({ fileBase64: 'UEsDBBQAAAAIAA==', commit: false, reason: '物业提供的最新名册' });
    expect(page.text('#report')).toContain('预览，尚未导入：表格共120行');
    expect(page.text('#report')).toContain('新增118套，更新2套，不变0套');
    expect(page.text('#report')).toContain('名册上有、表格里没有的3套');
    expect(page.text('#preview')).toContain('1号楼1单元102 · 89.37㎡ · 幸福里置业有限公司 · 未售出');
    await page.tap('#import-commit');
    expect(sent(send, 'roll.import')[1].data).toEqual({ fileBase64: 'UEsDBBQAAAAIAA==', commit: true, reason: '物业提供的最新名册' });
    expect(page.text('#report')).toContain('已导入：表格共120行');
    expect(page.exists('#import-commit')).toBe(false);
    expect(sent(send, 'roll.list').filter((e) => (e.data as { kind: string }).kind === 'owner')).toHaveLength(2);
  });

  it('lists every problem by row and column and offers no import', async () => {
    fakeFile();
    const { page } = await open({
      'roll.import': ok(report({ problems: [{ row: 5, column: '专有面积', message: '专有面积应为数字，最多两位小数' }, { row: 9, column: '业主姓名', message: '请填写业主姓名' }] })),
    });
    await page.tap('#tab-owner');
    await page.tap('#import-open');
    await page.tap('#choose-file');
    expect(page.text('#problems')).toContain('有2处问题');
    expect(page.text('#problems')).toContain('第5行 专有面积：专有面积应为数字，最多两位小数');
    expect(page.text('#problems')).toContain('第9行 业主姓名：请填写业主姓名');
    expect(page.exists('#import-commit')).toBe(false);
  });

  it('refuses a file over 2MB before reading it', async () => {
    const readFile = fakeFile(3 * 1024 * 1024);
    const { page, send } = await open();
    await page.tap('#tab-owner');
    await page.tap('#import-open');
    await page.tap('#choose-file');
    expect(page.text('#import-error')).toBe('表格文件不能超过2MB');
    expect(readFile).not.toHaveBeenCalled();
    expect(sent(send, 'roll.import')).toHaveLength(0);
  });
});

describe('the roll cannot be read', () => {
  it('shows the message and a retry', async () => {
    const { page } = await open({ 'roll.list': fail('FORBIDDEN', '您没有权限查看名册') });
    expect(page.text('#error')).toContain('您没有权限查看名册');
  });
});
