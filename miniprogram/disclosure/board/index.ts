import { call } from '../../services/api';
import { listCatalogue, listItems, type CategoryView, type ItemSummaryView } from '../../core/disclosure/contract';
import { getMe } from '../../core/member/contract';
import { instanceState } from '../../services/page-state';
import { pagedList } from '../../services/paged-list';
import { categoryRow, itemRow, type CategoryRow } from '../view';

/** '' = every category (the board's front page); else one category's own list. */
type Query = string;

const state = instanceState(() => ({ categoryKey: '', categories: [] as CategoryView[], shown: false }));

const items = pagedList({
  fetch: (categoryKey: Query, cursor) => call(listItems, { ...(categoryKey ? { categoryKey } : {}), when: 'published', cursor, limit: 20 }),
  // The front page mixes categories, so each row names its own.
  row: (s: ItemSummaryView, host) => itemRow(s, Date.now(), !state(host).categoryKey),
  keys: { loaded: 'itemsLoaded' },
});

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number }>;

/**
 * 居务公开栏: the catalogue — each category with how often it must be published and its
 * latest item — then what has been published, newest first, each row marked when the
 * committee objects or residents' questions wait. Opened with `categoryKey` it is one
 * category's own list. Entries lead to the committee and, for residents, their questions.
 */
Component({
  data: {
    categoryKey: '',
    loaded: false,
    catalogueError: '',
    categories: [] as CategoryRow[],
    /** On one category's list: its name and cadence. */
    category: null as CategoryRow | null,
    canAsk: false,
    items: [] as ReturnType<typeof itemRow>[],
    itemsLoaded: false,
    error: '',
    hasMore: false,
    loadingMore: false,
    moreError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const categoryKey = query.categoryKey ? decodeURIComponent(query.categoryKey) : '';
      state(this).categoryKey = categoryKey;
      this.setData({ categoryKey });
      void this.load();
    },
    onShow() {
      // Back from an item (a question asked there): the counts on the rows should follow.
      const s = state(this);
      if (s.shown) void this.load();
      s.shown = true;
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void items(this).loadMore();
    },
    loadMore() {
      return items(this).loadMore();
    },
    async load() {
      const s = state(this);
      const now = Date.now();
      const [catalogue, me] = await Promise.all([call(listCatalogue, {}), s.categoryKey ? null : call(getMe, {}), items(this).reload(s.categoryKey)]);
      if (!catalogue.ok) {
        this.setData({ loaded: true, catalogueError: catalogue.error.message });
        return;
      }
      s.categories = catalogue.data.categories;
      const rows = s.categories.map((c) => categoryRow(c, now));
      const category = s.categoryKey ? rows.find((c) => c.key === s.categoryKey) ?? null : null;
      if (category) wx.setNavigationBarTitle({ title: category.label });
      this.setData({
        loaded: true,
        catalogueError: '',
        categories: rows,
        category,
        canAsk: !!me && me.ok && me.data.allowedActions.includes('disclosure.ask'),
      });
    },
    retry() {
      void this.load();
    },
    openCategory(e: Tap) {
      const c = state(this).categories[Number(e.currentTarget.dataset.index)];
      if (c) wx.navigateTo({ url: `/disclosure/board/index?categoryKey=${encodeURIComponent(c.key)}` });
    },
    openItem(e: Tap) {
      const s = items(this).items[Number(e.currentTarget.dataset.index)];
      if (s) wx.navigateTo({ url: `/disclosure/item/index?itemId=${encodeURIComponent(s.itemId)}` });
    },
    goCommittee() {
      wx.navigateTo({ url: '/disclosure/committee/index' });
    },
    goQuestions() {
      wx.navigateTo({ url: '/disclosure/questions/index' });
    },
  },
});
