import type { Handler } from '../../kernel/action';
import { toCommitteeView } from './presenters';
import { allTerms } from './roles';

/** 本届居务监督委员会: everyone in the community may read who supervises its affairs. */
export const getCommittee: Handler<'supervision.committee'> = async (ctx) => {
  return toCommitteeView(ctx.caller, await allTerms(ctx.db()), ctx.now);
};
