/**
 * What a draft must be before it goes up, each refusal naming the field a form shows it at:
 * a period the category's cadence asks for, a finance table where the category is 财务收支
 * and one that reconciles wherever there is a table, every flag of the privacy gate decided,
 * and a reason on a correction. Pure: the publish handler and the staff view share it.
 */
import { reconcile, reconciliationText } from '../../../../miniprogram/core/disclosure/finance';
import type { Cadence, Period } from '../../../../miniprogram/core/disclosure/vocabulary';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { unresolvedFlags } from './gate';
import type { CategoryRecord, DraftRecord } from './records';

/** A quarterly category is published per quarter, a monthly one per month. */
export function periodProblem(cadence: Cadence, period: Period): string | null {
  if (cadence.kind === 'quarterly' && period.kind !== 'quarter') return '本类别按季度公开，请选择公开的季度';
  if (cadence.kind === 'monthly' && period.kind !== 'month') return '本类别按月公开，请选择公开的月份';
  return null;
}

/** The first thing that keeps the draft from being published, as the error to answer with. */
export function publishProblem(draft: DraftRecord, category: CategoryRecord, correcting: boolean): AppError | null {
  const period = periodProblem(category.cadence, draft.period);
  if (period) return fieldError('VALIDATION_ERROR', 'period', period);
  if (category.key === 'finance' && !draft.finance) return fieldError('VALIDATION_ERROR', 'finance', '财务收支公开须填写收支表：期初余额、收入、支出和期末余额');
  if (draft.finance && !reconcile(draft.finance).ok) return fieldError('VALIDATION_ERROR', 'finance.closingFen', `收支不平衡，不能公开：${reconciliationText(draft.finance)}`);
  const open = unresolvedFlags(draft.flags);
  if (open > 0) {
    const message = `还有${open}处个人信息未处理，请逐项选择遮盖或保留后再公开`;
    return new AppError('VALIDATION_ERROR', message, { issues: [{ path: 'flags', message }], flagIds: draft.flags.filter((f) => f.decision === null).map((f) => f.flagId) });
  }
  if (correcting && !draft.correctionReason) return fieldError('VALIDATION_ERROR', 'correctionReason', '更正须写明原因');
  return null;
}

type Content = Pick<DraftRecord, 'categoryKey' | 'title' | 'period' | 'body' | 'finance' | 'relief' | 'attachments' | 'links'>;

/** Whether a save would write what the draft already holds (a retried save). */
export function sameContent(a: Content, b: Content): boolean {
  const pick = (c: Content) => JSON.stringify([c.categoryKey, c.title, c.period, c.body, c.finance, c.relief, c.attachments, c.links]);
  return pick(a) === pick(b);
}
