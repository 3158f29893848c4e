/**
 * 定期评事: the community's monthly report. The sweep issues it on the 1st for the month
 * before (or an admin, for a month already ended); once issued its figures never change — a
 * correction is an addendum beside it. Staff only; no part names a resident.
 */
import { contract } from '../action';
import { z, id, text } from '../schema';
import type { ReportPart } from '../workbench/report';

export const monthKey = z.string({ error: '月份格式应为 2026-11' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 2026-11' });

export interface AddendumView {
  addendumId: string;
  text: string;
  /** Corrected figures, labelled as the part and figure they correct. */
  corrections: { part: string; label: string; text: string }[];
  byName: string;
  at: number;
}

export interface ReportView {
  reportId: string;
  month: string;
  monthLabel: string;
  communityName: string;
  /** When and by whom (「系统（每月1日）」 or an admin's name) it was issued. */
  issuedAt: number;
  issuedBy: string;
  ruleVersion: string;
  /** Below this many cases a rate is hidden with its n. */
  minSample: number;
  parts: ReportPart[];
  addenda: AddendumView[];
}

export interface ReportMonthRow {
  month: string;
  monthLabel: string;
  issued: boolean;
  reportId: string | null;
  issuedAt: number | null;
  addenda: number;
}

export const listReports = contract<{ items: ReportMonthRow[] }>()({
  name: 'report.list',
  summary: '月度评事报告：最近十二个月，已出具或未出具',
  input: z.strictObject({ communityId: id('社区').optional() }),
  roles: ['gridWorker', 'admin', 'subdistrict'],
  scope: '本社区；街道管理员可查看本街道各社区的（须指明社区）'
});

export const getReport = contract<ReportView>()({
  name: 'report.get',
  summary: '查看一份月度评事报告（含补充说明）',
  input: z.strictObject({ month: monthKey, communityId: id('社区').optional() }),
  roles: ['gridWorker', 'admin', 'subdistrict'],
  scope: '本社区的整份报告（只含工作人员姓名，不含居民个人信息）；街道管理员可查看本街道各社区的',
});

export const issueReport = contract<ReportView>()({
  name: 'report.issue',
  summary: '出具一个已结束月份的评事报告（已出具的原样返回）',
  input: z.strictObject({ month: monthKey }),
  roles: ['admin'],
  scope: '本社区；只限已结束的月份',
  idempotent: true,
});

export const addAddendum = contract<ReportView>()({
  name: 'report.addendum',
  summary: '为已出具的报告追加补充说明或更正数字（原报告不变）',
  input: z.strictObject({
    month: monthKey,
    text: text('补充说明', 2, 500),
    corrections: z
      .array(z.strictObject({ part: text('更正的部分', 1, 30), label: text('更正的数字', 1, 30), text: text('更正后的数字', 1, 40) }))
      .max(10, { error: '一次最多更正10个数字' })
      .optional(),
  }),
  roles: ['admin'],
  scope: '本社区已出具的报告',
  idempotent: true,
});

export const exportReport = contract<{ fileName: string; base64: string }>()({
  name: 'report.export',
  summary: '把月度评事报告导出为表格（xlsx）',
  input: z.strictObject({ month: monthKey }),
  roles: ['gridWorker', 'admin'],
  scope: '本社区已出具的报告；每次导出记入审计',
});
