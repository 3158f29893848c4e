import { fail, fakeBackend, flush, loadPage, mediaUrlsReply, ok, render, sent, urlOf, wxMock, type Replies } from '../../../harness';
import type { ModerationItemView } from '../../../../../miniprogram/core/moderation/contract';

const pageId = loadPage('staff/moderation/index');

const T0 = Date.UTC(2026, 4, 6, 1, 0);
const photoId = 'cloud://env-1.b/uploads/m-res/1717-x.jpg';

function item(id: string, extra: Partial<ModerationItemView> = {}): ModerationItemView {
  return { id, subjectType: 'concernText', subjectId: `c-${id}`, content: `诉求原文${id}`, reason: 'textReview', reportCount: 0, status: 'pending', createdAt: T0, ...extra };
}

const pending = [
  item('mod1', { content: '楼上那家人就是XX，天天吵' }),
  item('mod2', { subjectType: 'photo', subjectId: 'md_1', content: photoId, reason: 'imageReview' }),
  item('mod3', { reason: 'reported', reportCount: 3 }),
];

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'moderation.queue': (d) =>
      d.status === 'pending'
        ? ok({ items: pending })
        : ok({ items: [item(`h-${d.status}`, { status: d.status, content: `历史${d.status}` })] }),
    'moderation.decide': (d) => ok(item(d.itemId, { status: d.decision === 'approve' ? 'approved' : 'rejected' })),
    'media.urls': mediaUrlsReply(),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('an admin opens 内容审核', () => {
  it('lists what waits for review: the text itself, and photos through media.urls', async () => {
    const { page, send } = await open();
    expect(sent(send, 'moderation.queue')[0].data).toEqual({ status: 'pending', limit: 20 });
    expect(page.count('.mod-row')).toBe(3);
    expect(page.text('#item-mod1')).toContain('楼上那家人就是XX，天天吵');
    expect(page.text('#item-mod1')).toContain('文字未通过自动检测');
    expect(page.text('#item-mod3')).toContain('居民举报（3人）');
    expect(sent(send, 'media.urls')[0].data).toEqual({ fileIds: [photoId] });
    expect(page.count('.mod-photo')).toBe(1);
    await page.tap('.mod-photo');
    expect(wxMock.previewImage).toHaveBeenCalledWith({ current: urlOf(photoId), urls: [urlOf(photoId)] });
  });

  it('says so when a photo cannot be shown', async () => {
    const { page } = await open({ 'media.urls': mediaUrlsReply([photoId]) });
    expect(page.text('.mod-photo-missing')).toBe('无法显示图片');
  });

  it('shows the approved and rejected history on their tabs', async () => {
    const { page, send } = await open();
    await page.tap('#tab-approved');
    expect(sent(send, 'moderation.queue')[1].data).toMatchObject({ status: 'approved' });
    expect(page.text('#list')).toContain('历史approved');
    expect(page.text('#list')).toContain('已通过');
    expect(page.exists('#approve-h-approved')).toBe(false);
    await page.tap('#tab-rejected');
    expect(page.text('#list')).toContain('历史rejected');
    expect(page.text('#list')).toContain('未通过');
  });

  it('shows a refusal from the server', async () => {
    const { page } = await open({ 'moderation.queue': fail('FORBIDDEN', '只有社区管理员可以审核内容') });
    expect(page.text('#error')).toContain('只有社区管理员可以审核内容');
  });
});

describe('approving', () => {
  it('sends moderation.decide and takes the item off the list', async () => {
    const { page, send } = await open();
    await page.tap('#approve-mod1');
    expect(sent(send, 'moderation.decide')[0].data).toEqual({ itemId: 'mod1', decision: 'approve' });
    expect(page.exists('#item-mod1')).toBe(false);
    expect(page.count('.mod-row')).toBe(2);
  });
});

describe('rejecting', () => {
  it('requires a reason before anything is sent', async () => {
    const { page, send } = await open();
    await page.tap('#reject-mod1');
    await page.tap('#reject-confirm');
    expect(page.text('#decide-error')).toBe('不通过时请填写理由');
    expect(sent(send, 'moderation.decide')).toHaveLength(0);
    expect(page.exists('#item-mod1')).toBe(true);
  });

  it('sends the reason and takes the item off the list', async () => {
    const { page, send } = await open();
    await page.tap('#reject-mod1');
    await page.input('#reason', '含有人身攻击');
    await page.tap('#reject-confirm');
    expect(sent(send, 'moderation.decide')[0].data).toEqual({ itemId: 'mod1', decision: 'reject', reason: '含有人身攻击' });
    expect(page.exists('#item-mod1')).toBe(false);
  });

  it('shows the server’s refusal on that item', async () => {
    const { page } = await open({ 'moderation.decide': fail('CONFLICT', '该内容已由其他管理员处理') });
    await page.tap('#approve-mod3');
    expect(page.text('#item-mod3')).toContain('该内容已由其他管理员处理');
    expect(page.exists('#item-mod3')).toBe(true);
  });
});
