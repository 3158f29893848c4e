import { fakeBackend, fail, flush, loadPage, meReply, ok, render, sent, wxMock } from '../../harness';

const pageId = loadPage('pages/household/index');
const household = { id: 'h1', buildingId: 'b1', buildingName: '1号楼', unit: '1', room: '101' };

async function open() {
  const send = fakeBackend({
    'member.me': meReply(['member.me', 'member.leaveHousehold', 'member.setName'], { roles: ['resident'], household }),
    'member.setName': (d) => ok({ memberId: 'm1', roles: ['resident'], gridIds: [], allowedActions: [], name: d.name }),
    'member.leaveHousehold': ok({ memberId: 'm1', roles: ['visitor'], gridIds: [], allowedActions: ['member.redeemInvite'] }),
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('a resident moving out', () => {
  it('asks to confirm 搬离, saying what happens, before anything is sent', async () => {
    const { page, send } = await open();
    expect(page.text('#address')).toContain('1号楼 1单元 101室');
    await page.tap('#leave');
    expect(page.text('#leave-confirm')).toContain('还没办完的诉求留给本户');
    expect(page.text('#leave-confirm')).toContain('预约会取消');
    expect(sent(send, 'member.leaveHousehold')).toHaveLength(0);
    await page.tap('#leave-cancel');
    expect(page.exists('#leave-confirm')).toBe(false);
    await page.tap('#leave');
    await page.tap('#leave-confirm-button');
    expect(sent(send, 'member.leaveHousehold')[0].data).toEqual({ confirm: true });
    expect(page.text('#left')).toContain('您已搬离');
    expect(page.exists('#leave')).toBe(false);
  });
  it('goes on to the binding page when changing household', async () => {
    const { page } = await open();
    await page.tap('#move');
    await page.tap('#leave-confirm-button');
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });
});

describe('a resident giving their name', () => {
  it('saves the name', async () => {
    const { page, send } = await open();
    await page.input('#name', '周阿姨');
    await page.tap('#save-name');
    expect(sent(send, 'member.setName')[0].data).toEqual({ name: '周阿姨' });
    expect(page.exists('#name-saved')).toBe(true);
  });
  it('shows the check’s refusal next to the field', async () => {
    fakeBackend({
      'member.me': meReply(['member.setName'], { roles: ['resident'], household }),
      'member.setName': fail('CONTENT_REJECTED', '这个姓名不能使用，请换一个', { issues: [{ path: 'name', message: '这个姓名不能使用，请换一个' }] }),
    });
    const page = render(pageId);
    page.instance.onLoad();
    await flush();
    await page.input('#name', '某某');
    await page.tap('#save-name');
    expect(page.text('#name-error')).toBe('这个姓名不能使用，请换一个');
  });
});
