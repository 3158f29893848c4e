import { call } from '../../services/api';
import type { ActionContract, ContractInput } from '../../core/action';
import { cancelBooking, confirmPromotion, listMyBookings, rateBooking, type BookingView } from '../../core/booking/contract';
import { bookingRow, type BookingRow } from '../../services/booking-view';
import { emptyErrors } from '../../services/form';
import { formSubmit, type FormSpec, type FormSubmit } from '../../services/form-submit';
import { pagedList } from '../../services/paged-list';

const PAGE_SIZE = 20;
type Tab = 'upcoming' | 'past';
type Panel = '' | 'cancel' | 'rate';
const FIELDS = ['reason', 'score', 'comment'] as const;
const STAR_LABELS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

type Field = (typeof FIELDS)[number];

// One list on screen at a time: a tab switch or refresh supersedes an answer in flight.
const bookings = pagedList({
  fetch: (when: Tab, cursor) => call(listMyBookings, { when, cursor, limit: PAGE_SIZE }),
  row: (b: BookingView) => bookingRow(b, Date.now()),
  keys: { error: 'listError' },
});

// The three row actions share one message under the row and one busy flag.
const rowForm: FormSpec<Field> = { fields: FIELDS, keys: { message: 'rowError', busy: 'sending' } };
const confirmForm = formSubmit(confirmPromotion, rowForm);
const cancelForm = formSubmit(cancelBooking, rowForm);
const rateForm = formSubmit(rateBooking, rowForm);

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; tab?: string; value?: string }>;

Component({
  data: {
    tab: 'upcoming' as Tab,
    items: [] as BookingRow[],
    loaded: false,
    hasMore: false,
    listError: '',
    loadingMore: false,
    moreError: '',
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
    reload(tab: Tab) {
      return bookings(this).reload(tab);
    },
    loadMore() {
      return bookings(this).loadMore();
    },
    /** Sends one action about a row; on success the row shows what the server answered. */
    async send<C extends ActionContract>(id: string, form: FormSubmit<C, Field>, input: ContractInput<C>, done: string) {
      // One action at a time across the three forms.
      if (this.data.sending) return;
      this.setData({ sendingId: id, rowErrorId: id });
      const res = await form.submit(input);
      if (!res) return;
      if (!res.ok) {
        const code = res.error.code;
        // A refusal about the booking itself (cutoff passed, offer expired…): the form is
        // moot and the row has likely moved on, so it closes and the list is read again.
        const settled = code !== 'VALIDATION_ERROR' && code !== 'NETWORK_ERROR';
        this.setData({ sendingId: '', ...(settled ? { rowError: res.error.message, panelId: '', panel: '' } : {}) });
        if (settled) void this.reload(this.data.tab);
        return;
      }
      this.setData({ sendingId: '', panelId: '', panel: '', reason: '', stars: 0, starLabel: '', comment: '' });
      bookings(this).put(res.data as BookingView, (a, b) => a.id === b.id);
      wx.showToast({ title: done, icon: 'success' });
    },

    // —— confirm a seat offered from the waitlist ——
    confirm(e: Tap) {
      const id = e.currentTarget.dataset.id ?? '';
      if (id) void this.send(id, confirmForm(this), { bookingId: id }, '已确认预约');
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
          void this.send(id, cancelForm(this), input, '已取消预约');
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
      void this.send(id, rateForm(this), input, '感谢您的评价');
    },
    goServices() {
      wx.switchTab({ url: '/pages/services/index' });
    },
  },
});
