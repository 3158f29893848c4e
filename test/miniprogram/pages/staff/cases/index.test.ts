import { fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock } from '../../../harness';
import { CASE } from '../insights/fixtures';

const pageId = loadPage('staff/cases/index');
const NOW = Date.UTC(2026, 10, 28, 4);

async function open(items = [CASE]) {
  const send = fakeBackend({
    'insight.cases': ok({ items }),
    'insight.decideCase': ok({ ...CASE, state: 'dismissed', stateLabel: '不予立项', allowedActions: [] }),
    'insight.closeCase': ok({ ...CASE, state: 'closed', stateLabel: '已办结', allowedActions: [] }),
    'member.me': meReply(['insight.decideCase'], { roles: ['gridWorker'] }),
  });
  const page = render(pageId);
  page.instance.onShow();
  await flush();
  return { page, send };
}

let clock: jest.SpyInstance;
beforeEach(() => {
  jest.clearAllMocks();
  clock = jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => clock.mockRestore());

describe('staff see proposed cases with the cluster behind them', () => {
  it('lists the case, its reason and its concerns', async () => {
    const { page, send } = await open();
    expect(sent(send, 'insight.cases')[0].data).toMatchObject({ when: 'open' });
    expect(page.text('#case-0')).toContain('1号楼 · 设施维修');
    expect(page.text('#case-0')).toContain('30天内3件（3件起提示）');
    expect(page.text('#case-0')).toContain('20261128-0002');
  });
  it('marks the case a notice opened', async () => {
    fakeBackend({ 'insight.cases': ok({ items: [CASE, { ...CASE, caseId: 'icase_2' }] }) });
    const page = render(pageId);
    page.instance.onLoad({ id: 'icase_2' });
    page.instance.onShow();
    await flush();
    expect(page.count('.cs-focus')).toBe(1);
    expect(page.count('#case-1.cs-focus')).toBe(1);
  });
  it('says so when there is nothing to decide', async () => {
    const { page } = await open([]);
    expect(page.text('#empty')).toBe('暂无待研判的案例');
  });
});

describe('deciding a case', () => {
  it('dismisses with the reason typed', async () => {
    wxMock.showModal.mockResolvedValueOnce({ confirm: true, content: '已列入物业月度计划' });
    const { page, send } = await open();
    await page.tap('#dismiss-0');
    await flush();
    expect(sent(send, 'insight.decideCase')[0].data).toEqual({ caseId: 'icase_1', kind: 'dismiss', reason: '已列入物业月度计划' });
    expect(sent(send, 'insight.decideCase')[0].idempotencyKey).toBeTruthy();
  });
  it('accepts as a task owned by the caller, due in 14 days', async () => {
    wxMock.showModal.mockResolvedValueOnce({ confirm: true, content: '排查1号楼全部楼道灯' });
    const { page, send } = await open();
    await page.tap('#task-0');
    await flush();
    const data = sent(send, 'insight.decideCase')[0].data as { kind: string; dueAt: number; ownerId: string };
    expect(data).toMatchObject({ kind: 'task', note: '排查1号楼全部楼道灯', dueAt: NOW + 14 * 86_400_000 });
    expect(data.ownerId).toBeTruthy();
  });
  it('turns it into a motion with the body typed', async () => {
    wxMock.showModal.mockResolvedValueOnce({ confirm: true, content: '建议整体更换为感应灯，费用由维修资金列支。' });
    const { page, send } = await open();
    await page.tap('#motion-0');
    await flush();
    expect(sent(send, 'insight.decideCase')[0].data).toMatchObject({ kind: 'motion', title: '1号楼 · 设施维修问题集中反映' });
  });
  it('closes an accepted case', async () => {
    wxMock.showModal.mockResolvedValueOnce({ confirm: true, content: '已更换全部灯具' });
    const { page, send } = await open([{ ...CASE, state: 'accepted', stateLabel: '办理中', allowedActions: ['insight.closeCase'] }]);
    expect(page.count('#dismiss-0')).toBe(0);
    await page.tap('#close-0');
    await flush();
    expect(sent(send, 'insight.closeCase')[0].data).toEqual({ caseId: 'icase_1', summary: '已更换全部灯具' });
  });
});
