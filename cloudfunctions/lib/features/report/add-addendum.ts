import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { addendumIdFor, reportSubject } from './ids';
import { MAX_ADDENDA, requireReport, viewOf } from './load';
import type { ReportAddendumEntry } from './records';
import { AppError } from '../../../../miniprogram/core/errors';
import { op } from '../../ports/store';

/**
 * 补充说明: a correction is appended, with who and when; the report's own figures stay as
 * issued, so what was reported and what was corrected are both on the record.
 */
export const addAddendum: Handler<'report.addendum'> = async (ctx) => {
  const db = ctx.db();
  const report = await requireReport(db, ctx.input.month);
  await checkWritten(ctx, { text: ctx.input.text });
  const _id = addendumIdFor(report._id, ctx.caller.memberId, ctx.idempotencyKey ?? '');
  const entry: ReportAddendumEntry = { text: ctx.input.text, corrections: ctx.input.corrections ?? [], byId: ctx.caller.memberId, byName: ctx.caller.name ?? '社区管理员', at: ctx.now };
  let shown = report;
  if (report.addenda) {
    if (Object.keys(report.addenda).length >= MAX_ADDENDA && !report.addenda[_id]) throw new AppError('CLOSED', `一份报告最多${MAX_ADDENDA}条补充说明`);
    // Added once: a retry (same caller, same key) finds its entry there and adds nothing.
    const added = await db.update('reports', report._id, { [`addenda.${_id}`]: entry, addendaCount: op.inc(1) }, { [`addenda.${_id}`]: { $exists: false } });
    if (added) shown = { ...report, addenda: { ...report.addenda, [_id]: entry }, addendaCount: (report.addendaCount ?? 0) + 1 };
  } else {
    await db.insert('reportAddenda', { _id, communityId: db.communityId, reportId: report._id, ...entry });
  }
  // Written on every call, the retry's included: its event id is the addendum's, so a second insert is a no-op
  // and an addendum whose first call died before its event still gets one.
  await appendEvent(db, ctx.caller, { key: _id, subject: reportSubject(report._id), type: 'report.addendum', public: false, note: ctx.input.text.slice(0, 40), at: ctx.now });
  return viewOf(db, shown);
};
