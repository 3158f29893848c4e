/**
 * 今日待办's 居务公开 rows: obligations of the calendar due within DUE_AHEAD_DAYS or past due
 * (for the admins: only an admin publishes), and residents' questions open within
 * QUESTION_AHEAD_DAYS of their deadline or past it (for staff who answer them: admins the
 * community's, a grid worker those asked from households of their grids). The asker is
 * named as the question list names them (masked).
 */
import type { TodayRow } from '../../../../miniprogram/core/workbench/today';
import type { HandlerContext } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import type { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../kernel/time';
import { clockText, pageOf, todayRow } from '../workbench/rows';
import { askerText } from './questions';
import type { QuestionRecord } from './records';

export const DUE_AHEAD_DAYS = 3;
export const QUESTION_AHEAD_DAYS = 2;
const WORDS = { left: '到期', past: '逾期' };
const EXCERPT = 24;

async function dueRows(db: ScopedStore, now: number): Promise<TodayRow[]> {
  const page = await db.query('disclosureDues', { where: { state: 'due', dueAt: { $lte: now + DUE_AHEAD_DAYS * DAY } }, orderBy: { field: 'dueAt', dir: 'asc' }, limit: TODAY_ROWS_PER_FEATURE });
  return page.items.map((d) =>
    todayRow('disclosureDue', d._id, {
      title: d.label,
      reason: `${d.itemId ? '草稿待公开' : '尚未起草'}，${clockText(d.dueAt, now, WORDS)}`,
      dueAt: d.dueAt,
      overdue: d.dueAt <= now,
      // A drafted due opens its draft; one nobody drafted yet, the calendar.
      open: d.itemId ? { label: '审核公开', page: pageOf(d.itemId, '/staff/disclosure-review/index') } : { label: '起草', page: '/staff/disclosure/index?tab=calendar' },
    }),
  );
}

/** The grids a question's household lies in, for a grid worker's share of them: two reads for the page. */
async function inGrids(db: ScopedStore, questions: QuestionRecord[], gridIds: readonly string[]): Promise<QuestionRecord[]> {
  const households = new Map((await db.getMany('households', [...new Set(questions.flatMap((q) => (q.householdId ? [q.householdId] : [])))])).map((x) => [x._id, x]));
  const buildings = new Map((await db.getMany('buildings', [...new Set([...households.values()].map((x) => x.buildingId))])).map((b) => [b._id, b]));
  return questions.filter((q) => {
    const building = q.householdId ? buildings.get(households.get(q.householdId)?.buildingId ?? '') : undefined;
    return !!building?.gridId && gridIds.includes(building.gridId);
  });
}

async function questionRows(db: ScopedStore, admin: boolean, gridIds: readonly string[], now: number): Promise<TodayRow[]> {
  const page = await db.query('disclosureQuestions', { where: { state: 'open', dueAt: { $lte: now + QUESTION_AHEAD_DAYS * DAY } }, orderBy: { field: 'dueAt', dir: 'asc' }, limit: TODAY_ROWS_PER_FEATURE });
  const mine = admin ? page.items : await inGrids(db, page.items, gridIds);
  return mine.map((q) => {
    const words = [...q.text];
    return todayRow('question', q._id, {
      title: `「${q.itemTitle}」${askerText(q.askerName)}问：${words.slice(0, EXCERPT).join('')}${words.length > EXCERPT ? '…' : ''}`,
      reason: `答复${clockText(q.dueAt, now, WORDS)}`,
      dueAt: q.dueAt,
      overdue: q.dueAt <= now,
      open: { label: '答复', page: pageOf(q.itemId, '/staff/disclosure-review/index') },
    });
  });
}

export async function disclosureToday(ctx: HandlerContext<unknown>): Promise<TodayRow[]> {
  const { caller, now } = ctx;
  if (!hasRole(caller, 'gridWorker', 'admin')) return [];
  const db = ctx.db();
  const admin = hasRole(caller, 'admin');
  const [dues, questions] = await Promise.all([admin ? dueRows(db, now) : Promise.resolve([]), admin || caller.gridIds.length ? questionRows(db, admin, caller.gridIds, now) : Promise.resolve([])]);
  return [...dues, ...questions];
}
