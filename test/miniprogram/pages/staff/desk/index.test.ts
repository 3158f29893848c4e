import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Rendered, type Replies } from '../../../harness';

const pageId = loadPage('staff/desk/index');

const T0 = Date.UTC(2026, 4, 6, 2);
const filed = (extra: Partial<ConcernView> = {}): ConcernView => ({
  id: 'c-7', number: '20260506-0007', category: 'repair', categoryName: '公共维修', excerpt: '楼梯扶手松了', text: '楼梯扶手松了',
  status: 'dispatched', statusLabel: '待签收', buildingId: 'b1', buildingName: '1号楼', gridId: 'g1', hideName: false,
  createdAt: T0, photos: [], assignee: { memberId: 'w1', name: '李秀英' }, contactDueAt: T0, resolveDueAt: T0, overdue: false,
  escalationLevel: 0, timeline: [], allowedActions: ['concern.get'], ...extra,
});

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'member.me': meReply(['member.find', 'concern.fileFor'], { roles: ['gridWorker'], gridIds: ['g1'] }),
    'concern.categories': ok({ items: [{ id: 'repair', name: '公共维修', contactHours: 24, resolveDays: 7 }] }),
    'concern.fileFor': ok(filed()),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad({});
  await flush();
  return { page, send };
}

/** 刘阿姨 found by 1号楼 1单元 101 in the picker (its own test covers the search). */
const pickLiu = (page: Rendered) =>
  page.trigger('#desk-picker', 'pick', { memberId: 'm-liu', name: '刘阿姨', householdId: 'h101', address: '1号楼 1单元 101室', onApp: true, label: '刘阿姨 · 1号楼 1单元 101室' });
const pickSun = (page: Rendered) =>
  page.trigger('#desk-picker', 'pick', { householdId: 'h102', address: '1号楼 1单元 102室', onApp: false, label: '1号楼 1单元 102室（家中无人使用小程序）' });

async function fillConcern(page: Rendered) {
  await page.tap('#task-concern');
  await page.change('#category', '0');
  await page.input('#text', '楼梯扶手松了，老人不敢扶。');
  await page.tap('#channel-phone');
  await page.input('#reason', '老人不会用手机');
}

beforeEach(() => jest.clearAllMocks());

describe('a worker takes a call', () => {
  it('searches only the buildings of her grids and shows no id', async () => {
    const { page } = await open();
    const picker = (page.instance as unknown as { selectComponent(s: string): { data: { gridIds: string[]; mode: string } } }).selectComponent('#desk-picker');
    expect(picker.data).toMatchObject({ gridIds: ['g1'], mode: 'household' });
    await pickLiu(page);
    expect(page.text('#desk-picker')).toContain('刘阿姨 · 1号楼 1单元 101室');
    expect(page.text()).not.toContain('m-liu');
    expect(page.text()).not.toContain('h101');
  });

  it('files the concern for her with the channel and reason, and says where it went', async () => {
    const { page, send } = await open();
    await pickLiu(page);
    await fillConcern(page);
    await page.tap('#submit');
    const [event] = sent(send, 'concern.fileFor');
    expect(event.data).toEqual({ householdId: 'h101', residentId: 'm-liu', category: 'repair', text: '楼梯扶手松了，老人不敢扶。', channel: 'phone', reason: '老人不会用手机', hideName: false, photos: [] });
    expect(event.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(page.text('#result')).toContain('受理编号 20260506-0007，已分派给李秀英');
    expect(page.text('#result')).toContain('居民会在小程序里收到通知');
    await page.tap('#open-result');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/concern/index?id=c-7' });
  });

  it('says what is missing before sending', async () => {
    const { page, send } = await open();
    await pickLiu(page);
    await page.tap('#task-concern');
    await page.tap('#submit');
    expect(sent(send, 'concern.fileFor')).toHaveLength(0);
    expect(page.text('#category-error')).toBe('请选择分类');
    expect(page.text('#channel-error')).toBe('请选择居民是怎样找到您的');
    expect(page.text('#reason-error')).toContain('代办原因');
  });

  it('keeps the key for a retry after a lost answer', async () => {
    let calls = 0;
    const { page, send } = await open({ 'concern.fileFor': () => (++calls === 1 ? fail('NETWORK_ERROR') : ok(filed())) });
    await pickLiu(page);
    await fillConcern(page);
    await page.tap('#submit');
    await page.tap('#submit');
    const keys = sent(send, 'concern.fileFor').map((e) => e.idempotencyKey);
    expect(keys[1]).toBe(keys[0]);
    expect(page.exists('#result')).toBe(true);
  });

  it('books a service for her on 今日服务, with her already picked', async () => {
    const { page } = await open();
    await pickLiu(page);
    await page.tap('#task-book');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: `/staff/service-day/index?residentId=m-liu&residentLabel=${encodeURIComponent('刘阿姨 · 1号楼 1单元 101室')}` });
  });
});

describe('a household with nobody on the app', () => {
  it('files for the household with the name the caller gave, and cannot book', async () => {
    const { page, send } = await open();
    await pickSun(page);
    expect(page.text('#no-app-note')).toContain('以后绑定这一户的居民都能看到');
    expect(page.text('#book-note')).toContain('暂不能代约');
    await fillConcern(page);
    await page.input('#contact-name', '孙奶奶');
    await page.tap('#submit');
    expect(sent(send, 'concern.fileFor')[0].data).toMatchObject({ householdId: 'h102', contactName: '孙奶奶' });
    expect(sent(send, 'concern.fileFor')[0].data).not.toHaveProperty('residentId');
    expect(page.text('#result')).toContain('请电话告知居民受理编号');
  });
});
