import { fail, loadPage, sent } from '../../harness';
import { openTab, type Replies } from '../community-fixtures';

const tabId = loadPage('staff/components/community-categories/index');
const open = (replies: Replies = {}) => openTab(tabId, replies);

beforeEach(() => jest.clearAllMocks());

describe('说事分类', () => {
  it('lists the categories with their time limits', async () => {
    const { tab: page } = await open();
    expect(page.count('.category-row')).toBe(2);
    expect(page.text('#categories')).toContain('12小时内联系，5天内办结');
  });

  it('editing sends the templates split by line, and warns they replace the old ones', async () => {
    const { tab: page, send } = await open();
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
      residentWaitDays: 7,
      order: 100,
      active: true,
      templates: ['已收到，马上联系物业。', '已上门查看，请您留意。'],
    });
    expect(page.text('#categories')).toContain('12小时内联系，3天内办结');
    expect(page.text('#category-saved')).toContain('噪音扰民');
  });

  it('adds a new category', async () => {
    const { tab: page, send } = await open();
    await page.input('#category-name', '绿化养护');
    await page.tap('#category-save');
    expect(sent(send, 'concern.upsertCategory')[0].data).toEqual({
      name: '绿化养护',
      contactHours: 24,
      resolveDays: 7,
      residentWaitDays: 7,
      order: 100,
      active: true,
      templates: [],
    });
    expect(page.count('.category-row')).toBe(3);
  });

  it('sets how long a concern may wait on the resident, and shows it on the row', async () => {
    const { tab: page, send } = await open();
    await page.tap('#edit-category-noise');
    await page.input('#category-wait', '10');
    await page.tap('#category-save');
    expect(sent(send, 'concern.upsertCategory')[0].data).toMatchObject({ categoryId: 'noise', residentWaitDays: 10 });
    expect(page.text('#categories')).toContain('待居民补充最长10天');
  });

  it('refuses a wait of one day next to its box, without sending', async () => {
    const { tab: page, send } = await open();
    await page.tap('#edit-category-noise');
    await page.input('#category-wait', '1');
    await page.tap('#category-save');
    expect(page.text('#category-wait-error')).toBe('等待居民补充至少2天');
    expect(sent(send, 'concern.upsertCategory')).toHaveLength(0);
  });

  it('shows a too-short template next to the templates box without sending', async () => {
    const { tab: page, send } = await open();
    await page.input('#category-name', '绿化养护');
    await page.input('#category-templates', '好\n收到，我们会处理。');
    await page.tap('#category-save');
    expect(sent(send, 'concern.upsertCategory')).toHaveLength(0);
    expect(page.text('#category-templates-error')).toBe('答复模板至少需要2个字');
  });

  it('shows the server’s refusal', async () => {
    const { tab: page } = await open({ 'concern.upsertCategory': fail('FORBIDDEN') });
    await page.input('#category-name', '绿化养护');
    await page.tap('#category-save');
    expect(page.text('#category-error')).toBe('您没有权限进行此操作');
    expect(page.count('.category-row')).toBe(2);
  });
});
