import { fakeBackend, flush, loadPage, ok, render, sent, wxMock } from '../../../harness';
import { OVERVIEW, TOPIC } from './fixtures';

const pageId = loadPage('staff/insights/index');
// 2026-11-28 10:00 Beijing.
const NOW = Date.UTC(2026, 10, 28, 2);

const DRILL = { query: { month: '2026-11', buildingId: 'b1', category: 'cat_demo_repair', figure: 'raised' as const }, title: '11月 1号楼 · 设施维修', truncated: false,
  items: [{ source: 'concern' as const, id: 'c1', ref: '20261128-0001', buildingName: '1号楼', categoryName: '设施维修', at: NOW, page: '/staff/concern/index?id=c1' }] };

async function open(topic: typeof TOPIC | null = TOPIC) {
  const send = fakeBackend({
    'insight.overview': ok(OVERVIEW), 'insight.monthlyTopic': ok(topic), 'insight.drill': ok(DRILL),
    'insight.recordMilestone': ok({ ...TOPIC, progress: { done: 2, of: 2, text: '2/2个节点完成' } }),
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

let clock: jest.SpyInstance;
beforeEach(() => {
  jest.clearAllMocks();
  clock = jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => clock.mockRestore());

describe('a grid worker reads the month’s insights for their grid', () => {
  it('asks for this month and draws the building heat grid as shaded cells', async () => {
    const { page, send } = await open();
    expect(sent(send, 'insight.overview')[0].data).toEqual({ month: '2026-11' });
    expect(page.text('#month')).toBe('2026年11月');
    expect(page.text('#scope')).toContain('本人网格（1号楼、2号楼）');
    expect(page.text('#row-0')).toContain('1号楼');
    expect(page.text('#row-0')).toContain('4');
    // Only categories with something this month get a column.
    expect(page.text('#heat')).toContain('设施维修');
    expect(page.text('#heat')).not.toContain('安全隐患');
    expect(page.count('.ih-shade-4')).toBe(1);
  });
  it('shows bars by category with the trend and each figure with its sample', async () => {
    const { page } = await open();
    expect(page.text('#bar-0')).toContain('第1 设施维修');
    expect(page.text('#bar-0')).toContain('上升：本月5，前3月平均1.0');
    expect(page.text('#bar-0')).toContain('8月 0 · 9月 2 · 10月 1 · 11月 5');
    expect(page.text('#first-response')).toBe('中位1.0小时（已签收2/5，40%）');
    expect(page.text('#repeat')).toBe('1/2人（50%，5件）');
  });
  it('opens the records behind a cell, and each record’s page', async () => {
    const { page, send } = await open();
    await page.tap('.ih-shade-4');
    await flush();
    expect(sent(send, 'insight.drill')[0].data).toEqual({ month: '2026-11', figure: 'raised', buildingId: 'b1', category: 'cat_demo_repair' });
    expect(page.text('#drill')).toContain('11月 1号楼 · 设施维修（1件）');
    await page.tap('#drill-0');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/concern/index?id=c1' });
  });
  it('goes back a month, never past this one', async () => {
    const { page, send } = await open();
    await page.tap('#next');
    await flush();
    expect(sent(send, 'insight.overview')).toHaveLength(1);
    await page.tap('#prev');
    await flush();
    expect(sent(send, 'insight.overview')[1].data).toEqual({ month: '2026-10' });
  });
});

describe('the 每月一题 card', () => {
  it('shows the topic, its owner, target and milestones, and records one done', async () => {
    wxMock.showModal.mockResolvedValueOnce({ confirm: true, content: '已全部更换' });
    const { page, send } = await open();
    expect(page.text('#topic')).toContain('楼道照明');
    expect(page.text('#topic')).toContain('负责人：李秀英 · 1/2个节点完成');
    expect(page.text('#milestone-0')).toContain('完成：坏灯23盏');
    expect(page.text('#milestone-1')).toContain('已逾期');
    expect(page.count('#milestone-done-0')).toBe(0);
    await page.tap('#milestone-done-1');
    await flush();
    expect(sent(send, 'insight.recordMilestone')[0].data).toEqual({ month: '2026-11', index: 1, note: '已全部更换' });
    expect(page.text('#topic')).toContain('2/2个节点完成');
  });
  it('says when the month has none', async () => {
    const { page } = await open(null);
    expect(page.text('#no-topic')).toBe('本月尚未设定每月一题');
  });
});
