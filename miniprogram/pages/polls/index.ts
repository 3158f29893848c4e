import { call } from '../../services/api';
import { listPolls, type PollView } from '../../core/poll/contract';
import { pagedList } from '../../services/paged-list';
import { pollRow, type PollRow } from '../../services/poll-view';

type When = 'current' | 'past';

const polls = pagedList({
  fetch: (when: When, cursor) => call(listPolls, { when, cursor, limit: 20 }),
  row: (p: PollView) => pollRow(p, Date.now()),
});

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { when?: string; index?: number }>;

/**
 * 投票表决: the polls the caller may take part in, 进行中 (scheduled and open) or 已结束.
 * A row says whether the caller's household has voted; how many took part is only ever
 * the server's participation line, never a result. A published poll opens on its result.
 */
Component({
  data: {
    when: 'current' as When,
    items: [] as PollRow[],
    loaded: false,
    error: '',
    hasMore: false,
    loadingMore: false,
    moreError: '',
  },
  methods: {
    onShow() {
      // Coming back from a vote: the row should say 已投票.
      void this.reload();
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void polls(this).loadMore();
    },
    loadMore() {
      return polls(this).loadMore();
    },
    reload() {
      return polls(this).reload(this.data.when);
    },
    pickTab(e: Tap) {
      const when: When = e.currentTarget.dataset.when === 'past' ? 'past' : 'current';
      if (when === this.data.when) return;
      this.setData({ when });
      polls(this).clear();
      void this.reload();
    },
    open(e: Tap) {
      const p = polls(this).items[Number(e.currentTarget.dataset.index)];
      if (!p) return;
      const page = p.status === 'published' ? 'poll-result' : 'poll';
      wx.navigateTo({ url: `/pages/${page}/index?pollId=${encodeURIComponent(p.id)}` });
    },
  },
});
