import { fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';

/**
 * Whose reports a read is about: staff read their own community's (a `communityId` naming
 * another is refused); the subdistrict admin names one of the subdistrict's communities —
 * a report holds counts, rates and staff names, nothing of a resident.
 */
export async function reportsOf(ctx: HandlerContext<{ communityId?: string }>): Promise<ScopedStore> {
  const asked = ctx.input.communityId;
  if (hasRole(ctx.caller, 'subdistrict') && !ctx.caller.communityId) {
    if (!asked) throw fieldError('VALIDATION_ERROR', 'communityId', '请选择社区');
    const c = await ctx.deps.store.get('communities', asked);
    if (!c || !c.active || c.subdistrict !== ctx.deps.config.subdistrict.name) throw fieldError('NOT_FOUND', 'communityId', '本街道没有这个社区');
    return ctx.dbFor(asked);
  }
  const db = ctx.db();
  if (asked && asked !== db.communityId) throw fieldError('NOT_FOUND', 'communityId', '没有找到这个社区的报告');
  return db;
}
