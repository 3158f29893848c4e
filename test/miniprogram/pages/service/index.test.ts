import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies, type ReplyEnvelope } from '../../harness';
import type { BookingStatus, BookingView, ServiceView, SlotView } from '../../../../miniprogram/core/booking/contract';

const pageId = loadPage('pages/service/index');

const H = 3600_000;
/** The UTC instant of a Beijing wall-clock time. */
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;
const NOW = bj(2026, 5, 6, 7, 0); // Wednesday morning

const service: ServiceView = {
  id: 'sv-law',
  name: '法律咨询',
  description: '律师志愿者坐诊，解答婚姻家庭、劳动争议等法律问题。',
  location: '社区服务站101室',
  homeVisit: false,
  durationMinutes: 30,
  seatsPerSlot: 2,
  minNoticeHours: 2,
  cancelCutoffHours: 4,
  maxPerMonth: 2,
  gridIds: [],
  active: true,
  allowedActions: ['booking.service', 'booking.slots', 'booking.create'],
};

function slot(id: string, startAt: number, extra: Partial<SlotView> = {}): SlotView {
  return { id, serviceId: 'sv-law', startAt, endAt: startAt + 30 * 60_000, seats: 2, seatsLeft: 1, waitlistCount: 0, status: 'open', waitlistOnly: false, ...extra };
}

const slots = [
  slot('s-0900', bj(2026, 5, 6, 9)),
  slot('s-1000', bj(2026, 5, 6, 10), { seatsLeft: 0, waitlistCount: 2, waitlistOnly: true }),
  // 07:30 Beijing is still the 6th in UTC: it must sit under 明天.
  slot('s-t0730', bj(2026, 5, 7, 7, 30), { status: 'closed', closedReason: '律师外出培训' }),
  slot('s-sat', bj(2026, 5, 9, 9), { seatsLeft: 2 }),
];

function booking(status: BookingStatus, extra: Partial<BookingView> = {}): BookingView {
  return {
    id: 'bk1',
    serviceId: 'sv-law',
    serviceName: '法律咨询',
    slotId: 's-0900',
    startAt: bj(2026, 5, 6, 9),
    endAt: bj(2026, 5, 6, 9, 30),
    location: '社区服务站101室',
    status,
    statusLabel: status === 'booked' ? '已预约' : '候补中',
    allowedActions: ['booking.cancel'],
    ...extra,
  };
}

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'booking.service': ok(service),
    'booking.slots': ok({ items: slots }),
    'booking.create': ok(booking('booked')),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad({ id: 'sv-law' });
  await flush();
  return { page, send };
}

/** The confirm dialog, as WeChat would show it; the harness taps 确认 unless told otherwise. */
const modals = () => wxMock.showModal.mock.calls.map((c) => c[0] as { title: string; content: string; confirmText?: string });

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a resident opens a service', () => {
  it('shows what it is, where, how long, and the booking rules', async () => {
    const { page, send } = await open();
    expect(sent(send, 'booking.service')[0].data).toEqual({ serviceId: 'sv-law' });
    expect(page.text('#name')).toBe('法律咨询');
    expect(page.text('#place')).toBe('社区服务站101室');
    expect(page.text('#duration')).toBe('约30分钟');
    const rules = page.text('#rules');
    expect(rules).toContain('需提前2小时预约');
    expect(rules).toContain('开始前4小时可取消');
    expect(rules).toContain('每月最多2次');
  });

  it('shows a date strip of the days that have slots, in Beijing time, today chosen', async () => {
    const { page } = await open();
    expect(page.count('.day-chip')).toBe(3);
    expect(page.text('#day-2026-05-06')).toBe('今天5月6日');
    expect(page.text('#day-2026-05-07')).toBe('明天5月7日');
    expect(page.text('#day-2026-05-09')).toBe('周六5月9日');
    expect(page.instance.data.dayKey).toBe('2026-05-06');
    expect(page.count('.slot-row')).toBe(2);
    expect(page.text('#slot-s-0900')).toContain('09:00–09:30');
    expect(page.text('#slot-s-0900')).toContain('剩余1个名额');
    expect(page.text('#slot-s-1000')).toContain('已满，可候补（前面2人）');
  });

  it('shows another day’s slots, and why a slot is closed', async () => {
    const { page } = await open();
    await page.tap('#day-2026-05-07');
    expect(page.count('.slot-row')).toBe(1);
    expect(page.text('#slot-s-t0730')).toContain('07:30–08:00');
    expect(page.text('#slot-s-t0730')).toContain('已关闭：律师外出培训');
    await page.tap('#slot-s-t0730');
    expect(wxMock.showModal).not.toHaveBeenCalled();
  });

  it('marks a slot inside the notice window 已截止 before anyone taps it, and takes no tap there', async () => {
    // Booking closes 2 hours before the start: at 07:00 the 08:30 slot is too late, 09:00 is not.
    const { page, send } = await open({ 'booking.slots': ok({ items: [slot('s-0830', bj(2026, 5, 6, 8, 30)), ...slots] }) });
    expect(page.text('#slot-s-0830')).toContain('已截止');
    expect(page.text('#slot-s-0830')).not.toContain('预约');
    expect(page.text('#slot-s-0830')).not.toContain('剩余');
    expect(page.text('#slot-s-0900')).toContain('剩余1个名额');
    await page.tap('#slot-s-0830');
    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(sent(send, 'booking.create')).toHaveLength(0);
  });

  it('says so when there are no slots in the next two weeks', async () => {
    const { page } = await open({ 'booking.slots': ok({ items: [] }) });
    expect(page.text('#no-slots')).toBe('近两周没有可预约的时段');
  });
});

describe('a resident books a slot with seats left', () => {
  it('confirms first, sends booking.create with the slot and an idempotency key, and shows 预约成功', async () => {
    const { page, send } = await open();
    await page.tap('#slot-s-0900');

    expect(modals()[0].title).toBe('确认预约');
    expect(modals()[0].content).toContain('今天 09:00–09:30');
    expect(modals()[0].content).toContain('社区服务站101室');
    const create = sent(send, 'booking.create');
    expect(create).toHaveLength(1);
    expect(create[0].data).toEqual({ slotId: 's-0900' });
    expect(create[0].idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(page.text('#outcome-title')).toBe('预约成功');
    expect(page.exists('#to-bookings')).toBe(true);
    // Seats changed: the slots are read again.
    expect(sent(send, 'booking.slots').length).toBeGreaterThanOrEqual(2);
  });

  it('sends nothing when the resident backs out of the dialog', async () => {
    const { page, send } = await open();
    wxMock.showModal.mockImplementationOnce((opts: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => opts.success?.({ confirm: false, cancel: true }));
    await page.tap('#slot-s-0900');
    expect(sent(send, 'booking.create')).toHaveLength(0);
    expect(page.exists('#outcome')).toBe(false);
  });
});

describe('the slot filled up before the resident’s tap arrived', () => {
  it('shows the server’s message and reloads the slots', async () => {
    const { page, send } = await open({ 'booking.create': fail('FULL', '该时段已约满，候补名额也已满，请选择其他时段') });
    await page.tap('#slot-s-0900');
    expect(page.text('#outcome-title')).toBe('该时段已约满，候补名额也已满，请选择其他时段');
    expect(page.exists('#retry')).toBe(false);
    expect(modals()[1]).toMatchObject({ title: '未能预约', content: '该时段已约满，候补名额也已满，请选择其他时段' });
    expect(sent(send, 'booking.slots').length).toBeGreaterThanOrEqual(2);
  });

  it('shows the limit message the same way', async () => {
    const { page } = await open({ 'booking.create': fail('BOOKING_LIMIT', '本月法律咨询已预约2次，已达上限') });
    await page.tap('#slot-s-0900');
    expect(page.text('#outcome')).toContain('本月法律咨询已预约2次，已达上限');
  });
});

describe('a resident joins the waitlist of a full slot', () => {
  it('is told the slot is full before confirming, and sees the place on the waitlist', async () => {
    const { page } = await open({ 'booking.create': ok(booking('waitlisted', { slotId: 's-1000', waitlistPosition: 3 })) });
    await page.tap('#slot-s-1000');
    expect(modals()[0].title).toBe('登记候补');
    expect(modals()[0].content).toContain('前面2人');
    expect(page.text('#outcome-title')).toBe('已进入候补，第3位');
    expect(page.text('#outcome')).toContain('4小时内确认');
  });
});

describe('the network drops the answer to a booking', () => {
  it('offers a retry that sends the same idempotency key, so no second booking is made', async () => {
    let calls = 0;
    const { page, send } = await open({
      'booking.create': () => (++calls === 1 ? fail('NETWORK_ERROR') : ok(booking('booked'))),
    });
    await page.tap('#slot-s-0900');
    expect(page.text('#outcome')).toContain('网络不稳定');
    expect(page.exists('#retry')).toBe(true);

    await page.tap('#retry');
    const create = sent(send, 'booking.create');
    expect(create).toHaveLength(2);
    expect(create[1].idempotencyKey).toBe(create[0].idempotencyKey);
    expect(create[1].data).toEqual({ slotId: 's-0900' });
    expect(page.text('#outcome-title')).toBe('预约成功');
  });

  it('tapping the same slot again also reuses the key; another booking later gets a new one', async () => {
    let calls = 0;
    const { page, send } = await open({
      'booking.create': () => (++calls === 1 ? fail('NETWORK_ERROR') : ok(booking('booked'))),
    });
    await page.tap('#slot-s-0900');
    await page.tap('#slot-s-0900');
    await page.tap('#day-2026-05-09');
    await page.tap('#slot-s-sat');
    const keys = sent(send, 'booking.create').map((e) => e.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});

describe('the server does not offer booking to this caller', () => {
  it('shows the slots without booking buttons and explains', async () => {
    const { page, send } = await open({ 'booking.service': ok({ ...service, allowedActions: ['booking.service', 'booking.slots'] }) });
    expect(page.exists('#cannot-book')).toBe(true);
    expect(page.text('#slot-s-0900')).not.toContain('预约');
    await page.tap('#slot-s-0900');
    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(sent(send, 'booking.create')).toHaveLength(0);
  });
});

describe('asking to be told the result and reminded, at the confirming tap', () => {
  const templates: ReplyEnvelope<'notify.templates'> = ok({
    templates: [
      { key: 'bookingResult', templateId: 'tmpl-result' },
      { key: 'bookingReminder', templateId: 'tmpl-remind' },
    ],
  });
  const consentReplies: Replies = { 'notify.templates': templates, 'notify.recordConsent': ok({ balances: {} }) };

  it('prefetches the templates for booking.create when the page opens', async () => {
    const { send } = await open(consentReplies);
    expect(sent(send, 'notify.templates')[0].data).toEqual({ moment: 'booking.create' });
  });

  it('opens WeChat’s panel in the 确认预约 tap, before booking, and records the answers', async () => {
    const { page, send } = await open(consentReplies);
    let bookedBeforePanel = -1;
    wxMock.requestSubscribeMessage = jest.fn((o: { success: (r: unknown) => void }) => {
      bookedBeforePanel = sent(send, 'booking.create').length;
      o.success({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-result': 'accept', 'tmpl-remind': 'accept' });
    });
    await page.tap('#slot-s-0900');
    expect(wxMock.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(wxMock.requestSubscribeMessage.mock.calls[0][0]).toMatchObject({ tmplIds: ['tmpl-result', 'tmpl-remind'] });
    expect(bookedBeforePanel).toBe(0);
    expect(sent(send, 'booking.create')).toHaveLength(1);
    expect(sent(send, 'notify.recordConsent')[0].data).toEqual({ results: { bookingResult: 'accept', bookingReminder: 'accept' } });
    expect(page.text('#outcome-title')).toBe('预约成功');
  });

  it('asks nothing when the resident backs out of the dialog', async () => {
    const { page } = await open(consentReplies);
    wxMock.requestSubscribeMessage = jest.fn();
    wxMock.showModal.mockImplementationOnce((opts: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => opts.success?.({ confirm: false, cancel: true }));
    await page.tap('#slot-s-0900');
    expect(wxMock.requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('books anyway when the resident rejects, or the API throws', async () => {
    const { page, send } = await open(consentReplies);
    wxMock.requestSubscribeMessage = jest.fn((o: { success: (r: unknown) => void }) => o.success({ 'tmpl-result': 'reject', 'tmpl-remind': 'reject' }));
    await page.tap('#slot-s-0900');
    expect(sent(send, 'booking.create')).toHaveLength(1);

    await page.tap('#day-2026-05-09');
    wxMock.requestSubscribeMessage = jest.fn(() => {
      throw new Error('requestSubscribeMessage:fail');
    });
    await page.tap('#slot-s-sat');
    expect(wxMock.requestSubscribeMessage).toHaveBeenCalled();
    expect(sent(send, 'booking.create')).toHaveLength(2);
  });

  it('does not ask again when retrying the same booking after a lost answer', async () => {
    let calls = 0;
    const { page, send } = await open({ ...consentReplies, 'booking.create': () => (++calls === 1 ? fail('NETWORK_ERROR') : ok(booking('booked'))) });
    wxMock.requestSubscribeMessage = jest.fn((o: { success: (r: unknown) => void }) => o.success({ 'tmpl-result': 'accept' }));
    await page.tap('#slot-s-0900');
    await page.tap('#retry');
    expect(sent(send, 'booking.create')).toHaveLength(2);
    expect(wxMock.requestSubscribeMessage).toHaveBeenCalledTimes(1);
  });
});
