import type { MyData } from '../../../../miniprogram/core/privacy/contract';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import type { ExportContext } from '../../kernel/feature';
import { fromAnchor, type CollectionName, type ReadPart, type RecordOf } from '../../ports/store';

/** Per list; a person with more is told to ask the community for the rest. */
const CAP = 500;
/** Each page `all` asks for. */
const PAGE = 100;

/** The first page `all` asks for: one shape, so a prefetched part answers it. */
const firstPage = (field: string) => ({ orderBy: { field, dir: 'desc' as const }, limit: PAGE });

/**
 * The reads of the hooks whose reads follow one another (会议: five lists in turn, then the
 * meetings' titles; 活动: its sign-ups, then the activities' titles, then attendance), read
 * with the caller's member record: each of those steps is then answered without a round-trip
 * and the chains finish in the waves the other hooks need anyway. Each part is exactly the
 * first page the hook's `all` asks (same filter, order and size; the caller's community from
 * the record): a hook that asks otherwise is read from the database, as without this.
 */
export const prefetchExport: PrefetchOf<'privacy.export'> = (_input, me) => {
  const part = (collection: CollectionName, where: Record<string, string>, field: string): ReadPart => ({
    collection,
    where: { communityId: fromAnchor('communityId'), ...where },
    ...firstPage(field),
  });
  return {
    registrations: part('meetingRegistrations', { memberId: me }, 'at'),
    came: part('meetingAttendance', { memberId: me }, 'at'),
    stoodIn: part('meetingAttendance', { agentId: me }, 'at'),
    proxiesGiven: part('meetingProxies', { principalMemberId: me }, 'createdAt'),
    proxiesHeld: part('meetingProxies', { agentMemberId: me }, 'createdAt'),
    signups: part('signups', { memberId: me }, 'endAt'),
    teams: part('teamMembers', { memberId: me }, 'joinedAt'),
    ballots: part('ballots', { voterId: me }, 'at'),
  };
};

/**
 * "Download my data": every feature's share of the caller's records (each feature names
 * the fields it hands out, see `personalData` in its manifest), audited and rate-limited.
 */
export const exportMyData: Handler<'privacy.export'> = async (ctx) => {
  const memberId = ctx.caller.memberId;
  const all = async <C extends CollectionName>(collection: C, where: Record<string, unknown>, field: string) => {
    if (!ctx.caller.communityId) return { items: [] as RecordOf<C>[], truncated: false };
    const items: RecordOf<C>[] = [];
    let after: string | undefined;
    do {
      const page = await ctx.db().query(collection, { where: where as never, ...firstPage(field), after });
      items.push(...page.items);
      after = page.next;
    } while (after && items.length < CAP);
    return { items: items.slice(0, CAP), truncated: !!after };
  };
  const x: ExportContext = { ctx, memberId, all };
  const parts = await Promise.all(ctx.features.personalData.map((p) => p.export(x)));
  if (ctx.caller.communityId) {
    await appendEvent(ctx.db(), ctx.caller, { key: ctx.deps.ids.random('e'), subject: `member:${memberId}`, type: 'privacy.exported', public: false, at: ctx.now });
  }
  const sections = Object.assign({}, ...parts.map((p) => p.sections)) as Omit<MyData, 'exportedAt' | 'truncated'>;
  return { exportedAt: ctx.now, ...sections, truncated: parts.some((p) => p.truncated) };
};
