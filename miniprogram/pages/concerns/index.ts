import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { listMyConcerns } from '../../core/concern/contract';
import { allows, concernRow, type ConcernRow } from '../../services/view';
import { instanceState, supersede } from '../../services/page-state';

const PAGE_SIZE = 20;
// `gen` drops a load-more answer that arrives after a refresh replaced the list.
const state = instanceState(() => ({ next: undefined as string | undefined, count: 0, busy: false, gen: 0 }));

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
      void this.loadMore();
    },
    async refresh() {
      const gen = supersede(state(this));
      const me = await call(getMe, {});
      if (!me.ok) {
        this.setData({ loaded: true, error: me.error.message });
        return;
      }
      const allowed = me.data.allowedActions;
      if (!allows(allowed, 'concern.listMine')) {
        this.setData({
          loaded: true,
          error: '',
          needBind: true,
          canBind: allows(allowed, 'member.requestBinding', 'member.redeemInvite'),
          canSubmit: false,
          items: [],
          hasMore: false,
        });
        return;
      }
      const res = await call(listMyConcerns, { limit: PAGE_SIZE });
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      const s = state(this);
      if (gen !== s.gen) return;
      s.next = res.data.next;
      // Also drops a load-more started during the reload: it used the old cursor.
      supersede(s);
      s.count = res.data.items.length;
      this.setData({
        loaded: true,
        error: '',
        needBind: false,
        canSubmit: allows(allowed, 'concern.submit'),
        items: res.data.items.map(concernRow),
        hasMore: !!res.data.next,
        loadingMore: false,
        moreError: '',
      });
    },
    async loadMore() {
      const s = state(this);
      if (!s.next || s.busy) return;
      s.busy = true;
      const gen = s.gen;
      this.setData({ loadingMore: true, moreError: '' });
      const res = await call(listMyConcerns, { cursor: s.next, limit: PAGE_SIZE });
      s.busy = false;
      if (gen !== s.gen) return;
      if (!res.ok) {
        this.setData({ loadingMore: false, moreError: res.error.message });
        return;
      }
      // Append by index path so setData carries only the new rows, not the whole list.
      const patch: Record<string, unknown> = { loadingMore: false, hasMore: !!res.data.next };
      res.data.items.forEach((item, i) => {
        patch[`items[${s.count + i}]`] = concernRow(item);
      });
      s.count += res.data.items.length;
      s.next = res.data.next;
      this.setData(patch);
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
