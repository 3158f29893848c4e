import type { HoursTotal } from '../../../../miniprogram/core/hours/contract';
import { hoursText } from '../../../../miniprogram/core/volunteer/vocabulary';
import { fromAnchor } from '../../ports/store';
import type { Handler, PrefetchOf } from '../../kernel/action';
import type { HourEntryRecord } from '../volunteer/records';
import { disputeId } from './disputes';
import { toEntryView } from './presenters';

const total = (minutes: number): HoursTotal => ({ minutes, hoursText: hoursText(minutes) });
/** Enough for decades of weekly service; past it the totals say so rather than undercount silently. */
const MAX_PAGES = 50;

/** All of one person's entries, page by page (index: memberId, createdAt). */
export async function allEntries(ctx: Parameters<Handler<'hours.mine'>>[0], memberId: string): Promise<HourEntryRecord[]> {
  const db = ctx.db();
  const out: HourEntryRecord[] = [];
  let after: string | undefined;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page = await db.query('hourEntries', { where: { memberId }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 100, after });
    out.push(...page.items);
    if (!page.next) break;
    after = page.next;
  }
  return out;
}

/**
 * Read with the caller's record: the first page of all their entries (for the totals) and
 * the page of entries shown, asked as below. The disputes are named by the entries shown,
 * so they follow.
 */
export const prefetchMyHours: PrefetchOf<'hours.mine'> = (input, me) => {
  const where = { communityId: fromAnchor('communityId'), memberId: me };
  return {
    all: { collection: 'hourEntries', where, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 100 },
    shown: { collection: 'hourEntries', where, orderBy: { field: 'createdAt', dir: 'desc' }, limit: input.limit, after: input.cursor },
  };
};

/** The verified total is the sum of verified entries, nothing else; pending ones are shown apart. */
export const myHours: Handler<'hours.mine'> = async (ctx) => {
  const db = ctx.db();
  const me = ctx.caller.memberId;
  const entries = await allEntries(ctx, me);
  const verified = entries.filter((e) => e.status === 'verified');
  const sum = (xs: HourEntryRecord[]) => xs.reduce((n, e) => n + e.minutes, 0);
  const teamIds = [...new Set(verified.map((e) => e.teamId))];
  const teams = new Map((await db.getMany('teams', teamIds)).map((t) => [t._id, t.name]));
  const byTeam = teamIds.map((t) => ({ teamName: teams.get(t) ?? '其他', ...total(sum(verified.filter((e) => e.teamId === t))) }));
  const years = [...new Set(verified.map((e) => e.serviceDate.slice(0, 4)))].sort().reverse();
  const byYear = years.map((year) => ({ year, ...total(sum(verified.filter((e) => e.serviceDate.startsWith(year)))) }));
  const page = await db.query('hourEntries', { where: { memberId: me }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: ctx.input.limit, after: ctx.input.cursor });
  // Each entry carries its dispute (deterministic id), so the page shows the answer and no second 有异议.
  const disputes = new Map((await db.getMany('hourDisputes', page.items.map((e) => disputeId(e._id)))).map((d) => [d.entryId, d]));
  const withDispute = (e: HourEntryRecord) => {
    const view = toEntryView(ctx.caller, e);
    const d = disputes.get(e._id);
    if (!d || d.memberId !== me) return view;
    return {
      ...view,
      dispute: { statusLabel: d.status === 'open' ? '异议待答复' : '异议已答复', text: d.text, answer: d.answer },
      allowedActions: view.allowedActions.filter((a) => a !== 'hours.dispute'),
    };
  };
  return {
    verified: total(sum(verified)),
    pending: total(sum(entries.filter((e) => e.status === 'pending'))),
    byTeam,
    byYear,
    entries: page.items.map(withDispute),
    next: page.next,
  };
};
