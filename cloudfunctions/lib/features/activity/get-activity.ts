import type { Handler } from '../../kernel/action';
import { activityView, loadActivity } from './load';

/** The detail page: shifts, roles with seats left and requirements, and the caller's own sign-ups. */
export const getActivity: Handler<'activity.get'> = async (ctx) => {
  const { a } = await loadActivity(ctx, ctx.input.activityId);
  return activityView(ctx, a);
};
