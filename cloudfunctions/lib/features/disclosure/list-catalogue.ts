import type { Handler } from '../../kernel/action';
import { categoriesOf, categoryView } from './catalogue';

/** 公开目录: every category in its order, with how often it is due and what was last published. */
export const listCatalogue: Handler<'disclosure.catalogue'> = async (ctx) => ({
  categories: (await categoriesOf(ctx.db(), ctx.now)).map(categoryView),
});
