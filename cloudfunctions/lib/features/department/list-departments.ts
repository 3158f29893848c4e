import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor, type QuerySpec } from '../../ports/store';
import { communityOf } from './directory';
import { toDepartmentView } from './presenters';

/** Directories are short (a dozen units): one page of each source is the whole list. */
const LIMIT = 50;
const OWN: QuerySpec = { where: {}, orderBy: { field: 'createdAt', dir: 'asc' }, limit: LIMIT };

/** The community's own entries go in the round-trip of the caller's record. */
export const prefetchDepartments: PrefetchOf<'department.list'> = () => ({
  own: { collection: 'departments', ...OWN, where: { communityId: fromAnchor('communityId') } },
});

/** The community's own entries, then those shared by other communities of its subdistrict. */
export const listDepartments: Handler<'department.list'> = async (ctx) => {
  const community = await communityOf(ctx);
  const [own, shared] = await Promise.all([
    ctx.db().query('departments', OWN),
    ctx.deps.store.query('departments', { where: { subdistrict: community.subdistrict, shared: true }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: LIMIT }),
  ]);
  const all = [...own.items, ...shared.items.filter((d) => d.communityId !== community.id)].filter((d) => d.active || !ctx.input.activeOnly);
  const contactIds = all.map((d) => d.contactId).filter((x): x is string => !!x);
  const ownerIds = [...new Set(all.map((d) => d.communityId).filter((c) => c !== community.id))];
  const [members, owners] = await Promise.all([ctx.deps.store.getMany('members', contactIds), ctx.deps.store.getMany('communities', ownerIds)]);
  const memberMap = new Map(members.map((m) => [m._id, m]));
  const ownerMap = new Map(owners.map((c) => [c._id, c.name]));
  return { items: all.map((d) => toDepartmentView(ctx.caller, d, memberMap, ownerMap)), truncated: !!own.next || !!shared.next };
};
