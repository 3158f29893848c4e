import { fakeBackend, fail, flush, loadPage, ok, render, sent, wxMock, type Reply, type ReplyFn } from '../../../harness';
import type { ContractOutput } from '../../../../../miniprogram/core/action';
import type { serviceStats, ServiceUsageRow } from '../../../../../miniprogram/core/booking/contract';

const pageId = loadPage('staff/service-stats/index');

// 2026-05-20 10:00 Beijing.
const NOW = Date.UTC(2026, 4, 20, 2, 0);
const MAY = { from: Date.UTC(2026, 3, 30, 16), to: Date.UTC(2026, 4, 31, 16) };
const APRIL = { from: Date.UTC(2026, 2, 31, 16), to: MAY.from };

function usage(serviceId: string, name: string, extra: Partial<ServiceUsageRow> = {}): ServiceUsageRow {
  return {
    serviceId,
    name,
    slots: 8,
    seatsOffered: 40,
    booked: 30,
    attended: 24,
    noShow: 3,
    cancelled: 5,
    fillRate: 0.75,
    noShowRate: 0.111,
    averageRating: 4.6,
    ratings: 12,
    ...extra,
  };
}

const quiet = usage('s2', '理发', { slots: 0, seatsOffered: 0, booked: 0, attended: 0, noShow: 0, cancelled: 0, fillRate: null, noShowRate: null, averageRating: null, ratings: 0 });

function report(extra: Partial<ContractOutput<typeof serviceStats>> = {}): ReplyFn<'booking.stats'> {
  return (data) => ok({ from: data.from, to: data.to, rows: [usage('s1', '法律咨询'), quiet], truncated: false, ...extra });
}

async function open(reply: Reply<'booking.stats'> = report()) {
  const send = fakeBackend({ 'booking.stats': reply });
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

describe('a staff member sees the usage of each service they run', () => {
  it('shows the counts, the rates as percentages and the average rating with its count', async () => {
    const { page } = await open();
    expect(page.count('.service-row')).toBe(2);
    expect(page.text('#row-s1 .name')).toBe('法律咨询');
    expect(page.text('#row-s1 .slots')).toBe('8');
    expect(page.text('#row-s1 .booked')).toBe('30');
    expect(page.text('#row-s1 .attended')).toBe('24');
    expect(page.text('#row-s1 .no-show')).toBe('3');
    expect(page.text('#row-s1 .cancelled')).toBe('5');
    expect(page.text('#row-s1 .fill')).toBe('75%');
    expect(page.text('#row-s1 .no-show-rate')).toBe('11%');
    expect(page.text('#row-s1 .rating')).toBe('4.6分');
    expect(page.text('#row-s1 .ratings')).toContain('12条');
    expect(page.text('#row-s1')).toContain('40 个名额');
  });

  it('shows — where a rate or rating could not be measured, never 0%', async () => {
    const { page } = await open();
    expect(page.text('#row-s2 .fill')).toBe('—');
    expect(page.text('#row-s2 .no-show-rate')).toBe('—');
    expect(page.text('#row-s2 .rating')).toBe('—');
    expect(page.text('#row-s2')).not.toContain('0%');
  });

  it('keeps in page data only what the rows render', async () => {
    const { page } = await open();
    const rows = page.instance.data.rows as Array<Record<string, unknown>>;
    expect(Object.keys(rows[0]).sort()).toEqual(['attended', 'booked', 'cancelled', 'fill', 'key', 'name', 'noShow', 'noShowRate', 'rating', 'ratings', 'seatsOffered', 'slots']);
  });
});

describe('the report covers the chosen period', () => {
  it('asks for this Beijing month first', async () => {
    const { page, send } = await open();
    expect(sent(send, 'booking.stats')[0].data).toEqual(MAY);
    expect(page.text('#range')).toContain('2026年5月1日 – 5月31日');
  });

  it('asks for last month and the last three months when picked', async () => {
    const { page, send } = await open();
    await page.tap('#period-lastMonth');
    expect(sent(send, 'booking.stats')[1].data).toEqual(APRIL);
    expect(page.text('#range')).toContain('2026年4月1日 – 4月30日');
    await page.tap('#period-last3Months');
    expect(sent(send, 'booking.stats')[2].data).toEqual({ from: Date.UTC(2026, 2, 1) - 8 * 3600_000, to: MAY.to });
  });
});

describe('a period with more records than one report reads', () => {
  it('says the figures are partial', async () => {
    const { page } = await open(report({ truncated: true }));
    expect(page.text('#truncated')).toContain('缩短统计时段');
    expect(page.count('.service-row')).toBe(2);
  });

  it('says nothing when the report is complete', async () => {
    const { page } = await open();
    expect(page.exists('#truncated')).toBe(false);
  });
});

describe('a staff member who runs no service', () => {
  it('is told so', async () => {
    const { page } = await open(report({ rows: [] }));
    expect(page.text('#empty')).toContain('还没有负责的服务');
  });
});

describe('the server refuses', () => {
  it('shows its message and no rows, and retries on request', async () => {
    let refuse = true;
    const { page, send } = await open((d, e) => (refuse ? fail('FORBIDDEN') : report()(d, e)));
    expect(page.text('#error')).toContain('您没有权限进行此操作');
    expect(page.exists('#rows')).toBe(false);
    refuse = false;
    await page.tap('#error .ll-retry');
    expect(sent(send, 'booking.stats')).toHaveLength(2);
    expect(page.exists('#error')).toBe(false);
    expect(page.count('.service-row')).toBe(2);
  });
});

describe('导出表格: usage and bookings as a spreadsheet the phone opens', () => {
  it('exports the period on screen, saves the xlsx and opens it, saying whether names are on it', async () => {
    const send = fakeBackend({ 'booking.stats': report(), 'booking.export': ok({ fileName: 'linli-bookings-2026-05-01.xlsx', base64: 'UEsDBA==', rows: 30, truncated: false, namesShown: false }) });
    const page = render(pageId);
    page.instance.onLoad();
    await flush();
    const w = wxMock as unknown as Record<string, unknown>;
    const writeFileSync = jest.fn();
    w.env = { USER_DATA_PATH: 'wxfile://usr' };
    w.getFileSystemManager = jest.fn(() => ({ writeFileSync }));
    w.openDocument = jest.fn();
    await page.tap('#export-btn');
    expect(sent(send, 'booking.export')[0].data).toEqual(MAY);
    expect(writeFileSync).toHaveBeenCalledWith('wxfile://usr/linli-bookings-2026-05-01.xlsx', 'UEsDBA==', 'base64');
    expect(w.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'xlsx' }));
    expect(page.text('#export-text')).toBe('已导出30条预约（不含预约人姓名）');
  });
});
