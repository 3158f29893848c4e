import { fakeBackend, fail, flush, loadPage, ok, render, sent } from '../../harness';

const pageId = loadPage('pages/concern-detail/index');

const concern = {
  id: 'c-42',
  number: 'SS-0042',
  category: 'noise',
  categoryName: '噪音扰民',
  excerpt: '楼上每天夜里施工',
  text: '楼上每天夜里施工，\n已经持续一周',
  status: 'accepted',
  statusLabel: '办理中',
  buildingId: 'b3',
  buildingName: '3号楼',
  gridId: 'g1',
  hideName: true,
  createdAt: Date.UTC(2026, 4, 1, 12, 0),
  assignee: { memberId: 'w1', name: '张网格' },
  timeline: [
    { type: 'submitted', label: '居民提交', at: Date.UTC(2026, 4, 1, 12, 0) },
    { type: 'accepted', label: '网格员签收', at: Date.UTC(2026, 4, 1, 13, 5), actorName: '张网格', note: '今晚上门了解' },
  ],
  allowedActions: [],
};

beforeEach(() => jest.clearAllMocks());

describe('a resident opens one of their concerns', () => {
  it('shows number, status, category, text, building, assignee and the timeline', async () => {
    const send = fakeBackend({ 'concern.get': ok(concern) });
    const page = render(pageId);
    page.instance.onLoad({ id: 'c-42' });
    await flush();

    expect(sent(send, 'concern.get')[0].data).toEqual({ concernId: 'c-42' });
    expect(page.text('#number')).toBe('SS-0042');
    expect(page.text('#status')).toBe('办理中');
    expect(page.text('#category')).toBe('噪音扰民');
    expect(page.text('#building')).toBe('3号楼');
    expect(page.text('#assignee')).toBe('张网格');
    expect(page.text('#text')).toContain('已经持续一周');
    expect(page.text('#anonymous')).toBe('已对邻居隐藏姓名');
    expect(page.count('.timeline-row')).toBe(2);
    expect(page.text('#timeline')).toContain('网格员签收');
    expect(page.text('#timeline')).toContain('2026-05-01 21:05');
    expect(page.text('#timeline')).toContain('今晚上门了解');
    expect(page.exists('#created')).toBe(false);
  });

  it('confirms a fresh submission', async () => {
    fakeBackend({ 'concern.get': ok({ ...concern, assignee: undefined }) });
    const page = render(pageId);
    page.instance.onLoad({ id: 'c-42', created: '1' });
    await flush();
    expect(page.text('#created')).toContain('提交成功');
    expect(page.text('#assignee')).toBe('待分派');
  });
});

describe('the concern cannot be shown', () => {
  it('shows the server’s message', async () => {
    fakeBackend({ 'concern.get': fail('NOT_FOUND') });
    const page = render(pageId);
    page.instance.onLoad({ id: 'nope' });
    await flush();
    expect(page.text('#error')).toContain('没有找到相关内容');
    expect(page.exists('#number')).toBe(false);
  });

  it('does not call the backend without an id', async () => {
    const send = fakeBackend({});
    const page = render(pageId);
    page.instance.onLoad({});
    await flush();
    expect(send).not.toHaveBeenCalled();
    expect(page.text('#error')).toContain('没有找到这条诉求');
  });
});
