import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { listPolls, type PollView } from '../../core/poll/contract';
import { pagedList } from '../../services/paged-list';
import { instanceState } from '../../services/page-state';
import { allows } from '../../services/view';
import { pollRow, type PollRow } from './view';

type When = 'current' | 'past';
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; when?: string; entry?: string }>;

const EMPTY: Record<When, string> = {
  current: '没有进行中或即将开始的投票',
  past: '还没有已结束的投票',
};

const polls = pagedList({
  fetch: (when: When, cursor) => call(listPolls, { when, cursor, limit: 20 }),
  row: (p: PollView) => pollRow(p),
});

const state = instanceState(() => ({ shown: false }));

/**
 * 投票表决 for staff: the polls they started or that fall in their grids, 进行中 and 已结束,
 * each with how many have voted so far (participation, never a result while it runs) and
 * the steps the server says they may take next; 发起投票 and the rolls (名册).
 */
Component({
  data: {
    when: 'current' as When,
    emptyText: EMPTY.current,
    canCreate: false,
    canRoll: false,
    meError: '',
    items: [] as PollRow[],
    hasMore: false,
    loadingMore: false,
    error: '',
    moreError: '',
    loaded: false,
  },
  methods: {
    onLoad() {
      void this.init();
    },
    onShow() {
      // Coming back from a poll or from 发起投票: what changed there shows here.
      const s = state(this);
      if (s.shown) void polls(this).reload();
      s.shown = true;
    },
    async onPullDownRefresh() {
      await polls(this).reload();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void polls(this).loadMore();
    },
    async init() {
      const [me] = await Promise.all([call(getMe, {}), polls(this).reload(this.data.when)]);
      if (!me.ok) {
        this.setData({ meError: me.error.message });
        return;
      }
      this.setData({ meError: '', canCreate: allows(me.data.allowedActions, 'poll.create'), canRoll: allows(me.data.allowedActions, 'roll.list') });
    },
    retry() {
      void this.init();
    },
    loadMore() {
      void polls(this).loadMore();
    },
    switchWhen(e: Tap) {
      const when: When = e.currentTarget.dataset.when === 'past' ? 'past' : 'current';
      if (when === this.data.when) return;
      this.setData({ when, emptyText: EMPTY[when] });
      polls(this).clear();
      void polls(this).reload(when);
    },
    pollAt(e: Tap): PollView | undefined {
      return polls(this).items[Number(e.currentTarget.dataset.index)];
    },
    open(e: Tap) {
      const p = this.pollAt(e);
      if (p) wx.navigateTo({ url: `/staff/poll/index?pollId=${encodeURIComponent(p.id)}` });
    },
    openEntry(e: Tap) {
      const p = this.pollAt(e);
      if (!p) return;
      const id = encodeURIComponent(p.id);
      const entry = e.currentTarget.dataset.entry;
      if (entry === 'paper') wx.navigateTo({ url: `/staff/poll-paper/index?pollId=${id}` });
      else if (entry === 'pending') wx.navigateTo({ url: `/staff/poll-paper/index?pollId=${id}&tab=pending` });
      // 结束、公布、举手表决 are decided on the poll's own page, with its figures in view.
      else wx.navigateTo({ url: `/staff/poll/index?pollId=${id}` });
    },
    create() {
      wx.navigateTo({ url: '/staff/poll-edit/index' });
    },
    openRoll() {
      wx.navigateTo({ url: '/staff/roll/index' });
    },
  },
});
