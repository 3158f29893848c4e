import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { allows } from '../../services/view';

Component({
  data: {
    loaded: false,
    error: '',
    greeting: '您好',
    communityName: '',
    canSubmit: false,
    canList: false,
    canBind: false,
    canPoll: false,
    canCouncil: false,
    pendingText: '',
  },
  methods: {
    onShow() {
      // Refresh on every visit: a binding approved meanwhile changes which entries appear.
      void this.load();
    },
    async load() {
      const res = await call(getMe, {});
      if (!res.ok) {
        this.setData({ error: res.error.message, loaded: true });
        return;
      }
      const me = res.data;
      const pending = me.pendingRequest?.status === 'pending';
      this.setData({
        loaded: true,
        error: '',
        greeting: me.name ? `${me.name}，您好` : '您好',
        communityName: me.community?.name ?? '',
        canSubmit: allows(me.allowedActions, 'concern.submit'),
        canList: allows(me.allowedActions, 'concern.listMine'),
        canBind: allows(me.allowedActions, 'member.requestBinding', 'member.redeemInvite'),
        canPoll: allows(me.allowedActions, 'poll.list'),
        canCouncil: allows(me.allowedActions, 'motion.list', 'meeting.list'),
        pendingText: pending ? '您的住户绑定申请正在审核中，通过后即可说事。' : '',
      });
    },
    goSubmit() {
      wx.navigateTo({ url: '/pages/concern-submit/index' });
    },
    goMine() {
      wx.switchTab({ url: '/pages/concerns/index' });
    },
    goPolls() {
      wx.navigateTo({ url: '/pages/polls/index' });
    },
    goCouncil() {
      wx.navigateTo({ url: '/pages/council/index' });
    },
    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
  },
});
