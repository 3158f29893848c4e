import { CHECK_METHOD_LABELS } from '../../../../miniprogram/core/volunteer/vocabulary';
import { ENTRY_FLAG_LABELS } from '../../../../miniprogram/core/volunteer/check-in-contract';
import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';

/** The person's check-ins as recorded; the device hash means nothing to them and stays out. */
export const attendancePersonalData: PersonalData = {
  collections: ['attendance', 'attendanceDevices'],
  async export({ all, memberId }) {
    const { items, truncated } = await all('attendance', { memberId }, 'inAt');
    const attendance = items.map((a) => ({
      activityId: a.activityId,
      inAt: a.inAt,
      inMethod: CHECK_METHOD_LABELS[a.inMethod],
      outAt: a.outAt,
      outMethod: a.outMethod ? CHECK_METHOD_LABELS[a.outMethod] : null,
      reason: a.reason,
      flags: a.flags.map((f) => ENTRY_FLAG_LABELS[f]),
    }));
    return { sections: { attendance }, truncated };
  },
  // Attendance stays for the activity's sign-in sheet, pointing at nobody; device claims go.
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('attendance', { memberId: member._id }, 'inAt', (a) => db.update('attendance', a._id, { memberId: anonymousId, deviceKey: null }));
    await db.drain('attendanceDevices', { memberId: member._id }, 'at', (d) => db.remove('attendanceDevices', d._id));
  },
};
