import type { EscalationView } from '../../../../miniprogram/core/subdistrict/contract';
import { formatDay } from '../../../../miniprogram/core/format';
import type { Handler, HandlerContext } from '../../kernel/action';
import type { CommunityRecord } from '../community/records';
import type { DepartmentRecord } from '../department/records';
import { communitiesOf } from './communities';

/** Per community, at most this many of each kind: a list to act on, not an archive. */
const PER_COMMUNITY = 100;

async function overdueDisclosures(ctx: HandlerContext<unknown>, c: CommunityRecord): Promise<EscalationView[]> {
  const unmet = await ctx.dbFor(c._id).query('disclosureDues', { where: { state: 'due' }, orderBy: { field: 'dueAt', dir: 'asc' }, limit: PER_COMMUNITY });
  return unmet.items
    .filter((d) => d.escalation === 'subdistrict')
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
  const names = new Map(communities.map((c) => [c._id, c.name]));
  const offices = async (c: CommunityRecord) =>
    (await ctx.deps.store.query('departments', { where: { communityId: c._id }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: PER_COMMUNITY })).items;
  // The offices and the communities' overdue disclosures need nothing from each other: one wave.
  const [shared, own, overdue] = await Promise.all([
    ctx.deps.store.query('departments', { where: { subdistrict: ctx.deps.config.subdistrict.name, shared: true }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: PER_COMMUNITY }).then((p) => p.items),
    Promise.all(communities.map(offices)).then((lists) => lists.flat()),
    Promise.all(communities.map((c) => overdueDisclosures(ctx, c))),
  ]);
  const streetOffices = [...new Map([...own, ...shared].filter((d) => d.kind === 'subdistrictOffice' && d.active).map((d) => [d._id, d])).values()];
  const found = [...overdue, ...(await Promise.all(streetOffices.map((d) => waitingOn(ctx, d, names))))];
  return { items: found.flat().sort((a, b) => a.dueAt - b.dueAt) };
};
