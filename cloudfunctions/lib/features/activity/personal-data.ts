import { SIGNUP_STATUS_LABELS } from '../../../../miniprogram/core/volunteer/vocabulary';
import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { agendaIdFor } from './ids';
import { attendancePersonalData } from './attendance-personal-data';

/** The person's sign-ups as they saw them; the agenda (times held) goes with the account. */
const signupPersonalData: PersonalData = {
  collections: ['signups'],
  async export({ ctx, all, memberId }) {
    const { items, truncated } = await all('signups', { memberId }, 'endAt');
    const activities = ctx.caller.communityId ? await ctx.db().getMany('activities', [...new Set(items.map((s) => s.activityId))].slice(0, 100)) : [];
    const titles = new Map(activities.map((a) => [a._id, a.title]));
    const signups = items.map((s) => ({ activity: titles.get(s.activityId) ?? '', startAt: s.startAt, endAt: s.endAt, status: SIGNUP_STATUS_LABELS[s.status], withdrawReason: s.withdrawReason, signedUpAt: s.createdAt }));
    return { sections: { volunteerSignups: signups }, truncated };
  },
  // Sign-ups stay for the activity's figures, pointing at nobody.
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('signups', { memberId: member._id }, 'endAt', (s) => db.update('signups', s._id, { memberId: anonymousId }));
    await db.remove('volunteerAgendas', agendaIdFor(member._id));
  },
};

/** Sign-ups and attendance together: one feature, one export section each. */
export const activityPersonalData: PersonalData = {
  collections: [...signupPersonalData.collections, ...attendancePersonalData.collections],
  async export(x) {
    const [signups, attendance] = [await signupPersonalData.export(x), await attendancePersonalData.export(x)];
    return { sections: { ...signups.sections, ...attendance.sections }, truncated: signups.truncated || attendance.truncated };
  },
  async erase(deps, member, anonymousId, now) {
    await signupPersonalData.erase(deps, member, anonymousId, now);
    await attendancePersonalData.erase(deps, member, anonymousId, now);
  },
};
