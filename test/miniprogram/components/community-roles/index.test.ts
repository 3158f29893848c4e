import { fail, flush, loadPage, ok, sent, wxMock, type Rendered } from '../../harness';
import { grid1, grid2, openTab, type Replies } from '../community-fixtures';

const tabId = loadPage('staff/components/community-roles/index');
const open = (replies: Replies = {}) => openTab(tabId, replies);

beforeEach(() => jest.clearAllMocks());

/** The picker found 赵敏 by name: the tab gets her id in the event, and shows only her name. */
const pickZhao = (page: Rendered, roles: string[] = ['volunteer']) =>
  page.trigger('#role-picker', 'pick', { memberId: 'm42', name: '赵敏', roles, onApp: true, label: '赵敏' });

describe('setting a member’s roles', () => {
  it('never offers 居民, and says why', async () => {
    const { tab: page } = await open();
    expect(page.count('.role-option')).toBe(3);
    expect(page.text('#roles')).toBe('志愿者网格员社区管理员');
    expect(page.text('#roles-form')).not.toContain('居民');
    expect(page.instance.data.roleChecks).not.toContainEqual(expect.objectContaining({ value: 'resident' }));
    expect(page.text('#resident-note')).toContain('居民身份只能由本人绑定住户获得');
  });

  it('offers grids only to grid workers and sends the chosen roles and grids', async () => {
    const { tab: page, send } = await open();
    expect(page.exists('#role-grids')).toBe(false);
    await pickZhao(page, []);
    await page.change('#roles', ['volunteer', 'gridWorker']);
    expect(page.exists('#role-grids')).toBe(true);
    await page.change('#role-grids', ['g2']);
    await page.input('#member-name', '赵敏');
    await page.tap('#roles-save');

    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '赵敏 的角色将设为：志愿者、网格员。原有角色会被替换，确定吗？' }));
    expect(sent(send, 'member.setRoles')[0].data).toEqual({ memberId: 'm42', roles: ['volunteer', 'gridWorker'], gridIds: ['g2'], name: '赵敏' });
    expect(page.text('#role-result')).toBe('赵敏 现在的角色：志愿者、网格员；负责网格：第二网格');
    expect(page.text()).not.toContain('m42');
  });

  it('drops ticked grids when 网格员 is unticked again', async () => {
    const { tab: page, send } = await open();
    await pickZhao(page);
    await page.change('#roles', ['gridWorker']);
    await page.change('#role-grids', ['g1']);
    await page.change('#roles', ['admin']);
    await page.tap('#roles-save');
    expect(sent(send, 'member.setRoles')[0].data).toEqual({ memberId: 'm42', roles: ['admin'], gridIds: [] });
  });

  it('asks for no 成员编号: the picker finds people by name or room, and nobody picked is said under it', async () => {
    const { tab: page, send } = await open();
    expect(page.exists('#role-picker')).toBe(true);
    expect(page.text()).not.toContain('成员编号');
    await page.tap('#roles-save');
    expect(sent(send, 'member.setRoles')).toHaveLength(0);
    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(page.text('#member-id-error')).toBe('请先查找并选择成员');
  });

  it('ticks the picked member’s present roles, to change from', async () => {
    const { tab: page } = await open();
    await pickZhao(page, ['gridWorker']);
    expect(page.instance.data.roleChecks).toContainEqual({ value: 'gridWorker', label: '网格员', checked: true });
    expect(page.exists('#role-grids')).toBe(true);
    expect(page.text('#role-picker')).toContain('赵敏');
  });

  it('shows the server’s refusal', async () => {
    const { tab: page } = await open({ 'member.setRoles': fail('NOT_FOUND', '成员不存在') });
    await pickZhao(page);
    await page.change('#roles', ['volunteer']);
    await page.tap('#roles-save');
    expect(page.text('#role-error')).toBe('成员不存在');
    expect(page.exists('#role-result')).toBe(false);
  });
});

describe('coming back to the tab', () => {
  it('reads the grids again, keeping what was ticked', async () => {
    let grids = [grid1, grid2];
    const { tab: page, send } = await open({ 'community.grids': () => ok({ items: grids }) });
    await page.change('#roles', ['gridWorker']);
    await page.change('#role-grids', ['g2']);
    grids = [grid1, grid2, { id: 'g3', name: '第三网格' }];
    const tab = page.instance as unknown as { setData(d: object): void };
    tab.setData({ active: false });
    tab.setData({ active: true });
    await flush();
    expect(sent(send, 'community.grids')).toHaveLength(2);
    expect(page.instance.data.roleGrids).toEqual([
      { value: 'g1', label: '第一网格', checked: false },
      { value: 'g2', label: '第二网格', checked: true },
      { value: 'g3', label: '第三网格', checked: false },
    ]);
  });
});
