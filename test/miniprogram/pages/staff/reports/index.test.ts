/** 定期评事: the last twelve months, issued or not; an admin issues an ended month at once. */
import { fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock } from '../../../harness';
import type { ReportMonthRow } from '../../../../../miniprogram/core/report/contract';
import { reportView } from '../report-fixtures';

const pageId = loadPage('staff/reports/index');

const rows: ReportMonthRow[] = [
  { month: '2026-11', monthLabel: '2026年11月', issued: false, reportId: null, issuedAt: null, addenda: 0 },
  { month: '2026-10', monthLabel: '2026年10月', issued: true, reportId: 'rpt_demo_2026-10', issuedAt: Date.UTC(2026, 9, 31, 16, 30), addenda: 1 },
];

async function open(allowed: string[]) {
  const send = fakeBackend({ 'report.list': ok({ items: rows }), 'member.me': meReply(allowed as never), 'report.issue': ok(reportView()) });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('a staff member opens 定期评事', () => {
  it('lists each month as issued (when, and its addenda) or not, and opens an issued one', async () => {
    const { page } = await open(['report.list', 'report.get']);
    expect(page.text('#month-2026-10')).toContain('2026年10月');
    expect(page.text('#month-2026-10')).toContain('补充说明1条');
    expect(page.text('#month-2026-11')).toContain('未出具');
    // A grid worker cannot issue: no button.
    expect(page.exists('#issue-2026-11')).toBe(false);
    await page.tap('#month-2026-10 .ll-cell-arrow');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/report/index?month=2026-10' });
  });
});

describe('an admin issues an ended month', () => {
  it('sends report.issue with an idempotency key and opens the report', async () => {
    const { page, send } = await open(['report.list', 'report.issue']);
    await page.tap('#issue-2026-11');
    const issued = sent(send, 'report.issue');
    expect(issued).toHaveLength(1);
    expect(issued[0].data).toEqual({ month: '2026-11' });
    expect(issued[0].idempotencyKey).toEqual(expect.any(String));
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/report/index?month=2026-11' });
  });
});
