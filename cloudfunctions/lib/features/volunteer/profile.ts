import type { Handler } from '../../kernel/action';
import { toVolunteerView } from './presenters';
import { volunteerIdFor } from './rules';

/** The caller's own volunteer record, or null before they register. */
export const volunteerProfile: Handler<'volunteer.profile'> = async (ctx) => {
  if (!ctx.caller.communityId) return { volunteer: null };
  const v = await ctx.db().get('volunteers', volunteerIdFor(ctx.caller.memberId));
  return { volunteer: v ? toVolunteerView(ctx.caller, v) : null };
};
