/**
 * 今日待办 for a grid worker: the households of their grids due a contact — elderly and
 * special-care ones not heard from for CARE_CONTACT_DAYS, any household for NO_CONTACT_DAYS
 * — longest silent first. Admins see coverage per grid on its page instead: a community's
 * every silent household is not one person's day.
 */
import { CARE_CONTACT_DAYS, CARE_FLAG_LABELS, NO_CONTACT_DAYS } from '../../../../miniprogram/core/visit/contract';
import { TODAY_KIND_LABELS, type TodayRow } from '../../../../miniprogram/core/workbench/today';
import type { HandlerContext } from '../../kernel/action';
import { hasRole, isIdentified } from '../../kernel/caller';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import { DAY } from '../../kernel/time';
import { bySilence, contactReason, gridHouseholds, isCare, silentFor, type GridHousehold } from './coverage';

export async function visitToday(ctx: HandlerContext<unknown>): Promise<TodayRow[]> {
  const { caller, now } = ctx;
  if (!isIdentified(caller) || !hasRole(caller, 'gridWorker') || !caller.gridIds.length) return [];
  const db = ctx.db();
  const grids = await Promise.all(caller.gridIds.map((g) => gridHouseholds(db, g, now)));
  const due = grids
    .flat()
    .filter((g) => (isCare(g) && silentFor(g, now, CARE_CONTACT_DAYS)) || silentFor(g, now, NO_CONTACT_DAYS))
    .sort(bySilence)
    .slice(0, TODAY_ROWS_PER_FEATURE);
  return due.map((g) => row(g, now));
}

function row(g: GridHousehold, now: number): TodayRow {
  const care = isCare(g);
  const flags = [g.care?.elderly ? CARE_FLAG_LABELS.elderly : '', g.care?.specialCare ? CARE_FLAG_LABELS.specialCare : ''].filter(Boolean).join('、');
  const threshold = care ? CARE_CONTACT_DAYS : NO_CONTACT_DAYS;
  const query = `householdId=${encodeURIComponent(g.household._id)}&label=${encodeURIComponent(g.address)}`;
  return {
    key: `visit:${g.household._id}`,
    kind: 'visit',
    kindLabel: TODAY_KIND_LABELS.visit,
    title: care ? `${g.address}（${flags}）` : g.address,
    reason: contactReason(g, now),
    // When it fell due; a household silent past the look-back has no known date.
    dueAt: g.sinceAt === null ? null : g.sinceAt + threshold * DAY,
    overdue: true,
    open: { label: '走访', page: `/staff/visit-log/index?${query}` },
  };
}
