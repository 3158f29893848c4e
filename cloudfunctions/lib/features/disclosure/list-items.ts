import type { Handler } from '../../kernel/action';
import { loadCategories } from './catalogue';
import { mayManage, summaryView } from './presenters';

/** The board by category, newest first; staff also list what is being drafted or corrected. */
export const listItems: Handler<'disclosure.list'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  const staff = mayManage(caller);
  const drafts = input.when === 'drafts' && staff;
  if (input.when === 'drafts' && !staff) return { items: [] };
  const where = {
    state: { $in: drafts ? ['draft', 'correcting'] : ['published', 'correcting'] },
    ...(input.categoryKey ? { categoryKey: input.categoryKey } : {}),
  };
  const [page, categories] = await Promise.all([
    db.query('disclosureItems', { where, orderBy: { field: drafts ? 'updatedAt' : 'lastPublishedAt', dir: 'desc' }, limit: input.limit, after: input.cursor }),
    loadCategories(db, ctx.now),
  ]);
  const labels = new Map(categories.map((c) => [c.key, c.label]));
  return { items: page.items.map((i) => summaryView(i, labels.get(i.categoryKey) ?? '', staff)), ...(page.next ? { next: page.next } : {}) };
};
