import { fakeBackend, fail, flush, loadPage, ok, render, sent } from '../../../harness';

const pageId = loadPage('staff/stats/index');

// 2026-05-20 10:00 Beijing.
const NOW = Date.UTC(2026, 4, 20, 2, 0);
const MAY = { from: Date.UTC(2026, 3, 30, 16), to: Date.UTC(2026, 4, 31, 16) };

function row(key: string, label: string, extra: Record<string, unknown> = {}) {
  return {
    key,
    label,
    total: 12,
    responseRate: 0.9167,
    resolutionRate: 0.75,
    satisfactionRate: 0.8,
    rated: 10,
    unrated: 2,
    medianMinutesToSign: 95,
    medianHoursToResolve: 30,
    rank: 1,
    ...extra,
  };
}

function stats(data: Record<string, unknown>) {
  const groupBy = (data.groupBy as string) ?? 'grid';
  return ok({
    from: data.from,
    to: data.to,
    groupBy,
    rows: [
      row('g1', '一网格'),
      row('g2', '二网格', { total: 3, responseRate: null, resolutionRate: null, satisfactionRate: null, rated: 0, unrated: 3, medianMinutesToSign: null, medianHoursToResolve: null, rank: undefined }),
    ],
    overall: row('all', '全部', { total: 15, rank: undefined }),
    truncated: false,
  });
}

async function open(reply: Parameters<typeof fakeBackend>[0][string] = stats) {
  const send = fakeBackend({ 'concern.stats': reply });
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

describe('a staff member opens the statistics', () => {
  it('asks for this Beijing month grouped by grid', async () => {
    const { page, send } = await open();
    expect(sent(send, 'concern.stats')[0].data).toEqual({ ...MAY, groupBy: 'grid' });
    expect(page.text('#range')).toContain('2026年5月1日 – 5月31日');
  });

  it('shows the three rates as percentages and the medians as durations', async () => {
    const { page } = await open();
    const first = page.text('#row-g1');
    expect(first).toContain('一网格');
    expect(first).toContain('第1名');
    expect(first).toContain('92%');
    expect(first).toContain('75%');
    expect(first).toContain('80%');
    expect(first).toContain('1小时35分');
    expect(first).toContain('1天6小时');
    expect(page.text('#overall-response')).toBe('92%');
  });

  it('shows — where nothing could be measured, never 0%', async () => {
    const { page } = await open();
    const second = page.text('#row-g2');
    expect(second).not.toContain('0%');
    expect(page.count('#row-g2 .response')).toBe(1);
    expect(page.text('#row-g2 .response')).toBe('—');
    expect(page.text('#row-g2 .satisfaction')).toBe('—');
    expect(page.text('#row-g2 .to-sign')).toBe('—');
    expect(page.text('#row-g2 .rank')).toBe('—');
  });

  it('says when the period held more than one report reads', async () => {
    const { page } = await open((d) => {
      const res = stats(d) as { ok: true; data: Record<string, unknown> };
      return ok({ ...res.data, truncated: true });
    });
    expect(page.text('#truncated')).toContain('缩短统计时段');
  });

  it('shows the server’s message when refused', async () => {
    const { page } = await open(fail('FORBIDDEN'));
    expect(page.text('#error')).toContain('您没有权限进行此操作');
  });
});

describe('changing the period and the grouping', () => {
  it('asks for last month and then by worker', async () => {
    const { page, send } = await open();
    await page.tap('#period-lastMonth');
    expect(sent(send, 'concern.stats')[1].data).toEqual({ from: Date.UTC(2026, 2, 31, 16), to: MAY.from, groupBy: 'grid' });
    await page.tap('#group-worker');
    expect(sent(send, 'concern.stats')[2].data).toMatchObject({ groupBy: 'worker', to: MAY.from });
  });

  it('asks for the last three months as whole months', async () => {
    const { page, send } = await open();
    await page.tap('#period-last3Months');
    expect(sent(send, 'concern.stats')[1].data).toMatchObject({ from: Date.UTC(2026, 2, 1) - 8 * 3600_000, to: MAY.to });
  });
});
