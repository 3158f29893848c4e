import type { Handler, PrefetchOf } from '../../kernel/action';
import { volunteerIdFor } from '../volunteer/rules';
import { activityView, loadActivity } from './load';

/**
 * Read with the caller's record: the activity and the caller's volunteer record. Its seat
 * pools and the caller's sign-ups are named by the activity's shifts, so they follow.
 */
export const prefetchActivity: PrefetchOf<'activity.get'> = (input, me) => ({
  activity: { collection: 'activities', id: input.activityId },
  volunteer: { collection: 'volunteers', id: volunteerIdFor(me) },
});

/** Read with the caller's record: the activity an organiser's step (publish, cancel) changes. */
export const prefetchActivityOnly = (input: { activityId: string }) => ({ activity: { collection: 'activities', id: input.activityId } });

/** The detail page: shifts, roles with seats left and requirements, and the caller's own sign-ups. */
export const getActivity: Handler<'activity.get'> = async (ctx) => {
  const { a } = await loadActivity(ctx, ctx.input.activityId);
  return activityView(ctx, a);
};
