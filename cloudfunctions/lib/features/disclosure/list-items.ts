import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import type { Filter } from '../../ports/store';
import { isStaff } from './permissions';
import { summariesOf } from './presenters';

/**
 * 公开栏: published items newest first, in one category or all; an item being corrected is
 * still listed (its current version is up). Staff also list the drafts — first drafts and
 * corrections — most recently saved first.
 */
export const listItems: Handler<'disclosure.list'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  const drafts = input.when === 'drafts';
  if (drafts && !isStaff(caller)) throw new AppError('FORBIDDEN', '草稿只有社区工作人员可以查看');
  const where: Filter = { state: { $in: drafts ? ['draft', 'correcting'] : ['published', 'correcting'] } };
  if (input.categoryKey) where.categoryKey = input.categoryKey;
  const page = await db.query('disclosureItems', { where, orderBy: { field: drafts ? 'updatedAt' : 'lastPublishedAt', dir: 'desc' }, limit: input.limit, after: input.cursor });
  return { items: await summariesOf(ctx, page.items), ...(page.next ? { next: page.next } : {}) };
};
