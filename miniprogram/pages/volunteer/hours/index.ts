import { call } from '../../../services/api';
import { disputeHours, myHours, type MyHoursView } from '../../../core/hours/contract';
import { emptyErrors } from '../../../services/form';
import { formSubmit } from '../../../services/form-submit';
import { entryRow, type EntryRow } from '../../../services/hours-view';

const FIELDS = ['text'] as const;
const disputeForm = formSubmit(disputeHours, { fields: FIELDS, keys: { message: 'rowError', busy: 'sending' } });

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string }>;

Component({
  data: {
    loaded: false,
    error: '',
    verifiedMinutes: 0,
    verifiedText: '',
    pendingMinutes: 0,
    pendingText: '',
    byTeam: [] as MyHoursView['byTeam'],
    byYear: [] as MyHoursView['byYear'],
    items: [] as EntryRow[],
    next: '',
    loadingMore: false,
    moreError: '',
    /** The entry whose 有异议 form is open. */
    panelId: '',
    text: '',
    errors: emptyErrors(FIELDS),
    rowError: '',
    sending: false,
  },
  methods: {
    onShow() {
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      this.setData({ error: '' });
      const res = await call(myHours, { limit: 30 });
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      const v = res.data;
      this.setData({
        loaded: true,
        verifiedMinutes: v.verified.minutes,
        verifiedText: v.verified.hoursText,
        pendingMinutes: v.pending.minutes,
        pendingText: v.pending.hoursText,
        byTeam: v.byTeam,
        byYear: v.byYear,
        items: v.entries.map(entryRow),
        next: v.next ?? '',
        moreError: '',
      });
    },
    async loadMore() {
      if (!this.data.next || this.data.loadingMore) return;
      this.setData({ loadingMore: true, moreError: '' });
      const res = await call(myHours, { limit: 30, cursor: this.data.next });
      if (!res.ok) {
        this.setData({ loadingMore: false, moreError: res.error.message });
        return;
      }
      this.setData({ loadingMore: false, items: [...this.data.items, ...res.data.entries.map(entryRow)], next: res.data.next ?? '' });
    },
    onReachBottom() {
      void this.loadMore();
    },
    openDispute(e: Tap) {
      this.setData({ panelId: e.currentTarget.dataset.id ?? '', text: '', errors: emptyErrors(FIELDS), rowError: '' });
    },
    closePanel() {
      this.setData({ panelId: '', rowError: '' });
    },
    onText(e: WechatMiniprogram.TextareaInput) {
      this.setData({ text: e.detail.value, 'errors.text': '' });
    },
    async submitDispute() {
      const entryId = this.data.panelId;
      if (!entryId) return;
      const res = await disputeForm(this).submit({ entryId, text: this.data.text.trim() });
      if (!res || !res.ok) return;
      const d = res.data;
      const items = this.data.items.map((r) =>
        r.id === entryId ? { ...r, canDispute: false, disputeLabel: '异议待答复', disputeText: d.text, answer: d.answer ?? '' } : r,
      );
      this.setData({ panelId: '', text: '', items });
      wx.showToast({ title: '已提交异议', icon: 'success' });
    },
    goCertificates() {
      wx.navigateTo({ url: '/pages/certificates/index' });
    },
    goActivities() {
      wx.navigateTo({ url: '/pages/volunteer/activities/index' });
    },
  },
});
