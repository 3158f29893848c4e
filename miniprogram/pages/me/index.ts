import { call } from '../../services/api';
import { getMe } from '../../core/membership/contract';
import { formatDateTime } from '../../core/format';
import { allows, BINDING_STATUS_LABELS, formatAddress, roleText } from '../../services/view';

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
    memberId: '',
    roles: '',
    communityName: '',
    address: '',
    pending: null as PendingView | null,
    canBind: false,
    canWork: false,
    canList: false,
    canBookings: false,
  },
  methods: {
    onShow() {
      void this.load();
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
        memberId: me.roles.includes('resident') ? me.memberId : '',
        roles: roleText(me.roles),
        communityName: me.community?.name ?? '',
        address: me.household ? formatAddress(me.household) : '',
        pending: p
          ? {
              statusLabel: BINDING_STATUS_LABELS[p.status] ?? p.status,
              address: formatAddress(p),
              createdText: formatDateTime(p.createdAt),
              reason: p.reason ?? '',
              waiting: p.status === 'pending',
            }
          : null,
        canBind: allows(me.allowedActions, 'member.requestBinding', 'member.redeemInvite'),
        canWork: allows(me.allowedActions, 'concern.queue', 'member.listRequests'),
        canList: allows(me.allowedActions, 'concern.listMine'),
        canBookings: allows(me.allowedActions, 'booking.listMine'),
      });
    },
    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
    goWorkbench() {
      wx.navigateTo({ url: '/staff/workbench/index' });
    },
    goMine() {
      wx.switchTab({ url: '/pages/concerns/index' });
    },
    goBookings() {
      wx.navigateTo({ url: '/pages/bookings/index' });
    },
    goPrivacy() {
      wx.navigateTo({ url: '/pages/privacy/index' });
    },
  },
});
