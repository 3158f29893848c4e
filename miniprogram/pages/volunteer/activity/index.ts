import { call } from '../../../services/api';
import { getActivity, signUp, type ActivityView } from '../../../core/volunteer/contract';
import { clockText, stripDay } from '../../../services/date-strip';
import { formSubmit } from '../../../services/form-submit';
import { allows } from '../../../services/view';
import { shiftRows, signupRow, whenText, type ShiftRow, type SignupRow } from '../../../services/volunteer-view';

const signUpForm = formSubmit(signUp, { fields: ['shiftId', 'roleId'] as const, keys: { message: 'message', busy: 'sending' } });

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { shift?: string; role?: string }>;

Component({
  data: {
    activityId: '',
    loaded: false,
    loadError: '',
    title: '',
    teamName: '',
    place: '',
    description: '',
    whenText: '',
    statusLabel: '',
    deadlineText: '',
    insuredText: '',
    cancelledReason: '',
    shifts: [] as ShiftRow[],
    mine: [] as SignupRow[],
    canSignUp: false,
    canRoster: false,
    needsRegistration: false,
    message: '',
    messageKey: '',
    sending: false,
    errors: { shiftId: '', roleId: '' },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ activityId: query.activityId ?? '' });
    },
    onShow() {
      void this.load();
    },
    async load() {
      const res = await call(getActivity, { activityId: this.data.activityId });
      if (!res.ok) {
        this.setData({ loaded: true, loadError: res.error.message });
        return;
      }
      this.show(res.data);
    },
    show(a: ActivityView) {
      const now = Date.now();
      this.setData({
        loaded: true,
        loadError: '',
        title: a.title,
        teamName: a.teamName,
        place: a.place,
        description: a.description,
        whenText: whenText(a.startAt, a.endAt, now),
        statusLabel: a.statusLabel,
        deadlineText: `报名截止：${stripDay(a.signupDeadline, now).label} ${clockText(a.signupDeadline)}`,
        insuredText: a.risky ? (a.insured ? '本活动已为志愿者购买意外保险' : '') : '',
        cancelledReason: a.cancelledReason ?? '',
        shifts: shiftRows(a, now),
        mine: a.mine.map((s) => signupRow(s, now)),
        canSignUp: allows(a.allowedActions, 'activity.signup'),
        canRoster: allows(a.allowedActions, 'activity.roster'),
        // Published and open, but the caller cannot sign up: most often not yet registered.
        needsRegistration: a.status === 'published' && !allows(a.allowedActions, 'activity.signup') && a.signupDeadline > now,
      });
    },
    async take(e: Tap) {
      const { shift, role } = e.currentTarget.dataset;
      if (!shift || !role) return;
      this.setData({ messageKey: `${shift}-${role}` });
      const res = await signUpForm(this).submit({ activityId: this.data.activityId, shiftId: shift, roleId: role });
      if (!res) return;
      if (!res.ok) {
        // Field errors (age, skill, overlap) read best next to the role tapped.
        const issue = (res.error.details as { issues?: Array<{ message: string }> } | undefined)?.issues?.[0];
        this.setData({ message: issue?.message ?? res.error.message });
        return;
      }
      wx.showToast({ title: res.data.status === 'booked' ? '报名成功' : '已加入候补', icon: 'success' });
      await this.load();
    },
    register() {
      wx.navigateTo({ url: '/pages/volunteer/register/index' });
    },
    goMine() {
      wx.navigateTo({ url: '/pages/volunteer/signups/index' });
    },
  },
});
