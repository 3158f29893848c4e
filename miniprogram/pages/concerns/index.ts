import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { listMyConcerns } from '../../core/concern/contract';
import { allows, concernRow, type ConcernRow } from '../../services/view';
import { pagedList } from '../../services/paged-list';

const PAGE_SIZE = 20;
const concerns = pagedList({
  fetch: (_query: undefined, cursor) => call(listMyConcerns, { cursor, limit: PAGE_SIZE }),
  // The resident's own words for where each stands (正在办理, not 已签收).
  row: (c) => concernRow(c, 'resident'),
});

Component({
  data: {
    loaded: false,
    error: '',
    needBind: false,
    canBind: false,
    canSubmit: false,
    items: [] as ConcernRow[],
    hasMore: false,
    loadingMore: false,
    moreError: '',
  },
  methods: {
    onShow() {
      // A concern submitted or updated elsewhere should show up when the tab comes back.
      void this.refresh();
    },
    async onPullDownRefresh() {
      await this.refresh();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void concerns(this).loadMore();
    },
    loadMore() {
      void concerns(this).loadMore();
    },
    async refresh() {
      const me = await call(getMe, {});
      if (!me.ok) {
        this.setData({ loaded: true, error: me.error.message });
        return;
      }
      const allowed = me.data.allowedActions;
      if (!allows(allowed, 'concern.listMine')) {
        concerns(this).clear();
        this.setData({
          loaded: true,
          needBind: true,
          canBind: allows(allowed, 'member.requestBinding', 'member.redeemInvite'),
          canSubmit: false,
        });
        return;
      }
      this.setData({ needBind: false, canSubmit: allows(allowed, 'concern.submit') });
      await concerns(this).reload();
    },
    openDetail(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/pages/concern-detail/index?id=${encodeURIComponent(id)}` });
    },
    goSubmit() {
      wx.navigateTo({ url: '/pages/concern-submit/index' });
    },
    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
  },
});
