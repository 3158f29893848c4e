import type { ActionName } from '../../../../miniprogram/core/action-names';
import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock } from '../../harness';

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
      'member.me': meReply(['community.grids', 'concern.submit'], {
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
    const send = fakeBackend({ 'member.me': meReply(['member.redeemInvite'], { roles: [] }) });
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    expect(page.text('#bind-prompt')).toContain('绑定住户后');
    expect(sent(send, 'community.grids')).toHaveLength(0);
  });
});

const services = ok({
  items: [
    {
      id: 'sv-law',
      name: '法律咨询',
      description: '律师志愿者坐诊，解答婚姻家庭、劳动争议、房屋租赁、遗产继承等法律问题，请带好相关材料和证件复印件。',
      location: '社区服务站101室',
      homeVisit: false,
      durationMinutes: 30,
      seatsPerSlot: 2,
      minNoticeHours: 2,
      cancelCutoffHours: 4,
      maxPerMonth: 2,
      gridIds: [],
      active: true,
      allowedActions: ['booking.service', 'booking.slots', 'booking.create'] as ActionName[],
    },
    {
      id: 'sv-care',
      name: '居家养老上门',
      description: '助浴、助洁',
      location: '',
      homeVisit: true,
      durationMinutes: 90,
      seatsPerSlot: 1,
      minNoticeHours: 24,
      cancelCutoffHours: 12,
      maxPerMonth: 4,
      gridIds: [],
      active: true,
      allowedActions: ['booking.service', 'booking.slots', 'booking.create'] as ActionName[],
    },
  ],
});

describe('a resident sees the community services above the grids', () => {
  it('lists each service with a short description, place and duration, and opens it on tap', async () => {
    fakeBackend({
      'member.me': meReply(['community.grids', 'booking.services']),
      'community.grids': grids,
      'booking.services': services,
    });
    const page = render(pageId);
    page.instance.onShow();
    await flush();

    expect(page.count('.service-row')).toBe(2);
    const text = page.text('#services');
    expect(text).toContain('法律咨询');
    expect(text).toContain('律师志愿者坐诊');
    expect(text).toContain('…');
    expect(text).toContain('社区服务站101室 · 约30分钟');
    expect(text).toContain('上门服务 · 约1小时30分钟');
    // The services come first; the grid section stays.
    expect(page.text().indexOf('法律咨询')).toBeLessThan(page.text().indexOf('有事找网格员'));
    expect(page.count('.grid-row')).toBe(2);

    await page.tap('.service-row');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/service/index?id=sv-law' });
  });

  it('keeps the grids when the services fail to load, with a retry for the services', async () => {
    fakeBackend({
      'member.me': meReply(['community.grids', 'booking.services']),
      'community.grids': grids,
      'booking.services': fail('NETWORK_ERROR'),
    });
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    expect(page.text('#services-error')).toContain('网络不稳定');
    expect(page.count('.grid-row')).toBe(2);
  });

  it('shows no services section when booking.services is not allowed', async () => {
    const send = fakeBackend({ 'member.me': meReply(['community.grids']), 'community.grids': grids });
    const page = render(pageId);
    page.instance.onShow();
    await flush();
    expect(page.exists('#services')).toBe(false);
    expect(sent(send, 'booking.services')).toHaveLength(0);
  });
});
