import type { EscalationView } from '../../../../miniprogram/core/subdistrict/contract';
import { formatDay } from '../../../../miniprogram/core/format';
import type { Handler, HandlerContext } from '../../kernel/action';
import type { CommunityRecord } from '../community/records';
import type { DepartmentRecord } from '../department/records';
import { communitiesOf } from './communities';
import type { DueRecord as DisclosureDueRecord } from '../disclosure/records';
import { MAX_READ_PARTS } from '../../ports/store';

/** Per community, at most this many of each kind: a list to act on, not an archive. */
const PER_COMMUNITY = 100;

/** A community's disclosures still due, oldest deadline first (its own index). */
const duesOf = (communityId: string) => ({ where: { communityId, state: 'due' }, orderBy: { field: 'dueAt', dir: 'asc' as const }, limit: PER_COMMUNITY });

function overdueDisclosures(c: CommunityRecord, unmet: readonly DisclosureDueRecord[]): EscalationView[] {
  return unmet
    .filter((d) => d.communityId === c._id && d.escalation === 'subdistrict')
    .map((d) => ({ kind: 'disclosure', communityId: c._id, communityName: c.name, title: d.label, reason: `逾期未公开（应于${formatDay(d.dueAt)}前）`, dueAt: d.dueAt }));
}

/** Concerns whistled to one 街道科室 and still waiting on it: the number and the deadline, never the words. */
async function waitingOn(ctx: HandlerContext<unknown>, d: DepartmentRecord, names: ReadonlyMap<string, string>): Promise<EscalationView[]> {
  const page = await ctx.deps.store.query('concerns', { where: { 'whistle.departmentId': d._id }, orderBy: { field: 'whistle.dueAt', dir: 'asc' }, limit: PER_COMMUNITY });
  return page.items
    .filter((c) => c.status === 'coordinating' && c.whistle?.departmentId === d._id && names.has(c.communityId))
    .map((c) => ({
      kind: 'whistle',
      communityId: c.communityId,
      communityName: names.get(c.communityId) ?? '',
      title: `吹哨：${d.name}`,
      reason: `诉求${c.number}，${c.whistle!.dueAt < ctx.now ? '已超过' : '应于'}${formatDay(c.whistle!.dueAt)}${c.whistle!.dueAt < ctx.now ? '的回复期限' : '前回复'}`,
      dueAt: c.whistle!.dueAt,
    }));
}

/**
 * 报街道的事项, oldest deadline first: each community's disclosures overdue long enough to be
 * owed to the subdistrict (the disclosure clock records the step), and the concerns whistled
 * to a 街道科室 — the community's own entry or one shared across the subdistrict — still open.
 * What and since when; no resident, no words.
 */
export const listEscalations: Handler<'subdistrict.escalations'> = async (ctx) => {
  const communities = await communitiesOf(ctx);
  if (!communities.length) return { items: [] };
  const names = new Map(communities.map((c) => [c._id, c.name]));
  const store = ctx.deps.store;
  const offices = async (c: CommunityRecord) =>
    (await store.query('departments', { where: { communityId: c._id }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: PER_COMMUNITY })).items;
  const sharedSpec = { where: { subdistrict: ctx.deps.config.subdistrict.name, shared: true }, orderBy: { field: 'createdAt', dir: 'asc' as const }, limit: PER_COMMUNITY };
  // The offices and the communities' overdue disclosures need nothing from each other: one
  // round-trip. A 街道 admin has no record to anchor it on: the first community does, and the
  // shared offices (reference data, which the gathering store would send on their own) ride
  // in it beside the first communities' dues; the rest gather as usual, each community's own
  // offices come from the instance's reference cache.
  const firstDues = communities.slice(0, MAX_READ_PARTS - 1);
  const together = await Promise.all([
    store.readTogether({ collection: 'communities', id: communities[0]._id }, {
      shared: { collection: 'departments', ...sharedSpec },
      ...Object.fromEntries(firstDues.map((c, i) => [`dues${i}`, { collection: 'disclosureDues', ...duesOf(c._id) }])),
    }),
    Promise.all(communities.map(offices)).then((lists) => lists.flat()),
    Promise.all(communities.slice(firstDues.length).map((c) => store.query('disclosureDues', duesOf(c._id)).then((p) => p.items))),
  ]);
  const [{ parts }, own, laterDues] = together;
  // The anchor gone meanwhile (the adapter then reads nothing): each read on its own.
  const [shared, earlyDues] = parts
    ? [(parts.shared?.items ?? []) as DepartmentRecord[], firstDues.map((_, i) => (parts[`dues${i}`]?.items ?? []) as DisclosureDueRecord[])]
    : await Promise.all([
      store.query('departments', sharedSpec).then((p) => p.items),
      Promise.all(firstDues.map((c) => store.query('disclosureDues', duesOf(c._id)).then((p) => p.items))),
    ]);
  const dues = [...earlyDues, ...laterDues];
  const overdue = communities.map((c, i) => overdueDisclosures(c, dues[i]));
  const streetOffices = [...new Map([...own, ...shared].filter((d) => d.kind === 'subdistrictOffice' && d.active).map((d) => [d._id, d])).values()];
  const found = [...overdue, ...(await Promise.all(streetOffices.map((d) => waitingOn(ctx, d, names))))];
  return { items: found.flat().sort((a, b) => a.dueAt - b.dueAt) };
};
