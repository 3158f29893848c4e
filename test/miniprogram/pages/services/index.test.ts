import { fakeBackend, flush, loadPage, meReply, ok, render, sent } from '../../harness';

const pageId = loadPage('pages/services/index');

const grids = ok({
  items: [
    { id: 'g1', name: '第一网格', workerA: { memberId: 'w1', name: '张网格' }, workerB: { memberId: 'w2', name: '刘阿姨' } },
    { id: 'g2', name: '第二网格', workerA: { memberId: 'w3', name: '陈网格' } },
  ],
});

beforeEach(() => jest.clearAllMocks());

describe('a resident opens 服务', () => {
  it('lists the grids with their workers and marks the resident’s own grid', async () => {
    fakeBackend({
      'me.get': meReply(['community.grids', 'concern.submit'], {
        household: { id: 'h1', buildingId: 'b5', buildingName: '5号楼', unit: '1', room: '101' },
      }),
      'community.grids': grids,
      'community.buildings': ok({ items: [{ id: 'b5', name: '5号楼', gridId: 'g2' }] }),
    });
    const page = render(pageId);
    page.instance.onShow();
    await flush();

    expect(page.count('.grid-row')).toBe(2);
    const text = page.text('#grids');
    expect(text).toContain('第一网格');
    expect(text).toContain('A角：张网格');
    expect(text).toContain('B角：刘阿姨');
    expect(text).toContain('B角：暂未安排');
    expect(text.indexOf('您所在的网格')).toBeGreaterThan(text.indexOf('第二网格'));
    expect(page.text()).toContain('有事找网格员');
  });
});

describe('a visitor opens 服务', () => {
  it('is asked to bind and no grids are requested', async () => {
    const send = fakeBackend({ 'me.get': meReply(['member.redeemInvite'], { roles: [] }) });
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    expect(page.text('#bind-prompt')).toContain('绑定住户后');
    expect(sent(send, 'community.grids')).toHaveLength(0);
  });
});
