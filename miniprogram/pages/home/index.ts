import { call } from '../../services/api';
import { formatDay } from '../../core/format';
import { getMe } from '../../core/member/contract';
import { listNotices, type NoticeView } from '../../core/disclosure/notice-contract';
import { allows } from '../../services/view';

/** The home page shows the first few; the pinned ones come first. */
const NOTICES_SHOWN = 3;

interface NoticeRow {
  noticeId: string;
  title: string;
  body: string;
  pinned: boolean;
  dateText: string;
  open: boolean;
}

const noticeRow = (n: NoticeView): NoticeRow => ({ noticeId: n.noticeId, title: n.title, body: n.body, pinned: n.pinned, dateText: formatDay(n.publishedAt), open: false });

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
    canDisclosure: false,
    canSubdistrict: false,
    notices: [] as NoticeRow[],
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
        canDisclosure: allows(me.allowedActions, 'disclosure.list'),
        canSubdistrict: allows(me.allowedActions, 'subdistrict.overview'),
        pendingText: pending ? '您的住户绑定申请正在审核中，通过后即可说事。' : '',
      });
      if (allows(me.allowedActions, 'notice.list')) await this.loadNotices();
    },
    async loadNotices() {
      // The notices are a bonus on this page: if they fail to load, the entries below still work.
      const res = await call(listNotices, { when: 'active', limit: NOTICES_SHOWN });
      this.setData({ notices: res.ok ? res.data.items.slice(0, NOTICES_SHOWN).map(noticeRow) : [] });
    },
    toggleNotice(e: WechatMiniprogram.TouchEvent) {
      const id = e.currentTarget.dataset.id as string;
      this.setData({ notices: (this.data.notices as NoticeRow[]).map((n) => (n.noticeId === id ? { ...n, open: !n.open } : n)) });
    },
    goSubdistrict() {
      wx.navigateTo({ url: '/staff/subdistrict/index' });
    },
    goDisclosure() {
      wx.navigateTo({ url: '/disclosure/board/index' });
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
