import type { ReportView } from '../../../../miniprogram/core/report/contract';
import { formatDateTime } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { workbookBase64, type SheetBlock, type SheetSpec } from '../../kernel/xlsx';
import { reportSubject } from './ids';
import { requireReport, viewOf } from './load';

/** The report as printed: a heading, each part's figures (with numerator and denominator) and its table, then the addenda. */
export function reportSheets(v: ReportView): SheetSpec[] {
  const blocks: SheetBlock[] = [
    {
      title: `${v.communityName} ${v.monthLabel} 定期评事报告`,
      note: `出具：${formatDateTime(v.issuedAt)} ${v.issuedBy}。口径 ${v.ruleVersion}；样本少于${v.minSample}件的比率不显示。报告出具后数字不再改动，更正见文末补充说明。`,
      rows: [],
    },
  ];
  for (const p of v.parts) {
    blocks.push({ title: p.title, header: ['指标', '结果', '数值（分子）', '分母'], rows: p.figures.map((f) => [f.label, f.text, f.value, f.of ?? '']) });
    if (p.table && p.table.rows.length) blocks.push({ header: p.table.columns, rows: p.table.rows });
  }
  if (v.addenda.length) {
    blocks.push({
      title: '补充说明',
      header: ['时间', '说明人', '说明', '更正'],
      rows: v.addenda.map((a) => [formatDateTime(a.at), a.byName, a.text, a.corrections.map((c) => `${c.part}·${c.label}：${c.text}`).join('；')]),
    });
  }
  return [{ name: `${v.monthLabel}评事报告`, blocks, widths: [22, 22, 14, 14, 14] }];
}

/** 导出表格: the issued report as xlsx, for the phone (wx.openDocument) or the subdistrict. Audited. */
export const exportReport: Handler<'report.export'> = async (ctx) => {
  const db = ctx.db();
  const report = await requireReport(db, ctx.input.month);
  const base64 = await workbookBase64(reportSheets(await viewOf(db, report)));
  await appendEvent(db, ctx.caller, { key: ctx.deps.ids.random('e'), subject: reportSubject(report._id), type: 'report.exported', to: 'xlsx', public: false, note: `${report.month}评事报告`, at: ctx.now });
  return { fileName: `linli-report-${report.month}.xlsx`, base64 };
};
