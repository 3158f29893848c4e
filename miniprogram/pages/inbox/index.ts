import { call } from '../../services/api';
import { listInbox, markRead, type InboxItem } from '../../core/notify/contract';
import { dateText } from '../../services/dates';
import { refreshBadge } from '../../services/badge';
import { instanceState } from '../../services/page-state';
import { pagedList } from '../../services/paged-list';

const PAGE_SIZE = 20;
/** Tab pages open with switchTab (no query); everything else with navigateTo. */
const TAB_PAGES = ['/pages/home/index', '/pages/concerns/index', '/pages/services/index', '/pages/me/index'];

interface Row {
  id: string;
  title: string;
  body: string;
  timeText: string;
  read: boolean;
  /** Tapping opens a page. */
  link: boolean;
}

function row(m: InboxItem): Row {
  return { id: m.id, title: m.title, body: m.body, timeText: dateText(m.createdAt), read: m.read, link: !!safePage(m.page) };
}

/** Only the app's own pages: a message's link comes from the server, but stays in-app. */
function safePage(page: string | undefined): string {
  return page && /^\/(pages|staff)\/[A-Za-z0-9/_-]+(\?[A-Za-z0-9=&%_.:-]*)?$/.test(page) ? page : '';
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number }>;

const inbox = pagedList({
  fetch: (_query: undefined, cursor) => call(listInbox, { unreadOnly: false, cursor, limit: PAGE_SIZE }),
  row,
  keys: { more: 'more' },
});
const state = instanceState(() => ({ markingAll: false }));

Component({
  data: {
    loaded: false,
    error: '',
    items: [] as Row[],
    more: false,
    loadingMore: false,
    moreError: '',
    unread: 0,
    markingAll: false,
  },
  methods: {
    onLoad() {
      void this.reload();
      // The tab badge catches up with what arrived since it was last read.
      void refreshBadge(wx);
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void this.loadMore();
    },
    async reload() {
      if (await inbox(this).reload()) this.countUnread();
    },
    async loadMore() {
      if (await inbox(this).loadMore()) this.countUnread();
    },
    countUnread() {
      this.setData({ unread: this.data.items.filter((r) => !r.read).length });
    },
    /** Marks the message read (at once on screen, then on the server) and opens its page. */
    open(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      const item = this.data.items[i];
      if (!item) return;
      if (!item.read) {
        this.setData({ [`items[${i}].read`]: true, unread: Math.max(0, this.data.unread - 1) });
        void call(markRead, { ids: [item.id] }).then((res) => {
          if (res.ok) void refreshBadge(wx);
        });
      }
      const page = safePage(inbox(this).items[i]?.page);
      if (!page) return;
      const path = page.split('?')[0];
      if (TAB_PAGES.includes(path)) wx.switchTab({ url: path });
      else wx.navigateTo({ url: page });
    },
    async markAll() {
      const s = state(this);
      if (s.markingAll || this.data.unread === 0) return;
      s.markingAll = true;
      this.setData({ markingAll: true });
      const res = await call(markRead, { all: true });
      s.markingAll = false;
      if (!res.ok) {
        this.setData({ markingAll: false });
        wx.showToast({ title: res.error.message, icon: 'none' });
        return;
      }
      // Only the rows that change go to the view layer.
      const patch: Record<string, unknown> = { markingAll: false, unread: 0 };
      this.data.items.forEach((r, i) => {
        if (!r.read) patch[`items[${i}].read`] = true;
      });
      this.setData(patch);
      void refreshBadge(wx);
    },
  },
});
