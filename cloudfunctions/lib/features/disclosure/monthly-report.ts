/**
 * 定期评事, 居务公开's part: the month's 公开及时率 (`onTimeRate`, the calendar's own figure —
 * published on time ÷ due, over the dues that fell in the month) and each due's outcome.
 */
import { formatDay } from '../../../../miniprogram/core/format';
import type { ReportMonth, ReportPart } from '../../../../miniprogram/core/workbench/report';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { onTimeRate } from './get-calendar';
import type { DueRecord } from './records';

/** The calendar reads a month's dues up to this many; so does the report. */
const MAX_DUES = 200;

function outcome(d: DueRecord, now: number): string {
  if (d.state === 'met') return d.onTime ? '按时公开' : '逾期后公开';
  return d.dueAt < now ? '逾期未公开' : '未到期';
}

export function disclosurePart(month: string, dues: readonly DueRecord[], now: number): ReportPart {
  const rate = onTimeRate(month, dues, now);
  return {
    key: 'disclosure',
    title: '居务公开及时率',
    figures: [{ label: '公开及时率', value: rate.onTime, of: rate.due, text: rate.rateText}],
    table: { columns: ['公开事项', '应公开日期', '结果'], rows: dues.filter((d) => d.month === month).map((d) => [d.label, formatDay(d.dueAt), outcome(d, now)]) },
  };
}

export async function disclosureMonthlyReport(db: ScopedStore, month: ReportMonth, now: number): Promise<ReportPart[]> {
  return [disclosurePart(month.month, await everyPage(db, 'disclosureDues', { month: month.month }, 'dueAt', MAX_DUES), now)];
}
