/**
 * 今日待办 for a grid worker: the care households of their grids (elderly, special care) not
 * heard from for CARE_CONTACT_DAYS, longest silent first. Every other household silent for
 * NO_CONTACT_DAYS is on the coverage page, not here: finding those reads the whole grid's
 * contacts (measured: 8 s and 122 reads at 10k concerns a community), which a list opened
 * every morning cannot pay. Admins see coverage per grid on its page.
 */
import { CARE_CONTACT_DAYS, CARE_FLAG_LABELS } from '../../../../miniprogram/core/visit/contract';
import { TODAY_KIND_LABELS, type TodayRow } from '../../../../miniprogram/core/workbench/today';
import type { HandlerContext } from '../../kernel/action';
import { hasRole, isIdentified } from '../../kernel/caller';
import { TODAY_ROWS_PER_FEATURE } from '../../kernel/feature';
import { DAY } from '../../kernel/time';
import { bySilence, careHouseholds, contactReason, isCare, silentFor, type GridHousehold } from './coverage';

export async function visitToday(ctx: HandlerContext<unknown>): Promise<TodayRow[]> {
  const { caller, now } = ctx;
  if (!isIdentified(caller) || !hasRole(caller, 'gridWorker') || !caller.gridIds.length) return [];
  const db = ctx.db();
  const grids = await Promise.all(caller.gridIds.map((g) => careHouseholds(db, g, now)));
  const due = grids
    .flat()
    .filter((g) => isCare(g) && silentFor(g, now, CARE_CONTACT_DAYS))
    .sort(bySilence)
    .slice(0, TODAY_ROWS_PER_FEATURE);
  return due.map((g) => row(g, now));
}

function row(g: GridHousehold, now: number): TodayRow {
  const flags = [g.care?.elderly ? CARE_FLAG_LABELS.elderly : '', g.care?.specialCare ? CARE_FLAG_LABELS.specialCare : ''].filter(Boolean).join('、');
  const query = `householdId=${encodeURIComponent(g.household._id)}&label=${encodeURIComponent(g.address)}`;
  return {
    key: `visit:${g.household._id}`,
    kind: 'visit',
    kindLabel: TODAY_KIND_LABELS.visit,
    title: `${g.address}（${flags}）`,
    reason: contactReason(g, now),
    // When it fell due; a household silent past the look-back has no known date.
    dueAt: g.sinceAt === null ? null : g.sinceAt + CARE_CONTACT_DAYS * DAY,
    overdue: true,
    open: { label: '走访', page: `/staff/visit-log/index?${query}` },
  };
}
