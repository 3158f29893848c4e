import { call } from '../../services/api';
import { activityRoster, getActivity, type ActivityView, type RosterEntry, type RosterView } from '../../core/volunteer/contract';
import { whenText } from '../../services/volunteer-view';
import { instanceState } from '../../services/page-state';
import { allows } from '../../services/view';

interface RoleGroup {
  key: string;
  name: string;
  seatsText: string;
  booked: Array<{ key: string; name: string }>;
}
interface ShiftGroup {
  shiftId: string;
  label: string;
  whenText: string;
  bookedCount: number;
  roles: RoleGroup[];
  offers: Array<{ key: string; name: string; roleName: string }>;
  waiting: Array<{ key: string; name: string; roleName: string; positionText: string }>;
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { shift?: string }>;

const state = instanceState(() => ({ activityId: '' }));

/**
 * Per shift and role: who is booked, by name (never a phone or an ID number); the offers
 * waiting for a confirmation; the waitlist in its order — apart, so nobody waiting is read
 * as attending. Each shift opens the live check-in screen; the sign-in sheet is exported
 * from the records page.
 */
export function shiftGroups(a: ActivityView, r: RosterView, now: number): ShiftGroup[] {
  const key = (e: RosterEntry) => e.signupId;
  return a.shifts.map((sh, i) => {
    const booked = r.attendees.filter((e) => e.shiftId === sh.shiftId);
    const waiting = r.waitlist.filter((e) => e.shiftId === sh.shiftId);
    return {
      shiftId: sh.shiftId,
      label: `班次${i + 1}`,
      whenText: whenText(sh.startAt, sh.endAt, now),
      bookedCount: booked.length,
      roles: sh.roles.map((role) => {
        const people = booked.filter((e) => e.roleName === role.name);
        return { key: `${sh.shiftId}-${role.roleId}`, name: role.name, seatsText: `已报名${people.length}人，共${role.seats}个名额`, booked: people.map((e) => ({ key: key(e), name: e.name })) };
      }),
      offers: waiting.filter((e) => e.status === 'offered').map((e) => ({ key: key(e), name: e.name, roleName: e.roleName })),
      waiting: waiting
        .filter((e) => e.status === 'waitlisted')
        .map((e, n) => ({ key: key(e), name: e.name, roleName: e.roleName, positionText: `候补第${e.position ?? n + 1}位` })),
    };
  });
}

Component({
  data: {
    loading: true,
    error: '',
    title: '',
    statusLabel: '',
    canEdit: false,
    shifts: [] as ShiftGroup[],
    total: 0,
    waitingTotal: 0,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).activityId = query.activityId ? decodeURIComponent(query.activityId) : '';
      void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      const id = state(this).activityId;
      this.setData({ loading: true, error: '' });
      const [a, r] = await Promise.all([call(getActivity, { activityId: id }), call(activityRoster, { activityId: id })]);
      if (!a.ok || !r.ok) {
        this.setData({ loading: false, error: (!a.ok ? a.error : !r.ok ? r.error : { message: '' }).message || '加载失败' });
        return;
      }
      this.setData({
        loading: false,
        title: a.data.title,
        statusLabel: a.data.statusLabel,
        canEdit: allows(a.data.allowedActions, 'activity.upsert', 'activity.cancel'),
        shifts: shiftGroups(a.data, r.data, Date.now()),
        total: r.data.attendees.length,
        waitingTotal: r.data.waitlist.length,
      });
    },
    openCheckIn(e: Tap) {
      const shift = e.currentTarget.dataset.shift;
      if (!shift) return;
      const id = encodeURIComponent(state(this).activityId);
      wx.navigateTo({ url: `/staff/activity-checkin/index?activityId=${id}&shiftId=${encodeURIComponent(shift)}` });
    },
    openSheet() {
      wx.navigateTo({ url: `/staff/volunteer-records/index?activityId=${encodeURIComponent(state(this).activityId)}` });
    },
    openEdit() {
      wx.navigateTo({ url: `/staff/activity-edit/index?activityId=${encodeURIComponent(state(this).activityId)}` });
    },
  },
});
