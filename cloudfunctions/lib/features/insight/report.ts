/**
 * 定期评事's 'cases' part: 未诉先办 cases opened (proposed) in the month, and the decisions and
 * closings recorded in it, read from the cases proposed in the month and the two before it
 * (a case decided more than two months after its proposal is not counted here); and the
 * month's 每月一题 with its milestones.
 */
import type { ReportFigure, ReportMonth, ReportPart } from '../../../../miniprogram/core/workbench/report';
import { formatDay } from '../../../../miniprogram/core/format';
import type { ScopedStore } from '../../kernel/scoped-store';
import { topicIdFor } from './ids';
import { monthStart, shiftMonth } from './months';
import type { InsightCaseRecord } from './records';

const PAGES = 10;

export async function insightMonthlyReport(db: ScopedStore, month: ReportMonth, now: number): Promise<ReportPart[]> {
  void now;
  const from = monthStart(shiftMonth(month.month, 2));
  const cases: InsightCaseRecord[] = [];
  let after: string | undefined;
  let truncated = false;
  for (let page = 0; page < PAGES; page += 1) {
    const batch = await db.query('insightCases', { where: { proposedAt: { $gte: from, $lt: month.end } }, orderBy: { field: 'proposedAt', dir: 'asc' }, limit: 100, after });
    cases.push(...batch.items);
    after = batch.next;
    if (!after) break;
    if (page === PAGES - 1) truncated = true;
  }
  const inMonth = (t: number | null | undefined) => t != null && t >= month.start && t < month.end;
  const drill = '/staff/cases/index';
  const count = (label: string, n: number): ReportFigure => ({ label, value: n, text: `${n}${truncated ? '+' : ''}`, drill });
  const opened = cases.filter((c) => inMonth(c.proposedAt));
  const accepted = cases.filter((c) => c.decision && c.decision.kind !== 'dismiss' && inMonth(c.decision.at));
  const dismissed = cases.filter((c) => c.decision?.kind === 'dismiss' && inMonth(c.decision.at));
  const closed = cases.filter((c) => inMonth(c.closed?.at));
  const figures: ReportFigure[] = [count('新提示案例', opened.length), count('立项', accepted.length), count('不予立项', dismissed.length), count('办结', closed.length)];
  const topic = await db.get('monthlyTopics', topicIdFor(db.communityId, month.month));
  const part: ReportPart = { key: 'cases', title: '未诉先办与每月一题', figures };
  if (topic) {
    const done = topic.milestones.filter((m) => m.doneAt !== null).length;
    figures.push({ label: `每月一题：${topic.title}`, value: done, of: topic.milestones.length, text: `${done}/${topic.milestones.length}个节点完成`, drill: '/staff/insights/index' });
    part.table = {
      columns: ['节点', '期限', '完成'],
      rows: topic.milestones.map((m) => [m.title, formatDay(m.dueAt), m.doneAt === null ? '未完成' : formatDay(m.doneAt)]),
    };
  }
  return [part];
}
