import { call } from '../../services/api';
import { listInbox, markRead, type InboxItem } from '../../core/notify/contract';
import { formatDateTime } from '../../core/format';
import { refreshBadge } from '../../services/badge';
import { instanceState, supersede } from '../../services/page-state';

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
  return { id: m.id, title: m.title, body: m.body, timeText: formatDateTime(m.createdAt), read: m.read, link: !!safePage(m.page) };
}

/** Only the app's own pages: a message's link comes from the server, but stays in-app. */
function safePage(page: string | undefined): string {
  return page && /^\/(pages|staff)\/[A-Za-z0-9/_-]+(\?[A-Za-z0-9=&%_.:-]*)?$/.test(page) ? page : '';
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number }>;

/** Not rendered: paging, the pages behind rows, and a generation to drop stale answers. */
const state = instanceState(() => ({ next: undefined as string | undefined, pages: [] as string[], busy: false, gen: 0, markingAll: false }));

Component({
  data: {
    loaded: false,
    error: '',
    items: [] as Row[],
    more: false,
    loadingMore: false,
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
      const s = state(this);
      const gen = supersede(s);
      const res = await call(listInbox, { unreadOnly: false, limit: PAGE_SIZE });
      if (gen !== s.gen) return;
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      s.next = res.data.next;
      s.pages = res.data.items.map((m) => safePage(m.page));
      // Also drops a load-more started during the reload: it used the old cursor.
      supersede(s);
      const items = res.data.items.map(row);
      this.setData({ loaded: true, error: '', items, more: !!res.data.next, loadingMore: false, unread: items.filter((r) => !r.read).length });
    },
    async loadMore() {
      const s = state(this);
      if (!s.next || s.busy) return;
      s.busy = true;
      const gen = s.gen;
      this.setData({ loadingMore: true });
      const res = await call(listInbox, { unreadOnly: false, cursor: s.next, limit: PAGE_SIZE });
      if (gen !== s.gen) return;
      s.busy = false;
      if (!res.ok) {
        this.setData({ loadingMore: false, error: res.error.message });
        return;
      }
      // Append by index path so setData carries only the new rows.
      const start = s.pages.length;
      const patch: Record<string, unknown> = { loadingMore: false, more: !!res.data.next };
      res.data.items.forEach((m, i) => {
        patch[`items[${start + i}]`] = row(m);
        s.pages.push(safePage(m.page));
      });
      patch.unread = this.data.unread + res.data.items.filter((m) => !m.read).length;
      s.next = res.data.next;
      this.setData(patch);
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
      const page = state(this).pages[i];
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
