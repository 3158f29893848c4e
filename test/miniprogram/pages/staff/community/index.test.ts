import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock } from '../../../harness';

const pageId = loadPage('staff/community/index');

const H = 3600_000;
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;

const admin = meReply(['community.upsertGrid', 'community.upsertBuilding', 'member.setRoles', 'member.issueInvites', 'concern.upsertCategory'], {
  roles: ['admin'],
});

const grid1 = {
  id: 'g1',
  name: '第一网格',
  workerA: { memberId: 'w1', name: '张网格' },
  workerB: { memberId: 'w2', name: '刘阿姨' },
  leader: { memberId: 'a1', name: '王书记' },
};
const grid2 = { id: 'g2', name: '第二网格' };

const building = (n: number, gridId = 'g1') => ({ id: `b${n}`, name: `${n}号楼`, gridId });

const noise = { id: 'noise', name: '噪音扰民', contactHours: 12, resolveDays: 5 };
const repair = { id: 'repair', name: '公共维修', contactHours: 24, resolveDays: 7 };

async function open(replies: Parameters<typeof fakeBackend>[0] = {}) {
  const send = fakeBackend({
    'member.me': admin,
    'community.grids': ok({ items: [grid1, grid2] }),
    'community.buildings': (data) => {
      // The invite picker reads 50 at a time; the list 20 at a time, in two pages.
      if (data.limit === 50) return ok({ items: [building(1), building(2), building(3, 'g2')] });
      return data.cursor === 'p2' ? ok({ items: [building(3, 'g2')] }) : ok({ items: [building(1), building(2)], next: 'p2' });
    },
    'community.upsertBuilding': (data) => ok({ id: (data.buildingId as string | undefined) ?? 'b-new', name: data.name, gridId: data.gridId }),
    'community.upsertGrid': (data) => ok({ id: (data.gridId as string | undefined) ?? 'g-new', name: data.name }),
    'member.setRoles': (data) => ok({ memberId: data.memberId, name: data.name, roles: data.roles, gridIds: data.gridIds }),
    'member.issueInvites': (data) =>
      ok({
        invites: (data.households as Array<{ buildingId: string; unit: string; room: string }>).map((h, i) => ({
          code: `ABCDEFG${i + 2}`,
          householdId: `h${i}`,
          address: `${h.buildingId === 'b1' ? '1号楼' : '3号楼'} ${h.unit}单元 ${h.room}室`,
          expiresAt: bj(2026, 6, 5, 10, 30),
        })),
      }),
    'concern.categories': ok({ items: [noise, repair] }),
    'concern.upsertCategory': (data) => ok({ id: (data.categoryId as string | undefined) ?? 'c-new', order: 100, active: true, templates: [], ...data }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('someone without community.upsertGrid opens 社区管理', () => {
  it('says they have no access and loads nothing', async () => {
    const { page, send } = await open({ 'member.me': meReply(['concern.queue', 'concern.upsertCategory'], { roles: ['gridWorker'] }) });
    expect(page.text('#no-access')).toContain('没有社区管理权限');
    expect(page.exists('#tab-grids')).toBe(false);
    expect(sent(send, 'community.grids')).toHaveLength(0);
    expect(sent(send, 'community.buildings')).toHaveLength(0);
  });
});

describe('an admin looks at grids and buildings', () => {
  it('lists each grid with its A角, B角 and 网格长, and buildings with their grid', async () => {
    const { page } = await open();
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
    const { page, send } = await open();
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
    const { page, send } = await open();
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
    const { page, send } = await open();
    await page.input('#building-name', '5号楼');
    await page.tap('#building-save');
    expect(sent(send, 'community.upsertBuilding')).toHaveLength(0);
    expect(page.text('#building-grid-error')).toBe('请选择所属网格');
  });

  it('renames an existing building in place', async () => {
    const { page, send } = await open();
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
  it('sends the 成员编号 typed for A角, B角 and 网格长', async () => {
    const { page, send } = await open();
    await page.input('#grid-name', '第三网格');
    await page.input('#grid-worker-a', 'w5');
    await page.input('#grid-leader', 'a1');
    await page.tap('#grid-save');
    expect(sent(send, 'community.upsertGrid')[0].data).toEqual({ name: '第三网格', workerA: 'w5', leader: 'a1' });
    expect(page.count('.grid-row')).toBe(3);
  });

  it('keeps the current people when only renaming', async () => {
    const { page, send } = await open();
    await page.tap('#edit-grid-g1');
    await page.input('#grid-name', '一网格');
    await page.tap('#grid-save');
    expect(sent(send, 'community.upsertGrid')[0].data).toEqual({ gridId: 'g1', name: '一网格', workerA: 'w1', workerB: 'w2', leader: 'a1' });
    // Its buildings show the new name too.
    expect(page.text('#buildings')).toContain('一网格');
  });

  it('shows the server’s refusal', async () => {
    const { page } = await open({ 'community.upsertGrid': fail('VALIDATION_ERROR', '负责人须为本社区的网格员，请先在成员管理中设置角色') });
    await page.input('#grid-name', '第三网格');
    await page.input('#grid-worker-a', 'r9');
    await page.tap('#grid-save');
    expect(page.text('#grid-error')).toContain('负责人须为本社区的网格员');
    expect(page.count('.grid-row')).toBe(2);
  });
});

describe('setting a member’s roles', () => {
  it('never offers 居民, and says why', async () => {
    const { page } = await open();
    await page.tap('#tab-roles');
    expect(page.count('.role-option')).toBe(3);
    expect(page.text('#roles')).toBe('志愿者网格员社区管理员');
    expect(page.text('#roles-form')).not.toContain('居民');
    expect(page.instance.data.roleChecks).not.toContainEqual(expect.objectContaining({ value: 'resident' }));
    expect(page.text('#resident-note')).toContain('居民身份只能由本人绑定住户获得');
  });

  it('offers grids only to grid workers and sends the chosen roles and grids', async () => {
    const { page, send } = await open();
    await page.tap('#tab-roles');
    expect(page.exists('#role-grids')).toBe(false);
    await page.input('#member-id', 'm42');
    await page.change('#roles', ['volunteer', 'gridWorker']);
    expect(page.exists('#role-grids')).toBe(true);
    await page.change('#role-grids', ['g2']);
    await page.input('#member-name', '赵敏');
    await page.tap('#roles-save');

    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('原有角色会被替换') }));
    expect(sent(send, 'member.setRoles')[0].data).toEqual({ memberId: 'm42', roles: ['volunteer', 'gridWorker'], gridIds: ['g2'], name: '赵敏' });
    expect(page.text('#role-result')).toBe('赵敏（m42） 现在的角色：志愿者、网格员；负责网格：第二网格');
  });

  it('drops ticked grids when 网格员 is unticked again', async () => {
    const { page, send } = await open();
    await page.tap('#tab-roles');
    await page.input('#member-id', 'm42');
    await page.change('#roles', ['gridWorker']);
    await page.change('#role-grids', ['g1']);
    await page.change('#roles', ['admin']);
    await page.tap('#roles-save');
    expect(sent(send, 'member.setRoles')[0].data).toEqual({ memberId: 'm42', roles: ['admin'], gridIds: [] });
  });

  it('shows a bad 成员编号 next to the field without sending', async () => {
    const { page, send } = await open();
    await page.tap('#tab-roles');
    await page.input('#member-id', '张三');
    await page.tap('#roles-save');
    expect(sent(send, 'member.setRoles')).toHaveLength(0);
    expect(page.text('#member-id-error')).toBe('成员编号格式不正确');
  });

  it('shows the server’s refusal', async () => {
    const { page } = await open({ 'member.setRoles': fail('NOT_FOUND', '成员不存在') });
    await page.tap('#tab-roles');
    await page.input('#member-id', 'm404');
    await page.change('#roles', ['volunteer']);
    await page.tap('#roles-save');
    expect(page.text('#role-error')).toBe('成员不存在');
    expect(page.exists('#role-result')).toBe(false);
  });
});

describe('issuing invite codes', () => {
  async function fillTwo() {
    const opened = await open();
    const { page } = opened;
    await page.tap('#tab-invites');
    await page.change('#invite-building-0', '0');
    await page.input('#invite-unit-0', '2');
    await page.input('#invite-room-0', '301');
    await page.tap('#invite-add');
    await page.change('#invite-building-1', '2');
    await page.input('#invite-room-1', '502');
    return opened;
  }

  it('sends one household per row with the building picked, and shows the codes with address and expiry', async () => {
    const { page, send } = await fillTwo();
    // A new row starts in the last row's unit.
    expect(page.instance.data.inviteRows).toMatchObject([{ unit: '2' }, { unit: '2', room: '502' }]);
    await page.input('#valid-days', '14');
    await page.tap('#invite-submit');

    expect(sent(send, 'member.issueInvites')[0].data).toEqual({
      households: [
        { buildingId: 'b1', unit: '2', room: '301' },
        { buildingId: 'b3', unit: '2', room: '502' },
      ],
      validDays: 14,
    });
    expect(page.count('.invite-code')).toBe(2);
    const shown = page.text('#invites');
    expect(shown).toContain('ABCDEFG2');
    expect(shown).toContain('1号楼 2单元 301室');
    expect(shown).toContain('有效期至 2026-06-05 10:30');
  });

  it('sends 30 days when the default is kept', async () => {
    const { page, send } = await fillTwo();
    await page.tap('#invite-submit');
    expect(sent(send, 'member.issueInvites')[0].data).toMatchObject({ validDays: 30 });
  });

  it('复制全部 copies every code with its address', async () => {
    const { page } = await fillTwo();
    await page.tap('#invite-submit');
    await page.tap('#invites-copy');
    expect(wxMock.setClipboardData).toHaveBeenCalledWith({
      data: '1号楼 2单元 301室  邀请码：ABCDEFG2  有效期至：2026-06-05 10:30\n3号楼 2单元 502室  邀请码：ABCDEFG3  有效期至：2026-06-05 10:30',
    });
  });

  it('removes a row and marks a row missing its 门牌号 without sending', async () => {
    const { page, send } = await fillTwo();
    await page.tap('#invite-add');
    expect(page.count('.invite-row')).toBe(3);
    await page.tap('#invite-remove-2');
    expect(page.count('.invite-row')).toBe(2);
    await page.input('#invite-room-1', '');
    await page.tap('#invite-submit');
    expect(sent(send, 'member.issueInvites')).toHaveLength(0);
    expect(page.text('#invite-row-1 .invite-row-error')).toBe('请填写门牌号');
    expect(page.exists('#invite-row-0 .invite-row-error')).toBe(false);
  });

  it('asks for the building of a row left without one', async () => {
    const { page, send } = await open();
    await page.tap('#tab-invites');
    await page.input('#invite-unit-0', '1');
    await page.input('#invite-room-0', '101');
    await page.tap('#invite-submit');
    expect(sent(send, 'member.issueInvites')).toHaveLength(0);
    expect(page.text('#invite-row-0 .invite-row-error')).toBe('请选择楼栋');
  });

  it('stops adding rows at 50', async () => {
    const { page } = await fillTwo();
    for (let i = 0; i < 60; i++) page.instance.addInviteRow();
    expect(page.instance.data.inviteRows).toHaveLength(50);
  });

  it('shows the server’s refusal', async () => {
    const opened = await open({ 'member.issueInvites': fail('VALIDATION_ERROR', '所选楼栋不存在') });
    const { page } = opened;
    await page.tap('#tab-invites');
    await page.change('#invite-building-0', '1');
    await page.input('#invite-unit-0', '1');
    await page.input('#invite-room-0', '101');
    await page.tap('#invite-submit');
    expect(page.text('#invite-error')).toBe('所选楼栋不存在');
    expect(page.exists('#invites')).toBe(false);
  });
});

describe('说事分类', () => {
  it('lists the categories with their time limits', async () => {
    const { page, send } = await open();
    expect(sent(send, 'concern.categories')).toHaveLength(0);
    await page.tap('#tab-categories');
    expect(page.count('.category-row')).toBe(2);
    expect(page.text('#categories')).toContain('12小时内联系，5天内办结');
  });

  it('editing sends the templates split by line, and warns they replace the old ones', async () => {
    const { page, send } = await open();
    await page.tap('#tab-categories');
    await page.tap('#edit-category-noise');
    expect(page.exists('#templates-replace')).toBe(true);
    await page.input('#category-resolve', '3');
    await page.input('#category-templates', '已收到，马上联系物业。\n\n  已上门查看，请您留意。  \n');
    await page.tap('#category-save');

    expect(sent(send, 'concern.upsertCategory')[0].data).toEqual({
      categoryId: 'noise',
      name: '噪音扰民',
      contactHours: 12,
      resolveDays: 3,
      order: 100,
      active: true,
      templates: ['已收到，马上联系物业。', '已上门查看，请您留意。'],
    });
    expect(page.text('#categories')).toContain('12小时内联系，3天内办结');
    expect(page.text('#category-saved')).toContain('噪音扰民');
  });

  it('adds a new category', async () => {
    const { page, send } = await open();
    await page.tap('#tab-categories');
    await page.input('#category-name', '绿化养护');
    await page.tap('#category-save');
    expect(sent(send, 'concern.upsertCategory')[0].data).toEqual({
      name: '绿化养护',
      contactHours: 24,
      resolveDays: 7,
      order: 100,
      active: true,
      templates: [],
    });
    expect(page.count('.category-row')).toBe(3);
  });

  it('shows a too-short template next to the templates box without sending', async () => {
    const { page, send } = await open();
    await page.tap('#tab-categories');
    await page.input('#category-name', '绿化养护');
    await page.input('#category-templates', '好\n收到，我们会处理。');
    await page.tap('#category-save');
    expect(sent(send, 'concern.upsertCategory')).toHaveLength(0);
    expect(page.text('#category-templates-error')).toBe('答复模板至少需要2个字');
  });

  it('shows the server’s refusal', async () => {
    const { page } = await open({ 'concern.upsertCategory': fail('FORBIDDEN') });
    await page.tap('#tab-categories');
    await page.input('#category-name', '绿化养护');
    await page.tap('#category-save');
    expect(page.text('#category-error')).toBe('您没有权限进行此操作');
    expect(page.count('.category-row')).toBe(2);
  });
});
