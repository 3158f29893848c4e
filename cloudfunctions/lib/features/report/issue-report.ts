import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { issueMonth } from './issue';
import { viewOf } from './load';
import { monthSpan } from '../../kernel/months';

/**
 * 出具: an admin issues a month that has ended without waiting for the sweep (or re-asks for
 * one already issued, which comes back as it was). Same id as the sweep's, so the two never
 * make two reports.
 */
export const issueReport: Handler<'report.issue'> = async (ctx) => {
  const db = ctx.db();
  if (monthSpan(ctx.input.month).end > ctx.now) throw fieldError('VALIDATION_ERROR', 'month', '这个月还没有结束，结束后才能出具报告');
  const { report } = await issueMonth(db, ctx.features, ctx.input.month, ctx.now, { caller: ctx.caller, name: ctx.caller.name ?? '社区管理员' });
  return viewOf(db, report);
};
