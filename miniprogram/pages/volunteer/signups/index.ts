import { call } from '../../../services/api';
import { confirmSignup, mySignups, withdrawSignup, type SignupView } from '../../../core/volunteer/contract';
import { emptyErrors } from '../../../services/form';
import { formSubmit } from '../../../services/form-submit';
import { pagedList } from '../../../services/paged-list';
import { signupRow, type SignupRow } from '../../../services/volunteer-view';

type Tab = 'upcoming' | 'past';
const FIELDS = ['reason'] as const;

const signups = pagedList({
  fetch: (when: Tab, cursor) => call(mySignups, { when, cursor, limit: 20 }),
  row: (s: SignupView) => signupRow(s, Date.now()),
  keys: { error: 'listError' },
});
const rowForm = { fields: FIELDS, keys: { message: 'rowError', busy: 'sending' } };
const confirmForm = formSubmit(confirmSignup, rowForm);
const withdrawForm = formSubmit(withdrawSignup, rowForm);

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; tab?: string }>;

Component({
  data: {
    tab: 'upcoming' as Tab,
    items: [] as SignupRow[],
    loaded: false,
    hasMore: false,
    listError: '',
    loadingMore: false,
    moreError: '',
    /** The row whose withdraw form is open. */
    panelId: '',
    reason: '',
    errors: emptyErrors(FIELDS),
    rowError: '',
    rowErrorId: '',
    sending: false,
  },
  methods: {
    onShow() {
      // Back from an activity, or from a notice: places on the waitlist may have moved.
      void signups(this).reload(this.data.tab);
    },
    async onPullDownRefresh() {
      await signups(this).reload(this.data.tab);
      wx.stopPullDownRefresh();
    },
    retry() {
      void signups(this).reload(this.data.tab);
    },
    onReachBottom() {
      void signups(this).loadMore();
    },
    loadMore() {
      return signups(this).loadMore();
    },
    switchTab(e: Tap) {
      const tab: Tab = e.currentTarget.dataset.tab === 'past' ? 'past' : 'upcoming';
      if (tab === this.data.tab) return;
      this.setData({ tab, items: [], loaded: false, panelId: '', rowError: '' });
      void signups(this).reload(tab);
    },
    open(e: Tap) {
      const row = this.data.items.find((r) => r.id === e.currentTarget.dataset.id);
      if (row) wx.navigateTo({ url: `/pages/volunteer/activity/index?activityId=${row.activityId}` });
    },
    async confirm(e: Tap) {
      const id = e.currentTarget.dataset.id ?? '';
      if (!id || this.data.sending) return;
      this.setData({ rowErrorId: id });
      const res = await confirmForm(this).submit({ signupId: id });
      if (!res) return;
      if (!res.ok) {
        void signups(this).reload(this.data.tab);
        return;
      }
      signups(this).put(res.data, (a, b) => a.id === b.id);
      wx.showToast({ title: '已确认参加', icon: 'success' });
    },
    checkIn(e: Tap) {
      const row = this.data.items.find((r) => r.id === e.currentTarget.dataset.id);
      if (row?.canCheckIn) wx.navigateTo({ url: row.checkInUrl });
    },
    openWithdraw(e: Tap) {
      this.setData({ panelId: e.currentTarget.dataset.id ?? '', reason: '', errors: emptyErrors(FIELDS), rowError: '' });
    },
    closePanel() {
      this.setData({ panelId: '', rowError: '' });
    },
    onReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },
    async submitWithdraw() {
      const id = this.data.panelId;
      if (!id) return;
      this.setData({ rowErrorId: id });
      const res = await withdrawForm(this).submit({ signupId: id, reason: this.data.reason.trim() });
      if (!res || !res.ok) return;
      this.setData({ panelId: '', reason: '' });
      signups(this).put(res.data, (a, b) => a.id === b.id);
      wx.showToast({ title: '已退出', icon: 'success' });
    },
    goActivities() {
      wx.navigateTo({ url: '/pages/volunteer/activities/index' });
    },
  },
});
