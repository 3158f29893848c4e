import type { FoundEntry } from '../../../../miniprogram/core/member/contract';
import { fakeBackend, flush, loadPage, ok, render, sent } from '../../harness';

const id = loadPage('staff/components/member-picker/index');

const liu: FoundEntry = {
  key: 'h101',
  household: { id: 'h101', buildingId: 'b1', buildingName: '1号楼', unit: '1', room: '101', address: '1号楼 1单元 101室' },
  people: [{ memberId: 'm-liu', name: '刘阿姨', roles: ['resident'] }],
  onApp: true,
};
const sun: FoundEntry = {
  key: 'h102',
  household: { id: 'h102', buildingId: 'b1', buildingName: '1号楼', unit: '1', room: '102', address: '1号楼 1单元 102室' },
  people: [],
  onApp: false,
};

function backend() {
  return fakeBackend({
    'community.buildings': ok({ items: [{ id: 'b1', name: '1号楼', gridId: 'g1' }, { id: 'b3', name: '3号楼', gridId: 'g2' }] }),
    'member.find': (data) => ok({ items: data.name ? [{ ...liu, key: 'm-liu' }] : [liu, sun] }),
  });
}

async function open(props: Record<string, unknown> = {}) {
  const send = backend();
  const picker = render(id, props);
  const picks: unknown[] = [];
  (picker.instance as unknown as { triggerEvent: (n: string, d: unknown) => void }).triggerEvent = (n, d) => picks.push([n, d]);
  await flush();
  return { picker, send, picks };
}

beforeEach(() => jest.clearAllMocks());

describe('finding a person by name', () => {
  it('sends the name (and the roles asked for) and hands back the person, never showing an id', async () => {
    const { picker, send, picks } = await open({ roles: ['gridWorker'] });
    await picker.input('#mp-name', '刘');
    await picker.tap('#mp-search');
    expect(sent(send, 'member.find')[0].data).toEqual({ name: '刘', roles: ['gridWorker'], limit: 20 });
    expect(picker.text('#mp-results')).toContain('刘阿姨');
    expect(picker.text('#mp-results')).toContain('1号楼 1单元 101室');
    expect(picker.text()).not.toContain('m-liu');
    await picker.tap('#mp-pick-m-liu-0');
    expect(picks).toEqual([['pick', expect.objectContaining({ memberId: 'm-liu', householdId: 'h101', name: '刘阿姨', label: '刘阿姨 · 1号楼 1单元 101室' })]]);
  });

  it('asks for a name before searching', async () => {
    const { picker, send } = await open();
    await picker.tap('#mp-search');
    expect(sent(send, 'member.find')).toHaveLength(0);
    expect(picker.text('#mp-form-error')).toBe('请输入姓名');
  });
});

describe('finding a household by 楼栋 → 单元 → 房号', () => {
  it('offers only the buildings of the given grids and lists who lives there', async () => {
    const { picker, send } = await open({ gridIds: ['g1'], mode: 'household' });
    await picker.tap('#mp-by-address');
    expect(picker.instance.data.buildingNames).toEqual(['1号楼']);
    await picker.change('#mp-building', '0');
    await picker.input('#mp-unit', '1');
    await picker.tap('#mp-search');
    expect(sent(send, 'member.find')[0].data).toEqual({ buildingId: 'b1', unit: '1', limit: 20 });
    expect(picker.count('.mp-result')).toBe(2);
    expect(picker.text('#mp-results')).toContain('住户：刘阿姨');
    expect(picker.text('#mp-results')).toContain('家中无人使用小程序');
  });

  it('lets a household with nobody on the app be picked as a household', async () => {
    const { picker, picks } = await open({ mode: 'household' });
    await picker.tap('#mp-by-address');
    await picker.change('#mp-building', '0');
    await picker.tap('#mp-search');
    expect(picker.text('#mp-pick-h102-0')).toBe('选这一户');
    await picker.tap('#mp-pick-h102-0');
    expect(picks).toEqual([['pick', expect.objectContaining({ householdId: 'h102', onApp: false })]]);
    expect((picks[0] as [string, { memberId?: string }])[1].memberId).toBeUndefined();
  });

  it('needs the unit before a room', async () => {
    const { picker, send } = await open();
    await picker.tap('#mp-by-address');
    await picker.change('#mp-building', '0');
    await picker.input('#mp-room', '101');
    await picker.tap('#mp-search');
    expect(sent(send, 'member.find')).toHaveLength(0);
    expect(picker.text('#mp-form-error')).toBe('请填写单元');
  });
});

describe('a choice already made', () => {
  it('shows it in words, with 重选 and, where allowed, 不设', async () => {
    const { picker, picks } = await open({ selected: '张网格', clearable: true, label: 'A角' });
    expect(picker.text('#mp-selected')).toContain('张网格');
    expect(picker.exists('#mp-name')).toBe(false);
    await picker.tap('#mp-clear');
    expect(picks).toEqual([['clear', {}]]);
    await picker.tap('#mp-change');
    expect(picker.exists('#mp-name')).toBe(true);
  });
});
