import { call } from '../../services/api';
import type { Envelope } from '../../core/envelope';
import { cancelBooking, confirmPromotion, listMyBookings, rateBooking, type BookingView } from '../../core/booking/contract';
import { bookingRow, type BookingRow } from '../../services/booking-view';
import { emptyErrors, formMessage, pickFieldErrors } from '../../services/form';
import { instanceState, supersede } from '../../services/page-state';

const PAGE_SIZE = 20;
type Tab = 'upcoming' | 'past';
type Panel = '' | 'cancel' | 'rate';
const FIELDS = ['reason', 'score', 'comment'] as const;
const STAR_LABELS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

// One list on screen at a time; `gen` drops an answer that arrives after a tab switch or
// refresh replaced the list. `sending` stops a double tap from sending an action twice.
const state = instanceState(() => ({ next: undefined as string | undefined, count: 0, busy: false, gen: 0, sending: false }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; tab?: string; value?: string }>;

Component({
  data: {
    tab: 'upcoming' as Tab,
    items: [] as BookingRow[],
    loaded: false,
    hasMore: false,
    listError: '',
    loadingMore: false,
    /** The row whose cancel or rate form is open. */
    panelId: '',
    panel: '' as Panel,
    reason: '',
    stars: 0,
    starLabel: '',
    starValues: [1, 2, 3, 4, 5],
    comment: '',
    errors: emptyErrors(FIELDS),
    /** A message about one row's action, shown under that row. */
    rowError: '',
    rowErrorId: '',
    sending: false,
    sendingId: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      // Notifications open this page; a link may ask for the past list.
      if (query.when === 'past') this.setData({ tab: 'past' });
    },
    onShow() {
      // Back from booking, or from a notification: statuses may have moved on.
      void this.reload(this.data.tab);
    },
    async onPullDownRefresh() {
      await this.reload(this.data.tab);
      wx.stopPullDownRefresh();
    },
    retry() {
      void this.reload(this.data.tab);
    },
    onReachBottom() {
      void this.loadMore();
    },
    switchTab(e: Tap) {
      const tab: Tab = e.currentTarget.dataset.tab === 'past' ? 'past' : 'upcoming';
      if (tab === this.data.tab) return;
      this.setData({ tab, items: [], loaded: false, hasMore: false, panelId: '', panel: '', rowError: '', rowErrorId: '', listError: '' });
      void this.reload(tab);
    },
    async reload(tab: Tab) {
      const s = state(this);
      const gen = supersede(s);
      const res = await call(listMyBookings, { when: tab, limit: PAGE_SIZE });
      if (gen !== s.gen) return;
      if (!res.ok) {
        this.setData({ listError: res.error.message, loaded: true });
        return;
      }
      const now = Date.now();
      s.next = res.data.next;
      s.count = res.data.items.length;
      // Also drops a load-more started during the reload: it used the old cursor.
      supersede(s);
      this.setData({
        items: res.data.items.map((b) => bookingRow(b, now)),
        hasMore: !!res.data.next,
        loaded: true,
        listError: '',
        loadingMore: false,
      });
    },
    async loadMore() {
      const s = state(this);
      if (!s.next || s.busy) return;
      s.busy = true;
      const gen = s.gen;
      this.setData({ loadingMore: true });
      const res = await call(listMyBookings, { when: this.data.tab, cursor: s.next, limit: PAGE_SIZE });
      if (gen !== s.gen) return;
      s.busy = false;
      if (!res.ok) {
        this.setData({ loadingMore: false, listError: res.error.message });
        return;
      }
      const now = Date.now();
      // Append by index path so setData carries only the new rows.
      const patch: Record<string, unknown> = { loadingMore: false, hasMore: !!res.data.next };
      res.data.items.forEach((b, i) => {
        patch[`items[${s.count + i}]`] = bookingRow(b, now);
      });
      s.count += res.data.items.length;
      s.next = res.data.next;
      this.setData(patch);
    },
    /** Replaces one row with the booking an action answered with. */
    replaceRow(b: BookingView) {
      const i = this.data.items.findIndex((r) => r.id === b.id);
      if (i >= 0) this.setData({ [`items[${i}]`]: bookingRow(b, Date.now()) });
    },
    /** Sends one action about a row; on success the row shows what the server answered. */
    async send(id: string, run: () => Promise<Envelope<BookingView>>, done: string) {
      const s = state(this);
      if (s.sending) return;
      s.sending = true;
      this.setData({ sending: true, sendingId: id, rowError: '', rowErrorId: '', errors: emptyErrors(FIELDS) });
      const res = await run();
      s.sending = false;
      if (!res.ok) {
        const code = res.error.code;
        const formOpen = this.data.panelId === id && this.data.panel !== '';
        // A refusal about the booking itself (cutoff passed, offer expired…): the form is
        // moot and the row has likely moved on, so it closes and the list is read again.
        const settled = code !== 'VALIDATION_ERROR' && code !== 'NETWORK_ERROR';
        this.setData({
          sending: false,
          sendingId: '',
          errors: pickFieldErrors(res.error, FIELDS),
          rowError: formOpen && !settled ? formMessage(res.error, FIELDS) : res.error.message,
          rowErrorId: id,
          ...(settled ? { panelId: '', panel: '' } : {}),
        });
        if (settled) void this.reload(this.data.tab);
        return;
      }
      this.setData({ sending: false, sendingId: '', panelId: '', panel: '', reason: '', stars: 0, starLabel: '', comment: '' });
      this.replaceRow(res.data);
      wx.showToast({ title: done, icon: 'success' });
    },

    // —— confirm a seat offered from the waitlist ——
    confirm(e: Tap) {
      const id = e.currentTarget.dataset.id ?? '';
      if (id) void this.send(id, () => call(confirmPromotion, { bookingId: id }), '已确认预约');
    },

    // —— cancel: a form for the optional reason, then one confirming tap ——
    openCancel(e: Tap) {
      this.openPanel(e.currentTarget.dataset.id ?? '', 'cancel');
    },
    openRate(e: Tap) {
      this.openPanel(e.currentTarget.dataset.id ?? '', 'rate');
    },
    openPanel(id: string, panel: Panel) {
      if (!id) return;
      this.setData({ panelId: id, panel, reason: '', stars: 0, starLabel: '', comment: '', errors: emptyErrors(FIELDS), rowError: '', rowErrorId: '' });
    },
    closePanel() {
      this.setData({ panelId: '', panel: '', rowError: '', rowErrorId: '' });
    },
    onReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },
    submitCancel() {
      const id = this.data.panelId;
      const row = this.data.items.find((r) => r.id === id);
      if (!row) return;
      wx.showModal({
        title: '取消预约',
        content: `确定取消 ${row.whenText} 的「${row.serviceName}」吗？名额会让给其他居民。`,
        confirmText: '确定取消',
        cancelText: '不取消',
        confirmColor: '#c62828',
        success: (r) => {
          if (!r.confirm) return;
          const reason = this.data.reason.trim();
          const input = reason ? { bookingId: id, reason } : { bookingId: id };
          void this.send(id, () => call(cancelBooking, input), '已取消预约');
        },
      });
    },

    // —— rate an attended booking ——
    pickStar(e: Tap) {
      const n = Number(e.currentTarget.dataset.value);
      if (!(n >= 1 && n <= 5)) return;
      this.setData({ stars: n, starLabel: STAR_LABELS[n], 'errors.score': '' });
    },
    onComment(e: WechatMiniprogram.TextareaInput) {
      this.setData({ comment: e.detail.value, 'errors.comment': '' });
    },
    submitRate() {
      const id = this.data.panelId;
      if (!id) return;
      if (this.data.stars < 1) {
        this.setData({ 'errors.score': '请点星星打分' });
        return;
      }
      const comment = this.data.comment.trim();
      const input = comment ? { bookingId: id, score: this.data.stars, comment } : { bookingId: id, score: this.data.stars };
      void this.send(id, () => call(rateBooking, input), '感谢您的评价');
    },
    goServices() {
      wx.switchTab({ url: '/pages/services/index' });
    },
  },
});
