import type { EscalationView } from '../../../../miniprogram/core/subdistrict/contract';
import { formatDay } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { communitiesOf } from './communities';

/**
 * 报街道的事项: each community's disclosures overdue long enough to be owed to the subdistrict
 * (the disclosure clock records the step), oldest first. What and since when — no resident.
 */
export const listEscalations: Handler<'subdistrict.escalations'> = async (ctx) => {
  const communities = await communitiesOf(ctx);
  const perCommunity = await Promise.all(
    communities.map(async (c) => {
      const unmet = await ctx.dbFor(c._id).query('disclosureDues', { where: { state: 'due' }, orderBy: { field: 'dueAt', dir: 'asc' }, limit: 100 });
      return unmet.items
        .filter((d) => d.escalation === 'subdistrict')
        .map((d): EscalationView => ({ kind: 'disclosure', communityId: c._id, communityName: c.name, title: d.label, reason: `逾期未公开（应于${formatDay(d.dueAt)}前）`, dueAt: d.dueAt }));
    }),
  );
  return { items: perCommunity.flat().sort((a, b) => a.dueAt - b.dueAt) };
};
