import type { MyData } from '../../../../miniprogram/core/privacy/contract';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import type { ExportContext } from '../../kernel/feature';
import type { CollectionName, RecordOf } from '../../ports/store';

/** Per list; a person with more is told to ask the community for the rest. */
const CAP = 500;

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
      const page = await ctx.db().query(collection, { where: where as never, orderBy: { field, dir: 'desc' }, limit: 100, after });
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
