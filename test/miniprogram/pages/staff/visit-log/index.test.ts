import type { VisitView } from '../../../../../miniprogram/core/visit/contract';
import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Rendered, type Replies } from '../../../harness';

const pageId = loadPage('staff/visit-log/index');

const NOW = Date.now();
const logged = (extra: Partial<VisitView> = {}): VisitView => ({
  id: 'visit-1', householdId: 'h101', address: '1号楼 1单元 101室', buildingName: '1号楼', gridId: 'g1', visitedAt: NOW, channel: 'door', channelLabel: '上门',
  topics: [{ id: 'repair', name: '公共维修' }], notes: null, visitorText: '李秀英', visitorKind: 'self', loggedByName: '李秀英', concern: null, createdAt: NOW, ...extra,
});

async function open(replies: Replies = {}, options: Record<string, string> = {}) {
  const send = fakeBackend({
    'member.me': meReply(['member.find', 'visit.log'], { roles: ['gridWorker'], gridIds: ['g1'] }),
    'concern.categories': ok({ items: [{ id: 'repair', name: '公共维修', contactHours: 24, resolveDays: 7 }, { id: 'env', name: '环境卫生', contactHours: 24, resolveDays: 7 }] }),
    'visit.log': ok(logged()),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad(options);
  await flush();
  return { page, send };
}

const pick = (page: Rendered) =>
  page.trigger('#visit-picker', 'pick', { householdId: 'h101', address: '1号楼 1单元 101室', onApp: true, memberId: 'm-liu', name: '刘阿姨', label: '刘阿姨 · 1号楼 1单元 101室' });

beforeEach(() => jest.clearAllMocks());

describe('a grid worker logs her own visit', () => {
  it('finds the household only in her grids and shows no id', async () => {
    const { page } = await open();
    const picker = (page.instance as unknown as { selectComponent(s: string): { data: { gridIds: string[]; mode: string } } }).selectComponent('#visit-picker');
    expect(picker.data).toMatchObject({ gridIds: ['g1'], mode: 'household' });
    await pick(page);
    expect(page.text()).not.toContain('h101');
  });
  it('sends the household, channel, ticked topics and notes, and says it is logged', async () => {
    const { page, send } = await open();
    await pick(page);
    await page.tap('#channel-phone');
    await page.tap('#topic-repair');
    await page.tap('#topic-env');
    await page.tap('#topic-env');
    await page.input('#notes', '老人身体还好');
    await page.tap('#submit');
    const [event] = sent(send, 'visit.log');
    expect(event.data).toMatchObject({ householdId: 'h101', visitor: { kind: 'self' }, channel: 'phone', topics: ['repair'], notes: '老人身体还好' });
    expect(event.data).not.toHaveProperty('needsAction');
    expect(typeof (event.data as { visitedAt: number }).visitedAt).toBe('number');
    expect(event.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(page.text('#result')).toBe('走访已登记。');
  });
  it('says what is missing before sending', async () => {
    const { page, send } = await open();
    await page.tap('#submit');
    expect(sent(send, 'visit.log')).toHaveLength(0);
    expect(page.text('#household-error')).toBe('请先找到住户');
    expect(page.text('#channel-error')).toBe('请选择走访方式');
    expect(page.text('#topics-error')).toBe('请至少选择一个话题');
  });
});

describe('a grid worker logs a Party member’s visit', () => {
  it('sends the Party member’s name', async () => {
    const { page, send } = await open();
    await pick(page);
    await page.tap('#visitor-party');
    await page.input('#party-name', '王大伟');
    await page.tap('#channel-door');
    await page.tap('#topic-env');
    await page.tap('#submit');
    expect(sent(send, 'visit.log')[0].data).toMatchObject({ visitor: { kind: 'partyMember', name: '王大伟' }, channel: 'door', topics: ['env'] });
  });
});

describe('a visit that needs action', () => {
  it('sends the words and the first ticked topic as category, and opens the concern filed', async () => {
    const { page, send } = await open({ 'visit.log': ok(logged({ concern: { id: 'c-9', number: '20260506-0009' } })) });
    await pick(page);
    await page.tap('#channel-door');
    await page.tap('#topic-env');
    await page.trigger('#needs-action', 'change', { value: true });
    await page.input('#action-text', '楼道灯坏了，晚上看不见');
    expect(page.text('#action-category-value')).toBe('环境卫生');
    await page.tap('#submit');
    expect(sent(send, 'visit.log')[0].data).toMatchObject({ needsAction: { category: 'env', text: '楼道灯坏了，晚上看不见' } });
    expect(page.text('#result')).toContain('受理编号 20260506-0009');
    await page.tap('#open-concern');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/concern/index?id=c-9' });
  });
  it('shows the content check’s refusal by the button, keeping the draft', async () => {
    const { page } = await open({ 'visit.log': fail('CONTENT_REJECTED', '内容含有不适宜发布的信息，请修改后再提交', { issues: [{ path: 'needsAction.text', message: '内容含有不适宜发布的信息，请修改后再提交' }] }) });
    await pick(page);
    await page.tap('#channel-door');
    await page.tap('#topic-env');
    await page.trigger('#needs-action', 'change', { value: true });
    await page.input('#action-text', '楼道灯坏了很久了');
    await page.tap('#submit');
    expect(page.text('#form-error')).toContain('不适宜');
  });
});

describe('opened from 今日待办 or the coverage list', () => {
  it('starts with the household picked', async () => {
    const { page, send } = await open({}, { householdId: 'h202', label: encodeURIComponent('1号楼 2单元 202室') });
    expect(page.text('#visit-picker')).toContain('1号楼 2单元 202室');
    await page.tap('#channel-door');
    await page.tap('#topic-repair');
    await page.tap('#submit');
    expect(sent(send, 'visit.log')[0].data).toMatchObject({ householdId: 'h202' });
  });
});
