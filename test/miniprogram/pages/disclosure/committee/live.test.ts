import { loadPage, render } from '../../../harness';
import { liveBackend, settle, type Live } from '../live';

const pageId = loadPage('disclosure/committee/index');

let live: Live;
beforeAll(async () => {
  live = await liveBackend();
});
afterAll(() => live.h.close());

describe('the committee page on the real backend', () => {
  it('a resident sees the term and its members, and no queue', async () => {
    live.as('demo-resident-1');
    const page = render(pageId);
    page.instance.onLoad({});
    await settle();
    expect(page.text('#term-dates')).toBe('2026年11月28日 至 2029年11月27日');
    expect(page.text('#member-0')).toBe('马大爷主任');
    expect(page.exists('#tabs')).toBe(false);
  });

  it('its 主任 finds the item in his queue and objects; it leaves the queue and the item shows the banner', async () => {
    live.as('demo-resident-2');
    const page = render(pageId);
    page.instance.onLoad({});
    await settle();
    expect(page.text('#member-0')).toContain('马大爷（我）');
    expect(page.text('#queue-0')).toContain('2026年第三季度财务收支');
    await page.tap('#open-form-0');
    await page.tap('#opinion-form >>> #stance-objection');
    await page.input('#opinion-form >>> #opinion-text', '绿化养护没有附合同');
    await page.tap('#opinion-form >>> #opinion-submit');
    await settle();
    expect(page.count('.queue-card')).toBe(0);
    expect(page.text('#queue-empty')).toBe('没有等您提意见的公开事项');
    await page.tap('#tab-objections');
    await settle();
    expect(page.text('#queue-0')).toContain('有异议待答复');
    const item = await live.h.ok<{ objectionBanner: string | null }>('demo-resident-1', 'disclosure.get', { itemId: live.itemId });
    expect(item.objectionBanner).not.toBeNull();
  });
});
