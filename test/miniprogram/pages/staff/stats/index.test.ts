import { fakeBackend, fail, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies, type Reply, type ReplyEnvelope } from '../../../harness';
import type { ContractParsed } from '../../../../../miniprogram/core/action';
import type { concernStats, ConcernStats, ConcernStatsRow } from '../../../../../miniprogram/core/concern/contract';

const pageId = loadPage('staff/stats/index');

// 2026-05-20 10:00 Beijing.
const NOW = Date.UTC(2026, 4, 20, 2, 0);
const MAY = { from: Date.UTC(2026, 3, 30, 16), to: Date.UTC(2026, 4, 31, 16) };

function row(key: string, label: string, extra: Partial<ConcernStatsRow> = {}): ConcernStatsRow {
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
    missedClocks: 0,
    rank: 1,
    ...extra,
  };
}

/** What concern.stats answers for the period and grouping asked. */
function statsOf(data: ContractParsed<typeof concernStats>): ConcernStats {
  return {
    from: data.from,
    to: data.to,
    groupBy: data.groupBy,
    rows: [
      row('g1', '一网格'),
      row('g2', '二网格', { total: 3, responseRate: null, resolutionRate: null, satisfactionRate: null, rated: 0, unrated: 3, medianMinutesToSign: null, medianHoursToResolve: null, rank: undefined }),
    ],
    overall: row('all', '全部', { total: 15, rank: undefined }),
    truncated: false,
  };
}
const stats = (data: ContractParsed<typeof concernStats>): ReplyEnvelope<'concern.stats'> => ok(statsOf(data));

async function open(reply: Reply<'concern.stats'> = stats, more: Replies = {}) {
  const send = fakeBackend({ 'concern.stats': reply, ...more });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

const writeFileSync = jest.fn();
const w = wxMock as unknown as Record<string, unknown>;

let clock: jest.SpyInstance;
beforeEach(() => {
  jest.clearAllMocks();
  clock = jest.spyOn(Date, 'now').mockReturnValue(NOW);
  w.env = { USER_DATA_PATH: 'wxfile://usr' };
  w.getFileSystemManager = jest.fn(() => ({ writeFileSync }));
  w.shareFileMessage = jest.fn();
  writeFileSync.mockImplementation(() => undefined);
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
    const { page } = await open((d) => ok({ ...statsOf(d), truncated: true }));
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

const CSV = '\uFEFF受理编号,分类\r\n20260503-0001,环境卫生\r\n20260504-0002,"噪音,扰民"\r\n';

/** An admin: member.me allows the export, and concern.export answers with `reply`. */
function asAdmin(reply: Reply<'concern.export'> = ok({ csv: CSV, rows: 2, truncated: false })): Replies {
  return { 'member.me': meReply(['concern.stats', 'concern.export']), 'concern.export': reply };
}

describe('the archive export is only offered to those allowed it', () => {
  it('hides the button from a grid worker', async () => {
    const { page, send } = await open(stats, { 'member.me': meReply(['concern.stats']) });
    expect(sent(send, 'member.me')).toHaveLength(1);
    expect(page.exists('#export-btn')).toBe(false);
    expect(page.exists('#row-g1')).toBe(true);
  });

  it('hides it when member.me cannot be read', async () => {
    const { page } = await open(stats, { 'member.me': fail('INTERNAL') });
    expect(page.exists('#export-btn')).toBe(false);
  });

  it('shows it to an admin', async () => {
    const { page } = await open(stats, asAdmin());
    expect(page.text('#export-btn')).toBe('导出归档（CSV）');
  });
});

describe('exporting writes the archive for the period on screen to a file', () => {
  it('saves this month’s CSV as linli-archive-202605.csv and says how many rows', async () => {
    const { page, send } = await open(stats, asAdmin());
    await page.tap('#export-btn');
    expect(sent(send, 'concern.export')[0].data).toEqual(MAY);
    expect(writeFileSync).toHaveBeenCalledTimes(1);
    expect(writeFileSync).toHaveBeenCalledWith('wxfile://usr/linli-archive-202605.csv', CSV, 'utf8');
    expect(page.text('#export-summary')).toContain('已导出2条');
    expect(page.text('#export-summary')).toContain('linli-archive-202605.csv');
    expect(page.exists('#export-truncated')).toBe(false);
    expect(page.exists('#export-error')).toBe(false);
  });

  it('sends the file to a chat', async () => {
    const { page } = await open(stats, asAdmin());
    await page.tap('#export-btn');
    await page.tap('#share-btn');
    expect(w.shareFileMessage).toHaveBeenCalledTimes(1);
    expect((w.shareFileMessage as jest.Mock).mock.calls[0][0]).toMatchObject({
      filePath: 'wxfile://usr/linli-archive-202605.csv',
      fileName: 'linli-archive-202605.csv',
    });
  });

  it('offers no sending where this WeChat cannot send files', async () => {
    delete w.shareFileMessage;
    const { page } = await open(stats, asAdmin());
    await page.tap('#export-btn');
    expect(page.text('#export-summary')).toContain('已导出2条');
    expect(page.exists('#share-btn')).toBe(false);
  });

  it('names a three-month export by its first and last month', async () => {
    const { page, send } = await open(stats, asAdmin());
    await page.tap('#period-last3Months');
    await page.tap('#export-btn');
    expect(sent(send, 'concern.export')[0].data).toEqual({ from: Date.UTC(2026, 2, 1) - 8 * 3600_000, to: MAY.to });
    expect(writeFileSync.mock.calls[0][0]).toBe('wxfile://usr/linli-archive-202603-202605.csv');
  });
});

describe('a truncated export says only part of the period was exported', () => {
  it('shows the count and the note', async () => {
    const { page } = await open(stats, asAdmin(ok({ csv: CSV, rows: 2000, truncated: true })));
    await page.tap('#export-btn');
    expect(page.text('#export-summary')).toContain('已导出2000条');
    expect(page.text('#export-truncated')).toContain('缩短时段');
  });
});

describe('a failed export shows why', () => {
  it('shows the server’s message and writes nothing', async () => {
    const { page } = await open(stats, asAdmin(fail('VALIDATION_ERROR', '导出时段最长一年')));
    await page.tap('#export-btn');
    expect(page.text('#export-error')).toBe('导出时段最长一年');
    expect(writeFileSync).not.toHaveBeenCalled();
    expect(page.exists('#export-summary')).toBe(false);
  });

  it('says so when the phone refuses the file', async () => {
    writeFileSync.mockImplementation(() => {
      throw new Error('writeFileSync:fail the maximum size of the file storage limit is exceeded');
    });
    const { page } = await open(stats, asAdmin());
    await page.tap('#export-btn');
    expect(page.text('#export-error')).toContain('没能保存');
    expect(page.exists('#export-summary')).toBe(false);
    expect(page.exists('#share-btn')).toBe(false);
  });
});

describe('the archive and the open items as a spreadsheet the phone opens', () => {
  it('asks for xlsx, saves it as binary and opens it in WeChat’s viewer', async () => {
    const reply = (data: { kind?: string }) => ok({ csv: '', rows: 2, truncated: false, fileName: `linli-${data.kind}-2026-05-01.xlsx`, base64: 'UEsDBA==' });
    const { page, send } = await open(stats, asAdmin(reply as never));
    w.openDocument = jest.fn();
    await page.tap('#export-xlsx-btn');
    expect(sent(send, 'concern.export')[0].data).toEqual({ ...MAY, format: 'xlsx', kind: 'archive' });
    expect(writeFileSync).toHaveBeenCalledWith('wxfile://usr/linli-archive-2026-05-01.xlsx', 'UEsDBA==', 'base64');
    expect(w.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://usr/linli-archive-2026-05-01.xlsx', fileType: 'xlsx' }));
    await page.tap('#export-open-btn');
    expect(sent(send, 'concern.export')[1].data).toEqual({ ...MAY, format: 'xlsx', kind: 'open' });
    expect(page.text('#export-summary')).toContain('linli-open-2026-05-01.xlsx');
  });
});
