import { call } from '../../services/api';
import { listQuestions, type QuestionView } from '../../core/disclosure/contract';
import { DEFAULT_ANSWER_DAYS } from '../../core/disclosure/vocabulary';
import { instanceState } from '../../services/page-state';
import { pagedList } from '../../services/paged-list';
import { questionRow, type QuestionRow } from '../view';

const questions = pagedList({
  fetch: (_: null, cursor) => call(listQuestions, { when: 'mine', cursor, limit: 20 }),
  row: (q: QuestionView) => questionRow(q, Date.now()),
});

const state = instanceState(() => ({ shown: false }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number }>;

/**
 * 我的提问: the questions the resident asked about 居务公开 items, newest first, each with
 * where it stands — waiting (and until when the community must answer), answered (with the
 * answer), or late (the committee has been told) — opening the item it is about.
 */
Component({
  data: {
    intro: `社区须在${DEFAULT_ANSWER_DAYS}日内答复您的提问；答复后会通知您。提问和答复在公开栏上公开，您的姓名只显示姓氏。`,
    items: [] as QuestionRow[],
    loaded: false,
    error: '',
    hasMore: false,
    loadingMore: false,
    moreError: '',
  },
  methods: {
    onLoad() {
      void this.reload();
    },
    onShow() {
      const s = state(this);
      if (s.shown) void this.reload();
      s.shown = true;
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void questions(this).loadMore();
    },
    loadMore() {
      return questions(this).loadMore();
    },
    reload() {
      return questions(this).reload(null);
    },
    open(e: Tap) {
      const q = questions(this).items[Number(e.currentTarget.dataset.index)];
      if (q) wx.navigateTo({ url: `/disclosure/item/index?itemId=${encodeURIComponent(q.itemId)}` });
    },
    goBoard() {
      wx.navigateTo({ url: '/disclosure/board/index' });
    },
  },
});
