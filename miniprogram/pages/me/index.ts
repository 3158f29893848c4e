import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { dateText } from '../../services/dates';
import { allows, BINDING_STATUS_LABELS, formatAddress, roleText } from '../../services/view';
import { setPhone } from '../../core/privacy/contract';
import { refreshBadge, setStaffBadge } from '../../services/badge';
import { formSubmit } from '../../services/form-submit';

type PhoneEvent = WechatMiniprogram.CustomEvent<{ code?: string; errMsg?: string }>;

const phoneForm = formSubmit(setPhone, { fields: [], keys: { errors: 'phoneErrors', message: 'phoneError', busy: 'phoneSaving' } });

interface PendingView {
  statusLabel: string;
  address: string;
  createdText: string;
  reason: string;
  waiting: boolean;
}

Component({
  data: {
    loaded: false,
    error: '',
    name: '',
    roles: '',
    communityName: '',
    address: '',
    pending: null as PendingView | null,
    canBind: false,
    canWork: false,
    canSubdistrict: false,
    canAdminJoin: false,
    canDepartment: false,
    canDirectory: false,
    canList: false,
    canBookings: false,
    /** 我的住户: 搬离 / 更换住户 / 修改姓名. */
    canHousehold: false,
    /** Unread messages as the badge shows them: '' none, '5', '99+'. */
    unread: '',
    phone: '',
    canPhone: false,
    phoneSaving: false,
    phoneError: '',
  },
  methods: {
    onShow() {
      void this.load();
      void this.loadUnread();
    },
    async loadUnread() {
      const text = await refreshBadge(wx);
      if (text !== null && text !== this.data.unread) this.setData({ unread: text });
    },
    async load() {
      const res = await call(getMe, {});
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      const me = res.data;
      const p = me.pendingRequest;
      this.setData({
        loaded: true,
        error: '',
        name: me.name ?? '',
        // Staff booking on a resident's behalf (代办) asks for this number.
        roles: roleText(me.roles),
        communityName: me.community?.name ?? '',
        address: me.household ? formatAddress(me.household) : '',
        pending: p
          ? {
              statusLabel: BINDING_STATUS_LABELS[p.status] ?? p.status,
              address: formatAddress(p),
              createdText: dateText(p.createdAt),
              reason: p.reason ?? '',
              waiting: p.status === 'pending',
            }
          : null,
        canBind: allows(me.allowedActions, 'member.requestBinding', 'member.redeemInvite'),
        canWork: allows(me.allowedActions, 'concern.queue', 'member.listRequests'),
        // A department's contact lands here; someone not yet anyone in the community may join as one.
        canDepartment: allows(me.allowedActions, 'department.queue') || (allows(me.allowedActions, 'department.redeemCode') && !allows(me.allowedActions, 'concern.queue', 'concern.listMine')),
        canDirectory: allows(me.allowedActions, 'department.upsert'),
        canSubdistrict: allows(me.allowedActions, 'subdistrict.overview'),
        // Someone not yet anyone in a community: the 街道's admin code makes them a new community's admin.
        canAdminJoin: allows(me.allowedActions, 'subdistrict.redeemAdminCode') && !me.community,
        canList: allows(me.allowedActions, 'concern.listMine'),
        canBookings: allows(me.allowedActions, 'booking.listMine'),
        canHousehold: allows(me.allowedActions, 'member.leaveHousehold', 'member.setName'),
        phone: me.phone ?? '',
        canPhone: allows(me.allowedActions, 'privacy.setPhone'),
      });
      // Staff: the badge counts 今日待办 too, now that we know.
      if (allows(me.allowedActions, 'workbench.today')) {
        setStaffBadge(true);
        void this.loadUnread();
      }
    },
    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
    goHousehold() {
      wx.navigateTo({ url: '/pages/household/index' });
    },
    goWorkbench() {
      wx.navigateTo({ url: '/staff/workbench/index' });
    },
    goSubdistrict() {
      wx.navigateTo({ url: '/staff/subdistrict/index' });
    },
    goAdminJoin() {
      wx.navigateTo({ url: '/pages/admin-join/index' });
    },
    goDepartment() {
      wx.navigateTo({ url: '/staff/department/index' });
    },
    goDirectory() {
      wx.navigateTo({ url: '/staff/departments/index' });
    },
    goMine() {
      wx.switchTab({ url: '/pages/concerns/index' });
    },
    goBookings() {
      wx.navigateTo({ url: '/pages/bookings/index' });
    },
    /**
     * WeChat's phone quick-verification answers here. No code means the resident declined
     * (or the account cannot use it): nothing happens, nothing is blocked.
     */
    async onPhone(e: PhoneEvent) {
      const code = e.detail?.code;
      if (!code) return;
      const res = await phoneForm(this).submit({ code });
      if (!res?.ok) return;
      this.setData({ phone: res.data.phone });
      wx.showToast({ title: '已绑定手机号', icon: 'success' });
    },
    goVolunteer() {
      wx.navigateTo({ url: '/pages/volunteer/home/index' });
    },
    goInbox() {
      wx.navigateTo({ url: '/pages/inbox/index' });
    },
    goPrivacy() {
      wx.navigateTo({ url: '/pages/privacy/index' });
    },
  },
});
