import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import type { BookingStatus, BookingView } from '../../../../miniprogram/core/booking/contract';

const pageId = loadPage('pages/bookings/index');

const H = 3600_000;
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;
const NOW = bj(2026, 5, 6, 8, 0);

const LABELS: Partial<Record<BookingStatus, string>> = {
  booked: '已预约',
  waitlisted: '候补中',
  offered: '候补转正，待确认',
  cancelled: '已取消',
  attended: '已到场',
  expired: '已失效',
};

function booking(id: string, status: BookingStatus, startAt: number, extra: Partial<BookingView> = {}): BookingView {
  return {
    id,
    serviceId: 'sv-law',
    serviceName: '法律咨询',
    slotId: `slot-${id}`,
    startAt,
    endAt: startAt + 30 * 60_000,
    location: '社区服务站101室',
    status,
    statusLabel: LABELS[status] ?? status,
    allowedActions: ['booking.cancel'],
    ...extra,
  };
}

const offered = booking('b-offer', 'offered', bj(2026, 5, 6, 14), {
  offerExpiresAt: bj(2026, 5, 6, 11, 30),
  allowedActions: ['booking.confirmPromotion', 'booking.cancel'],
});
const booked = booking('b-booked', 'booked', bj(2026, 5, 7, 9));
const waiting = booking('b-wait', 'waitlisted', bj(2026, 5, 9, 9), { waitlistPosition: 2 });
const attended = booking('b-done', 'attended', bj(2026, 5, 1, 9), { allowedActions: ['booking.rate'] });

type Modal = { success?: (r: { confirm: boolean; cancel: boolean }) => void; title?: string; content?: string };

async function open(replies: Replies = {}, query: Record<string, string> = {}) {
  const send = fakeBackend({
    'booking.listMine': (data) => (data.when === 'past' ? ok({ items: [attended] }) : ok({ items: [offered, booked, waiting] })),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad(query);
  page.instance.onShow();
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a resident opens 我的预约', () => {
  it('lists the upcoming bookings with service, time, place, status and waitlist place', async () => {
    const { page, send } = await open();
    expect(sent(send, 'booking.listMine')[0].data).toEqual({ when: 'upcoming', limit: 20 });
    expect(page.count('.booking-row')).toBe(3);
    const row = page.text('#booking-b-booked');
    expect(row).toContain('法律咨询');
    expect(row).toContain('明天 09:00–09:30');
    expect(row).toContain('社区服务站101室');
    expect(row).toContain('已预约');
    expect(page.text('#booking-b-wait')).toContain('候补第2位');
  });

  it('shows 确认预约 with the deadline only on the seat offered from the waitlist', async () => {
    const { page } = await open();
    expect(page.count('.confirm-btn')).toBe(1);
    expect(page.exists('#confirm-b-offer')).toBe(true);
    expect(page.text('#booking-b-offer')).toContain('请在 11:30 前确认');
    expect(page.text('#booking-b-booked')).not.toContain('确认预约');
    expect(page.count('.cancel-btn')).toBe(3);
  });

  it('offers a way to book when there is nothing upcoming', async () => {
    const { page } = await open({ 'booking.listMine': ok({ items: [] }) });
    expect(page.text('#empty')).toContain('没有即将开始的预约');
    await page.tap('#go-services');
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/services/index' });
  });

  it('loads more with the cursor', async () => {
    const { page, send } = await open({
      'booking.listMine': (data) => (data.cursor === 'p2' ? ok({ items: [waiting] }) : ok({ items: [booked], next: 'p2' })),
    });
    expect(page.count('.booking-row')).toBe(1);
    await page.tap('#more');
    expect(sent(send, 'booking.listMine')[1].data).toEqual({ when: 'upcoming', cursor: 'p2', limit: 20 });
    expect(page.count('.booking-row')).toBe(2);
    expect(page.exists('#more')).toBe(false);
  });
});

describe('a resident confirms a seat offered from the waitlist', () => {
  it('calls booking.confirmPromotion and the row turns into a booking', async () => {
    const { page, send } = await open({
      'booking.confirmPromotion': ok({ ...offered, status: 'booked', statusLabel: '已预约', offerExpiresAt: undefined, allowedActions: ['booking.cancel'] }),
    });
    await page.tap('#confirm-b-offer');
    expect(sent(send, 'booking.confirmPromotion')[0].data).toEqual({ bookingId: 'b-offer' });
    expect(page.exists('#confirm-b-offer')).toBe(false);
    expect(page.text('#booking-b-offer')).toContain('已预约');
    expect(wxMock.showToast).toHaveBeenCalledWith({ title: '已确认预约', icon: 'success' });
  });

  it('shows the server’s message when the offer has expired, and reads the list again', async () => {
    const { page, send } = await open({ 'booking.confirmPromotion': fail('BOOKING_OFFER_EXPIRED', '候补确认已超时，名额已转给下一位') });
    await page.tap('#confirm-b-offer');
    expect(page.text('#row-error')).toBe('候补确认已超时，名额已转给下一位');
    expect(sent(send, 'booking.listMine')).toHaveLength(2);
  });
});

describe('a resident cancels a booking', () => {
  it('finds 取消预约 as a quiet control under the booking, never a main button', async () => {
    const { page } = await open();
    expect(page.exists('#cancel-b-booked.ll-btn-quiet')).toBe(true);
    expect(page.exists('#cancel-b-booked.ll-btn')).toBe(false);
    expect(page.exists('#cancel-b-booked.ll-btn-warn')).toBe(false);
    // Where a seat waits to be confirmed, 确认预约 is the big button and cancelling stays quiet.
    expect(page.exists('#confirm-b-offer.ll-btn-primary')).toBe(true);
  });

  it('asks for confirmation first and sends nothing when the resident backs out', async () => {
    const { page, send } = await open();
    await page.tap('#cancel-b-booked');
    expect(page.exists('#cancel-panel')).toBe(true);
    wxMock.showModal.mockImplementationOnce((opts: Modal) => opts.success?.({ confirm: false, cancel: true }));
    await page.tap('#cancel-submit');
    expect(wxMock.showModal).toHaveBeenCalledTimes(1);
    expect((wxMock.showModal.mock.calls[0][0] as Modal).content).toContain('明天 09:00–09:30');
    expect(sent(send, 'booking.cancel')).toHaveLength(0);
  });

  it('sends the optional reason after confirming and shows the cancelled booking', async () => {
    const { page, send } = await open({
      'booking.cancel': ok({ ...booked, status: 'cancelled', statusLabel: '已取消', allowedActions: [] }),
    });
    await page.tap('#cancel-b-booked');
    await page.input('#cancel-reason', '临时有事');
    await page.tap('#cancel-submit');
    expect(wxMock.showModal).toHaveBeenCalledTimes(1);
    expect(sent(send, 'booking.cancel')[0].data).toEqual({ bookingId: 'b-booked', reason: '临时有事' });
    expect(page.text('#booking-b-booked')).toContain('已取消');
    expect(page.exists('#cancel-b-booked')).toBe(false);
    expect(page.exists('#cancel-panel')).toBe(false);
  });

  it('sends no reason when none was typed', async () => {
    const { page, send } = await open({ 'booking.cancel': ok({ ...booked, status: 'cancelled', statusLabel: '已取消', allowedActions: [] }) });
    await page.tap('#cancel-b-booked');
    await page.tap('#cancel-submit');
    expect(sent(send, 'booking.cancel')[0].data).toEqual({ bookingId: 'b-booked' });
  });

  it('shows the message when the cancel cutoff has passed', async () => {
    const { page } = await open({ 'booking.cancel': fail('BOOKING_CUTOFF_PASSED', '已过取消截止时间（开始前4小时），如需取消请联系社区') });
    await page.tap('#cancel-b-booked');
    await page.tap('#cancel-submit');
    expect(page.text('#booking-b-booked')).toContain('已过取消截止时间（开始前4小时），如需取消请联系社区');
    expect(page.exists('#cancel-panel')).toBe(false);
  });
});

describe('a resident rates a past service', () => {
  it('switches to 已结束, picks stars and a comment, and sends booking.rate', async () => {
    const { page, send } = await open({
      'booking.rate': ok({ ...attended, rating: { score: 4, comment: '律师很耐心' }, allowedActions: [] }),
    });
    await page.tap('#tab-past');
    expect(sent(send, 'booking.listMine')[1].data).toEqual({ when: 'past', limit: 20 });
    expect(page.count('.booking-row')).toBe(1);
    expect(page.text('#booking-b-done')).toContain('已到场');

    await page.tap('#rate-b-done');
    await page.tap('#star-4');
    expect(page.text('#star-label')).toBe('满意');
    await page.input('#rate-comment', '律师很耐心');
    await page.tap('#rate-submit');
    expect(sent(send, 'booking.rate')[0].data).toEqual({ bookingId: 'b-done', score: 4, comment: '律师很耐心' });
    expect(page.text('#booking-b-done')).toContain('★★★★☆');
    expect(page.exists('#rate-b-done')).toBe(false);
  });

  it('asks for stars before sending', async () => {
    const { page, send } = await open({}, { when: 'past' });
    expect(sent(send, 'booking.listMine')[0].data).toEqual({ when: 'past', limit: 20 });
    await page.tap('#rate-b-done');
    await page.tap('#rate-submit');
    expect(page.text('#score-error')).toBe('请点星星打分');
    expect(sent(send, 'booking.rate')).toHaveLength(0);
  });
});
