import { call } from '../../services/api';
import { formatDay } from '../../core/format';
import { listNotices, withdrawNotice, type NoticeView } from '../../core/disclosure/notice-contract';
import { pagedList } from '../../services/paged-list';

const PAGE_SIZE = 20;

interface Row {
  noticeId: string;
  title: string;
  body: string;
  pinned: boolean;
  statusText: string;
  tone: 'doing' | 'muted';
  whenText: string;
  canWithdraw: boolean;
}

function row(n: NoticeView): Row {
  const live = !n.withdrawn && !n.expired;
  return {
    noticeId: n.noticeId,
    title: n.title,
    body: n.body,
    pinned: n.pinned,
    statusText: n.withdrawn ? '已撤回' : n.expired ? '已过期' : '显示中',
    tone: live ? 'doing' : 'muted',
    whenText: n.withdrawn ? `撤回原因：${n.withdrawReason ?? ''}` : `${formatDay(n.publishedAt)}发布，${live ? '显示到' : '已于'}${formatDay(n.expiresAt)}${live ? '' : '到期'}`,
    canWithdraw: n.allowedActions.includes('notice.withdraw'),
  };
}

const notices = pagedList({ fetch: (_q: null, cursor) => call(listNotices, { when: 'all', cursor, limit: PAGE_SIZE }), row });

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string }>;

/** 社区公告 as the admins keep it: every notice, live or not, with 撤回 and the way to publish one. */
Component({
  data: {
    loaded: false,
    error: '',
    items: [] as Row[],
    hasMore: false,
    loadingMore: false,
    moreError: '',
    withdrawing: '',
  },
  methods: {
    onShow() {
      void notices(this).reload(null);
    },
    async onPullDownRefresh() {
      await notices(this).reload(null);
      wx.stopPullDownRefresh();
    },
    retry() {
      void notices(this).reload(null);
    },
    loadMore() {
      void notices(this).loadMore();
    },
    create() {
      wx.navigateTo({ url: '/staff/notice-edit/index' });
    },
    async withdraw(e: Tap) {
      const noticeId = e.currentTarget.dataset.id;
      if (!noticeId || this.data.withdrawing) return;
      const asked = await wx.showModal({ title: '撤回这条公告', editable: true, placeholderText: '请写明撤回原因，如：检修改期', confirmText: '撤回' });
      if (!asked.confirm) return;
      this.setData({ withdrawing: noticeId });
      const res = await call(withdrawNotice, { noticeId, reason: (asked.content ?? '').trim() });
      this.setData({ withdrawing: '' });
      if (!res.ok) {
        wx.showModal({ title: '没有撤回', content: res.error.message, showCancel: false });
        return;
      }
      wx.showToast({ title: '已撤回', icon: 'success' });
      await notices(this).reload(null);
    },
  },
});
