import { fail, loadPage, sent } from '../../harness';
import { openTab, type Replies } from '../community-fixtures';

const tabId = loadPage('staff/components/community-structure/index');
const open = (replies: Replies = {}) => openTab(tabId, replies);

beforeEach(() => jest.clearAllMocks());

describe('an admin looks at grids and buildings', () => {
  it('lists each grid with its A角, B角 and 网格长, and buildings with their grid', async () => {
    const { tab: page } = await open();
    expect(page.count('.grid-row')).toBe(2);
    const grids = page.text('#grids');
    expect(grids).toContain('第一网格');
    expect(grids).toContain('A角：张网格');
    expect(grids).toContain('B角：刘阿姨');
    expect(grids).toContain('网格长：王书记');
    expect(page.text('.building-row')).toContain('1号楼');
    expect(page.text('.building-row')).toContain('第一网格');
  });

  it('pages through the buildings', async () => {
    const { tab: page, send } = await open();
    expect(page.count('.building-row')).toBe(2);
    await page.tap('#buildings-more');
    expect(sent(send, 'community.buildings')[1].data).toMatchObject({ cursor: 'p2' });
    expect(page.count('.building-row')).toBe(3);
    expect(page.text('#buildings')).toContain('第二网格');
    expect(page.exists('#buildings-more')).toBe(false);
  });
});

describe('adding a building', () => {
  it('sends the name and the gridId chosen in the picker, and lists it', async () => {
    const { tab: page, send } = await open();
    await page.input('#building-name', '5号楼');
    await page.change('#building-grid', '1');
    expect(page.text('#building-grid-value')).toBe('第二网格');
    await page.tap('#building-save');

    expect(sent(send, 'community.upsertBuilding')[0].data).toEqual({ name: '5号楼', gridId: 'g2' });
    expect(page.count('.building-row')).toBe(3);
    expect(page.text('#buildings')).toContain('5号楼');
    expect(page.text('#building-saved')).toContain('5号楼');
  });

  it('asks for a grid before sending anything', async () => {
    const { tab: page, send } = await open();
    await page.input('#building-name', '5号楼');
    await page.tap('#building-save');
    expect(sent(send, 'community.upsertBuilding')).toHaveLength(0);
    expect(page.text('#building-grid-error')).toBe('请选择所属网格');
  });

  it('renames an existing building in place', async () => {
    const { tab: page, send } = await open();
    await page.tap('#edit-building-b2');
    expect(page.instance.data.buildingName).toBe('2号楼');
    await page.input('#building-name', '2号楼（东）');
    await page.tap('#building-save');
    expect(sent(send, 'community.upsertBuilding')[0].data).toEqual({ buildingId: 'b2', name: '2号楼（东）', gridId: 'g1' });
    expect(page.count('.building-row')).toBe(2);
    expect(page.text('#buildings')).toContain('2号楼（东）');
  });
});

describe('adding and editing a grid', () => {
  it('sends the people picked for A角 and 网格长, with no 成员编号 typed or shown', async () => {
    const { tab: page, send } = await open();
    expect(page.text('#grid-form')).not.toContain('成员编号');
    await page.input('#grid-name', '第三网格');
    await page.trigger('#grid-worker-a', 'pick', { memberId: 'w5', name: '孙网格', roles: ['gridWorker'], onApp: true, label: '孙网格' });
    await page.trigger('#grid-leader', 'pick', { memberId: 'a1', name: '王书记', roles: ['admin'], onApp: true, label: '王书记' });
    expect(page.text('#grid-worker-a')).toContain('孙网格');
    expect(page.text('#grid-form')).not.toContain('w5');
    await page.tap('#grid-save');
    expect(sent(send, 'community.upsertGrid')[0].data).toEqual({ name: '第三网格', workerA: 'w5', leader: 'a1' });
    expect(page.count('.grid-row')).toBe(3);
  });

  it('asks the pickers only for people whose role qualifies', async () => {
    const { tab: page } = await open();
    const props = (sel: string) => (page as unknown as { instance: { selectComponent(s: string): { data: { roles: string[] } } } }).instance.selectComponent(sel).data.roles;
    expect(props('#grid-worker-a')).toEqual(['gridWorker']);
    expect(props('#grid-worker-b')).toEqual(['gridWorker']);
    expect(props('#grid-leader')).toEqual(['gridWorker', 'admin']);
  });

  it('clears B角 with 不设, keeping the others', async () => {
    const { tab: page, send } = await open();
    await page.tap('#edit-grid-g1');
    expect(page.text('#grid-worker-b')).toContain('刘阿姨');
    await page.trigger('#grid-worker-b', 'clear', {});
    await page.tap('#grid-save');
    expect(sent(send, 'community.upsertGrid')[0].data).toEqual({ gridId: 'g1', name: '第一网格', workerA: 'w1', leader: 'a1' });
  });

  it('keeps the current people when only renaming', async () => {
    const { tab: page, send } = await open();
    await page.tap('#edit-grid-g1');
    await page.input('#grid-name', '一网格');
    await page.tap('#grid-save');
    expect(sent(send, 'community.upsertGrid')[0].data).toEqual({ gridId: 'g1', name: '一网格', workerA: 'w1', workerB: 'w2', leader: 'a1' });
    // Its buildings show the new name too.
    expect(page.text('#buildings')).toContain('一网格');
  });

  it('shows the server’s refusal', async () => {
    const { tab: page } = await open({ 'community.upsertGrid': fail('VALIDATION_ERROR', '负责人须为本社区的网格员，请先在成员管理中设置角色') });
    await page.input('#grid-name', '第三网格');
    await page.trigger('#grid-worker-a', 'pick', { memberId: 'r9', name: '某居民', roles: ['resident'], onApp: true, label: '某居民' });
    await page.tap('#grid-save');
    expect(page.text('#grid-error')).toContain('负责人须为本社区的网格员');
    expect(page.count('.grid-row')).toBe(2);
  });
});
