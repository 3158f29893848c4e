import type { ReportView } from '../../../../miniprogram/core/report/contract';

/** An issued November report as the server answers it. */
export function reportView(over: Partial<ReportView> = {}): ReportView {
  return {
    reportId: 'rpt_demo_2026-11',
    month: '2026-11',
    monthLabel: '2026年11月',
    communityName: '幸福里社区',
    issuedAt: Date.UTC(2026, 10, 30, 16, 30),
    issuedBy: '系统（每月1日自动出具）',
    ruleVersion: 'report-2026.1',
    minSample: 10,
    parts: [
      {
        key: 'rates',
        title: '三率（按网格）',
        figures: [
          { label: '诉求总数', value: 15, text: '15件' },
          { label: '响应率', value: 13, of: 15, text: '13/15（86%）' },
          { label: '解决率', value: 2, of: 3, text: '样本不足（n=3）' },
        ],
        table: { columns: ['网格', '诉求数', '响应率', '解决率', '满意率'], rows: [['第一网格', '12', '10/12（83%）', '8/12（66%）', '7/10（70%）'], ['第二网格', '3', '样本不足（n=3）', '样本不足（n=1）', '样本不足（n=1）']] },
      },
      { key: 'hours', title: '志愿服务时长（本月核验）', figures: [{ label: '核验时长（分钟）', value: 225, text: '3.8小时' }], table: { columns: ['服务队', '时长', '条目', '人数'], rows: [] } },
    ],
    addenda: [],
    ...over,
  };
}
