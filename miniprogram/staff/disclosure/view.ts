/**
 * The few strings the staff 居务公开 pages render from disclosure views, so the calendar, the
 * lists, the draft form and the review word a due, a period and a flag the same way.
 */
import type { DraftView, DueView, FlagView, ItemSummaryView, OnTimeRate, QuestionView } from '../../core/disclosure/contract';
import type { ErrorBody } from '../../core/errors';
import { reconciliationText } from '../../core/disclosure/finance';
import { periodLabel, SUBDISTRICT_AFTER_DAYS, type Cadence, type Period } from '../../core/disclosure/vocabulary';
import { clockText } from '../../services/date-strip';
import { dateText, timeLeftText } from '../../services/dates';
import type { Tone } from '../../services/view';

const OFFSET_MS = 8 * 3600 * 1000;

// ------------------------------------------------------------------------------- calendar

/**
 * A deadline as a person says it. Periodic dues fall at midnight after their last day
 * (「16日 00:00」 means 「15日 included」): that is said 「10月15日」; a deadline with an hour
 * (24 hours after a resolution) keeps it.
 */
export function deadlineText(at: number, now: number = Date.now()): string {
  if (clockText(at) !== '00:00') return dateText(at, now);
  return dateText(at - 60_000, now).replace(/ \d{2}:\d{2}$/, '');
}

export interface DueRow {
  dueId: string;
  label: string;
  whenText: string;
  stateText: string;
  tone: Tone | 'danger';
  /** Who has been told it is late, in words; '' while nobody needs to be. */
  escalationText: string;
  itemId: string;
  categoryKey: string;
}

/**
 * An overdue disclosure goes to the committee at once and, a week on, is owed to the
 * subdistrict. No subdistrict account exists yet: the page says it is recorded, not sent.
 */
export function escalationText(d: Pick<DueView, 'escalation' | 'state'>): string {
  if (d.state === 'met') return '';
  if (d.escalation === 'subdistrict') return `逾期超过${SUBDISTRICT_AFTER_DAYS}天，应报街道（已记录在案，街道端开通后送达）`;
  if (d.escalation === 'committee') return '已告知居务监督委员会';
  return '';
}

export function dueRow(d: DueView, now: number = Date.now()): DueRow {
  let stateText: string;
  let tone: DueRow['tone'];
  let whenText: string;
  if (d.state === 'met') {
    stateText = d.onTime ? '按时公开' : '逾期公开';
    tone = d.onTime ? 'done' : 'todo';
    whenText = d.metAt ? `${dateText(d.metAt, now)} 公开（最迟 ${deadlineText(d.dueAt, now)}）` : `最迟 ${deadlineText(d.dueAt, now)}`;
  } else if (d.overdue || d.dueAt <= now) {
    stateText = '已逾期';
    tone = 'danger';
    whenText = `最迟应在 ${deadlineText(d.dueAt, now)} 公开`;
  } else {
    stateText = '待公开';
    tone = 'todo';
    whenText = `最迟 ${deadlineText(d.dueAt, now)} 公开（${timeLeftText(d.dueAt, false, now).text}）`;
  }
  return { dueId: d.dueId, label: d.label, whenText, stateText, tone, escalationText: escalationText(d), itemId: d.itemId ?? '', categoryKey: d.categoryKey };
}

export interface DueGroup {
  categoryKey: string;
  categoryLabel: string;
  /** 「2项待公开」; '' when everything in it is published. */
  openText: string;
  rows: DueRow[];
}

/** The month's dues by category, in the order the calendar gives them. */
export function dueGroups(dues: readonly DueView[], now: number = Date.now()): DueGroup[] {
  const groups: DueGroup[] = [];
  for (const d of dues) {
    let g = groups.find((x) => x.categoryKey === d.categoryKey);
    if (!g) {
      g = { categoryKey: d.categoryKey, categoryLabel: d.categoryLabel, openText: '', rows: [] };
      groups.push(g);
    }
    g.rows.push(dueRow(d, now));
  }
  for (const g of groups) {
    const open = g.rows.filter((r) => r.stateText === '待公开' || r.stateText === '已逾期').length;
    g.openText = open > 0 ? `${open}项待公开` : '';
  }
  return groups;
}

/** What the workbench says: 「3项待公开，1项已逾期」; '' when nothing is waiting. */
export function openDuesText(dues: readonly DueView[], now: number = Date.now()): { count: number; text: string } {
  const open = dues.filter((d) => d.state === 'due');
  const late = open.filter((d) => d.overdue || d.dueAt <= now).length;
  if (open.length === 0) return { count: 0, text: '' };
  return { count: open.length, text: late > 0 ? `${open.length}项待公开，${late}项已逾期` : `${open.length}项待公开` };
}

export function rateLines(rate: OnTimeRate): { rateText: string; countsText: string } {
  return { rateText: rate.rateText, countsText: rate.due > 0 ? `按时公开${rate.onTime}项，应公开${rate.due}项` : '' };
}

/** 「2026-10」 ± n months. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function monthKey(now: number): string {
  const d = new Date(now + OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function monthText(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

// ---------------------------------------------------------------------------------- lists

export interface ItemRow {
  itemId: string;
  title: string;
  meta: string;
  stateLabel: string;
  tone: Tone;
  objectionText: string;
  questionText: string;
  whenText: string;
}

export function itemRow(i: ItemSummaryView, now: number = Date.now()): ItemRow {
  return {
    itemId: i.itemId,
    title: i.title,
    meta: [i.categoryLabel, i.periodLabel, i.versionNumber > 1 ? `第${i.versionNumber}版` : ''].filter(Boolean).join(' · '),
    stateLabel: i.stateLabel,
    tone: i.state === 'published' ? 'done' : i.state === 'correcting' ? 'doing' : 'todo',
    objectionText: i.openObjections > 0 ? `${i.openObjections}条异议待答复` : '',
    questionText: i.openQuestions > 0 ? `${i.openQuestions}个提问待答复` : '',
    whenText: i.publishedAt ? `${dateText(i.publishedAt, now)} 公开` : '',
  };
}

export interface QuestionRow {
  questionId: string;
  itemId: string;
  itemTitle: string;
  text: string;
  askerText: string;
  askedText: string;
  dueText: string;
  late: boolean;
}

export function questionRow(q: QuestionView, now: number = Date.now()): QuestionRow {
  const left = timeLeftText(q.dueAt, q.overdue, now);
  return {
    questionId: q.questionId,
    itemId: q.itemId,
    itemTitle: q.itemTitle,
    text: q.text,
    askerText: q.askerText,
    askedText: `${dateText(q.askedAt, now)} 提问`,
    dueText: left.late ? `已超过答复期限（${deadlineText(q.dueAt, now)}），已抄送居务监督委员会` : `最迟 ${deadlineText(q.dueAt, now)} 答复（${left.text}）`,
    late: left.late,
  };
}

// -------------------------------------------------------------------------------- periods

export const QUARTER_LABELS = ['第一季度', '第二季度', '第三季度', '第四季度'];
export const MONTH_LABELS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/** What kind of period a cadence asks for: periodic ones a quarter or a month, others a date (or none). */
export function periodKindFor(cadence: Cadence): 'quarter' | 'month' | 'date' {
  return cadence.kind === 'quarterly' ? 'quarter' : cadence.kind === 'monthly' ? 'month' : 'date';
}

/**
 * The period a new item most likely covers: the quarter or month that ended last (what the
 * calendar is chasing), or today for an item published as things happen.
 */
export function defaultPeriod(cadence: Cadence, now: number): Period {
  const d = new Date(now + OFFSET_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (cadence.kind === 'quarterly') {
    const q = Math.floor(m / 3);
    return q === 0 ? { kind: 'quarter', year: y - 1, quarter: 4 } : { kind: 'quarter', year: y, quarter: q as 1 | 2 | 3 };
  }
  if (cadence.kind === 'monthly') return m === 0 ? { kind: 'month', year: y - 1, month: 12 } : { kind: 'month', year: y, month: m };
  const pad = (n: number) => String(n).padStart(2, '0');
  return { kind: 'date', date: `${y}-${pad(m + 1)}-${pad(d.getUTCDate())}` };
}

/** The years offered: this one and the three before (books are published after the fact). */
export function yearChoices(now: number, including?: number): number[] {
  const y = new Date(now + OFFSET_MS).getUTCFullYear();
  const years = [y - 3, y - 2, y - 1, y];
  if (including !== undefined && !years.includes(including)) years.push(including);
  return years.sort((a, b) => a - b);
}

export { periodLabel };

// ---------------------------------------------------------------------------------- flags

export interface FlagRow {
  flagId: string;
  kindLabel: string;
  fieldLabel: string;
  before: string;
  text: string;
  after: string;
  suggestion: string;
  /** The decision shown: the server's, or the one chosen here and not yet saved. */
  decision: 'mask' | 'keep' | '';
  reason: string;
  /** 「王书记：遮盖」 for a saved decision. */
  decidedText: string;
  changed: boolean;
  /** The review form's message for this flag (a keep without a reason). */
  error: string;
}

export function flagRow(f: FlagView): FlagRow {
  return {
    flagId: f.flagId,
    kindLabel: f.kindLabel,
    fieldLabel: f.fieldLabel,
    before: f.before,
    text: f.text,
    after: f.after,
    suggestion: f.suggestion,
    decision: f.decision ?? '',
    reason: f.reason ?? '',
    decidedText: f.decision && f.decidedByName ? `${f.decidedByName}已决定${f.decision === 'mask' ? '遮盖' : `保留（${f.reason ?? ''}）`}` : '',
    changed: false,
    error: '',
  };
}

/**
 * Why 公开 cannot be pressed yet, in the order a reviewer fixes them; empty when it can.
 * The server checks the same and more (and says so if it refuses); these two are the ones
 * a reviewer works through on this page.
 */
export function publishBlocks(draft: Pick<DraftView, 'unresolved' | 'finance' | 'reconciliation'>, unsaved: number): string[] {
  const out: string[] = [];
  if (unsaved > 0) out.push(`有${unsaved}处处理结果还没保存，请先点「保存审核结果」`);
  if (draft.unresolved > 0) out.push(`还有${draft.unresolved}处个人信息未处理，逐项选择遮盖或保留后才能公开`);
  if (draft.finance && draft.reconciliation && !draft.reconciliation.ok) out.push(`财务收支不平衡：${reconciliationText(draft.finance)}`);
  return out;
}

// --------------------------------------------------------------------------------- errors

/**
 * The field messages of an error under `prefix`, keyed by the rest of the path
 * (`finance.income.2.amountFen` → `income.2.amountFen`), first message per path. For the
 * editors nested in a form, whose rows pick their own messages out of it. Like the form's own
 * field messages, also a NOT_FOUND naming a row (「…不是本社区的成员」).
 */
export function issuesUnder(error: ErrorBody, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (error.code !== 'VALIDATION_ERROR' && error.code !== 'NOT_FOUND') return out;
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return out;
  for (const issue of issues) {
    const i = issue as { path?: unknown; message?: unknown };
    if (typeof i.path !== 'string' || typeof i.message !== 'string') continue;
    if (i.path === prefix) out[''] ??= i.message;
    else if (i.path.startsWith(`${prefix}.`)) out[i.path.slice(prefix.length + 1)] ??= i.message;
  }
  return out;
}

/**
 * The first message for row `i` of `list` in issues keyed like `income.2.label`, by its field;
 * `list` '' when the issues are already those of the list (`2.label`).
 */
export function rowIssues(issues: Record<string, string>, list: string, i: number): Record<string, string> {
  const out: Record<string, string> = {};
  const head = list ? `${list}.${i}.` : `${i}.`;
  for (const [path, message] of Object.entries(issues)) if (path.startsWith(head)) out[path.slice(head.length).split('.')[0]] ??= message;
  return out;
}
