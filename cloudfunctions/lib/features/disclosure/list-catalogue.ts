import type { CategoryView } from '../../../../miniprogram/core/disclosure/contract';
import { cadenceText } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { Handler } from '../../kernel/action';
import { loadCategories } from './catalogue';
import type { CategoryRecord } from './records';

export function categoryView(c: CategoryRecord): CategoryView {
  return { key: c.key, label: c.label, cadence: c.cadence, cadenceText: cadenceText(c.cadence), builtin: c.builtin, publishedCount: c.publishedCount, latest: c.latest };
}

/** 公开目录: every category with how often it is due and its latest publication. */
export const listCatalogue: Handler<'disclosure.catalogue'> = async (ctx) => ({ categories: (await loadCategories(ctx.db(), ctx.now)).map(categoryView) });
