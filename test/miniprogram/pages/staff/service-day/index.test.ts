import type { ActionName } from '../../../../../miniprogram/core/action-names';
import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Rendered, type Replies } from '../../../harness';
import type { BookingStatus, BookingView, ServiceView, SlotView } from '../../../../../miniprogram/core/booking/contract';

const pageId = loadPage('staff/service-day/index');

const H = 3600_000;
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;
const NOW = bj(2026, 5, 6, 8, 40);

function service(id: string, name: string, allowedActions: ActionName[]): ServiceView {
  return {
    id,
    name,
    description: '说明',
    location: '社区服务站101室',
    homeVisit: false,
    durationMinutes: 30,
    seatsPerSlot: 2,
    minNoticeHours: 2,
    cancelCutoffHours: 4,
    maxPerMonth: 2,
    gridIds: [],
    active: true,
    allowedActions,
  };
}

const STAFF_ACTIONS: ActionName[] = ['booking.service', 'booking.slots', 'booking.create', 'booking.listForSlot'];
const law = service('sv-law', '法律咨询', STAFF_ACTIONS);
const health = service('sv-health', '健康义诊', ['booking.service', 'booking.slots', 'booking.create']);

function slot(id: string, startAt: number, extra: Partial<SlotView> = {}): SlotView {
  return { id, serviceId: 'sv-law', startAt, endAt: startAt + 30 * 60_000, seats: 2, seatsLeft: 1, waitlistCount: 0, status: 'open', waitlistOnly: false, ...extra };
}

function booking(id: string, status: BookingStatus, extra: Partial<BookingView> = {}): BookingView {
  return {
    id,
    serviceId: 'sv-law',
    serviceName: '法律咨询',
    slotId: 's-0900',
    startAt: bj(2026, 5, 6, 9),
    endAt: bj(2026, 5, 6, 9, 30),
    location: '社区服务站101室',
    status,
    statusLabel: ({ booked: '已预约', waitlisted: '候补中', attended: '已到场', noShow: '未到场' } as Partial<Record<BookingStatus, string>>)[status] ?? status,
    allowedActions: [],
    ...extra,
  };
}

const wang = booking('bk-wang', 'booked', { residentName: '王秀英', residentPhone: '13800001234', address: '3号楼 2单元 301室', allowedActions: ['booking.checkIn', 'booking.cancel'] });
const li = booking('bk-li', 'booked', {
  residentName: '李建国',
  address: '5号楼 1单元 102室',
  onBehalf: { staffName: '张网格', reason: '老人不会用手机' },
  allowedActions: ['booking.checkIn', 'booking.markNoShow'],
});
const zhao = booking('bk-zhao', 'waitlisted', { residentName: '赵桂兰', address: '1号楼 3单元 602室', waitlistPosition: 1, allowedActions: ['booking.cancel'] });

async function open(replies: Replies = {}, query: Record<string, string> = {}) {
  const send = fakeBackend({
    'member.me': meReply(['booking.listForSlot', 'concern.queue'], { roles: ['gridWorker'] }),
    'booking.services': ok({ items: [health, law] }),
    'booking.slots': ok({
      items: [slot('s-0900', bj(2026, 5, 6, 9), { seatsLeft: 0, waitlistCount: 1, waitlistOnly: true }), slot('s-0930', bj(2026, 5, 6, 9, 30)), slot('s-next', bj(2026, 5, 7, 9))],
    }),
    'booking.listForSlot': ok({ items: [wang, li, zhao] }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad(query);
  await flush();
  return { page, send };
}

async function openSlot(replies: Replies = {}, query: Record<string, string> = {}) {
  const opened = await open(replies, query);
  await opened.page.tap('#slot-s-0900');
  return opened;
}

/** 孙大爷 found through the picker by name or room, and a channel chosen: no id typed. */
async function pickSun(page: Rendered) {
  await page.trigger('#behalf-member', 'pick', { memberId: 'mem-sun', name: '孙大爷', roles: ['resident'], onApp: true, label: '孙大爷 · 1号楼 1单元 102室' });
  await page.tap('#behalf-channel-phone');
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a grid worker opens 今日服务', () => {
  it('offers only the services they serve and shows today’s slots from the start of the Beijing day', async () => {
    const { page, send } = await open();
    expect(page.instance.data.serviceNames).toEqual(['法律咨询']);
    expect(page.text('#service-name')).toBe('法律咨询');
    expect(sent(send, 'booking.slots')[0].data).toEqual({ serviceId: 'sv-law', from: bj(2026, 5, 6), limit: 50 });
    expect(page.text('#day-2026-05-06')).toContain('今天');
    expect(page.count('.slot-row')).toBe(2);
    expect(page.text('#slot-s-0900')).toContain('09:00–09:30');
    expect(page.text('#slot-s-0900')).toContain('已约2/2 · 候补1人');
    expect(page.exists('#entry-edit')).toBe(false);
    expect(page.exists('#entry-create')).toBe(false);
  });

  it('reads another day’s slots from that day’s start', async () => {
    const { page, send } = await open();
    await page.tap('#day-2026-05-08');
    expect(sent(send, 'booking.slots')[1].data).toEqual({ serviceId: 'sv-law', from: bj(2026, 5, 8), limit: 50 });
  });

  it('says so when they serve no service', async () => {
    const { page } = await open({ 'booking.services': ok({ items: [health] }) });
    expect(page.text('#no-services')).toBe('您还没有负责的服务');
  });
});

describe('the worker opens a slot’s list', () => {
  it('shows each resident’s name, address and status, with 到场 and 未到 only where allowed', async () => {
    const { page, send } = await openSlot();
    expect(sent(send, 'booking.listForSlot')[0].data).toEqual({ slotId: 's-0900', limit: 50 });
    expect(page.count('.booking-row')).toBe(3);
    const wangRow = page.text('#booking-bk-wang');
    expect(wangRow).toContain('王秀英');
    expect(wangRow).toContain('3号楼 2单元 301室');
    expect(wangRow).toContain('已预约');
    expect(wangRow).toContain('电话：13800001234');
    expect(page.count('.phone')).toBe(1);
    expect(page.text('#booking-bk-li')).toContain('由 张网格 代办：老人不会用手机');
    expect(page.text('#booking-bk-zhao')).toContain('候补第1位');
    expect(page.count('.checkin-btn')).toBe(2);
    expect(page.count('.noshow-btn')).toBe(1);
    expect(page.exists('#noshow-bk-li')).toBe(true);
    expect(page.exists('#checkin-bk-zhao')).toBe(false);
  });
});

describe('the worker checks a resident in', () => {
  it('sends the service note and shows the resident as arrived', async () => {
    const { page, send } = await openSlot({
      'booking.checkIn': (data) => ok({ ...wang, status: 'attended', statusLabel: '已到场', note: data.note, allowedActions: [] }),
    });
    await page.tap('#checkin-bk-wang');
    expect(page.exists('#checkin-panel')).toBe(true);
    await page.input('#checkin-note', '咨询房屋租赁纠纷，已给出书面建议');
    await page.tap('#checkin-submit');
    expect(sent(send, 'booking.checkIn')[0].data).toEqual({ bookingId: 'bk-wang', note: '咨询房屋租赁纠纷，已给出书面建议' });
    const row = page.text('#booking-bk-wang');
    expect(row).toContain('已到场');
    expect(row).toContain('服务记录：咨询房屋租赁纠纷，已给出书面建议');
    expect(page.exists('#checkin-bk-wang')).toBe(false);
  });

  it('sends no note when none was written', async () => {
    const { page, send } = await openSlot({ 'booking.checkIn': ok({ ...wang, status: 'attended', statusLabel: '已到场', allowedActions: [] }) });
    await page.tap('#checkin-bk-wang');
    await page.tap('#checkin-submit');
    expect(sent(send, 'booking.checkIn')[0].data).toEqual({ bookingId: 'bk-wang' });
  });
});

describe('the worker marks a no-show', () => {
  it('asks first, then sends booking.markNoShow', async () => {
    const { page, send } = await openSlot({ 'booking.markNoShow': ok({ ...li, status: 'noShow', statusLabel: '未到场', allowedActions: [] }) });
    await page.tap('#noshow-bk-li');
    expect((wxMock.showModal.mock.calls[0][0] as { content: string }).content).toContain('李建国');
    expect(sent(send, 'booking.markNoShow')[0].data).toEqual({ bookingId: 'bk-li' });
    expect(page.text('#booking-bk-li')).toContain('未到场');
  });
});

describe('the worker books on behalf of a resident (代办)', () => {
  it('asks for the resident (found, not typed), the channel and a reason before sending', async () => {
    const { page, send } = await openSlot();
    await page.tap('#behalf-open');
    expect(page.text('#behalf-panel')).not.toContain('成员编号');
    await page.tap('#behalf-submit');
    expect(sent(send, 'booking.create')).toHaveLength(0);
    expect(page.text('#behalf-member-error')).toBe('请先查找并选择居民');
    expect(page.text('#behalf-channel-error')).toBe('请选择居民是怎样找到您的');
    expect(page.text('#behalf-reason-error')).toContain('代办原因');
  });

  it('opens with the resident already picked on the 代办 page', async () => {
    const { page, send } = await openSlot({ 'booking.create': ok(booking('bk-new', 'booked', { residentName: '孙大爷' })) }, { residentId: 'mem-sun', residentLabel: encodeURIComponent('孙大爷 · 1号楼 1单元 102室') });
    await page.tap('#behalf-open');
    expect(page.text('#behalf-member')).toContain('孙大爷 · 1号楼 1单元 102室');
    await page.tap('#behalf-channel-visit');
    await page.input('#behalf-reason', '上门走访时委托');
    await page.tap('#behalf-submit');
    expect(sent(send, 'booking.create')[0].data).toEqual({ slotId: 's-0900', onBehalfOf: 'mem-sun', reason: '上门走访时委托', channel: 'visit' });
  });

  it('sends booking.create with onBehalfOf, the reason and an idempotency key, and shows the result', async () => {
    const { page, send } = await openSlot({
      'booking.create': ok(booking('bk-new', 'waitlisted', { residentName: '孙大爷', waitlistPosition: 2 })),
    });
    await page.tap('#behalf-open');
    await pickSun(page);
    await page.input('#behalf-reason', '老人腿脚不便，电话委托');
    await page.tap('#behalf-submit');
    const create = sent(send, 'booking.create');
    expect(create[0].data).toEqual({ slotId: 's-0900', onBehalfOf: 'mem-sun', reason: '老人腿脚不便，电话委托', channel: 'phone' });
    expect(create[0].idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(page.text('#behalf-result')).toBe('已为孙大爷代办：已进入候补，第2位');
    expect(page.exists('#behalf-panel')).toBe(false);
  });

  it('reuses the key when retrying after a network error', async () => {
    let calls = 0;
    const { page, send } = await openSlot({
      'booking.create': () => (++calls === 1 ? fail('NETWORK_ERROR') : ok(booking('bk-new', 'booked', { residentName: '孙大爷' }))),
    });
    await page.tap('#behalf-open');
    await pickSun(page);
    await page.input('#behalf-reason', '老人腿脚不便');
    await page.tap('#behalf-submit');
    expect(page.text('#behalf-error')).toContain('网络不稳定');
    await page.tap('#behalf-submit');
    const keys = sent(send, 'booking.create').map((e) => e.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(page.text('#behalf-result')).toBe('已为孙大爷代办：预约成功');
  });

  it('shows the server’s refusal, e.g. a resident outside the service’s grids', async () => {
    const { page } = await openSlot({ 'booking.create': fail('BOOKING_NOT_ELIGIBLE', '该服务暂未向您所在网格开放') });
    await page.tap('#behalf-open');
    await pickSun(page);
    await page.input('#behalf-reason', '老人腿脚不便');
    await page.tap('#behalf-submit');
    expect(page.text('#behalf-error')).toBe('该服务暂未向您所在网格开放');
  });
});

describe('an admin opens 今日服务', () => {
  it('finds the way to edit this service and to create a new one', async () => {
    const { page } = await open({
      'member.me': meReply(['booking.listForSlot', 'booking.upsertService'], { roles: ['admin'] }),
      'booking.services': ok({ items: [service('sv-law', '法律咨询', [...STAFF_ACTIONS, 'booking.upsertService', 'booking.setSchedule', 'booking.closeSlots'])] }),
    });
    await page.tap('#entry-edit');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/service-edit/index?id=sv-law' });
    await page.tap('#entry-create');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/service-edit/index' });
  });
});

describe('a slot starts while the worker has it open', () => {
  it('stays on screen with its list, so no-shows can still be marked after the start', async () => {
    const slotsNow = [slot('s-0900', bj(2026, 5, 6, 9)), slot('s-0930', bj(2026, 5, 6, 9, 30))];
    let started = false;
    const { page, send } = await open({
      // The server lists only slots that have not started yet.
      'booking.slots': () => ok({ items: started ? slotsNow.slice(1) : slotsNow }),
    });
    await page.tap('#slot-s-0900');
    started = true;
    (Date.now as jest.Mock).mockReturnValue(bj(2026, 5, 6, 9, 5));
    page.instance.onShow();
    await flush();
    expect(page.count('.slot-row')).toBe(2);
    expect(page.instance.data.slotId).toBe('s-0900');
    expect(sent(send, 'booking.listForSlot').length).toBeGreaterThanOrEqual(2);
  });
});
