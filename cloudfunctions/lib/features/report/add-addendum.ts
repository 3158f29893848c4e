import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { addendumIdFor, reportSubject } from './ids';
import { requireReport, viewOf } from './load';

/**
 * 补充说明: a correction is appended, with who and when; the report's own figures stay as
 * issued, so what was reported and what was corrected are both on the record.
 */
export const addAddendum: Handler<'report.addendum'> = async (ctx) => {
  const db = ctx.db();
  const report = await requireReport(db, ctx.input.month);
  await checkWritten(ctx, { text: ctx.input.text });
  const _id = addendumIdFor(report._id, ctx.caller.memberId, ctx.idempotencyKey ?? '');
  const inserted = await db.insert('reportAddenda', {
    _id, communityId: db.communityId, reportId: report._id, text: ctx.input.text, corrections: ctx.input.corrections ?? [],
    byId: ctx.caller.memberId, byName: ctx.caller.name ?? '社区管理员', at: ctx.now,
  });
  if (inserted) await appendEvent(db, ctx.caller, { key: _id, subject: reportSubject(report._id), type: 'report.addendum', public: false, note: ctx.input.text.slice(0, 40), at: ctx.now });
  return viewOf(db, report);
};
