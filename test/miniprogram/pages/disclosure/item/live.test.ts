import { loadPage, render } from '../../../harness';
import { member } from '../../../../support/harness';
import { liveBackend, settle, type Live } from '../live';

const pageId = loadPage('disclosure/item/index');

let live: Live;
beforeAll(async () => {
  live = await liveBackend();
});
afterAll(() => live.h.close());

describe('the item page on the real backend', () => {
  it('a resident reads the finance table and asks; the question is theirs, with its deadline', async () => {
    live.as('demo-resident-1');
    const page = render(pageId);
    page.instance.onLoad({ itemId: live.itemId });
    await settle();
    expect(page.text('#title')).toBe('2026年第三季度财务收支');
    expect(page.text('#closing')).toBe('期末余额1,200.00元');
    expect(page.text('#finance-text')).toContain('与期末余额一致');
    expect(page.text('#version-1')).toContain('现行版本');
    expect(page.exists('#opinion-box')).toBe(false);
    await page.input('#ask-text', '绿化养护是哪几处？');
    await page.tap('#ask-submit');
    await settle();
    expect(page.text('#question-0')).toContain('我问：绿化养护是哪几处？');
    expect(page.text('#asked')).toContain('社区须在');
    expect(page.text()).not.toContain(live.itemId);
  });

  it('the committee’s 主任 gets the opinion form; his objection puts the banner up for the next reader', async () => {
    live.as('demo-resident-2');
    const page = render(pageId);
    page.instance.onLoad({ itemId: live.itemId });
    await settle();
    expect(page.exists('#opinion-box')).toBe(true);
    await page.tap('#opinion-form >>> #stance-objection');
    await page.input('#opinion-form >>> #opinion-text', '绿化养护没有附合同');
    await page.tap('#opinion-form >>> #opinion-submit');
    await settle();
    expect(page.exists('#opinion-box')).toBe(false);
    expect(page.exists('#objection-banner')).toBe(true);

    live.as('demo-resident-1');
    const next = render(pageId);
    next.instance.onLoad({ itemId: live.itemId });
    await settle();
    expect(next.text('#objection-banner')).toBe(page.text('#objection-banner'));
    expect(next.text('#opinion-0')).toContain('有异议');
    expect(next.text('#opinion-0')).toContain('等待社区答复');
    expect(next.text('#question-0')).toContain('我问：');
    expect(next.text()).not.toContain(member('demo-resident-2'));
  });

  it('another reader sees the question with the asker masked', async () => {
    live.as('demo-resident-2');
    const page = render(pageId);
    page.instance.onLoad({ itemId: live.itemId });
    await settle();
    expect(page.text('#question-0')).toMatch(/刘某问：绿化养护是哪几处？/);
  });
});
