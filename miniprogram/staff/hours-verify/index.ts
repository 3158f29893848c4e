import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { adjustHours, answerDispute, hourAnomalies, listDisputes, pendingHours, verifyHours, type AnomalyView, type DisputeView, type HourEntryView } from '../../core/hours/contract';
import { listActivities } from '../../core/volunteer/contract';
import { dateText, timeLeftText } from '../../services/dates';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { entryRow, serviceDateText, type EntryRow } from '../../services/hours-view';
import { allows } from '../../services/view';

/**
 * 时长核验 for the project lead and admins: entries waiting (通过, 不通过 with a reason, the
 * second verification above 8 h), 更正 as a new entry with a reason, the admins' dispute
 * queue with due dates, and each activity's anomaly list.
 */
type Tab = 'pending' | 'anomalies' | 'disputes';
type Panel = '' | 'decline' | 'adjust' | 'answer';

interface DisputeRow {
  id: string;
  volunteerName: string;
  content: string;
  dateText: string;
  hoursText: string;
  text: string;
  dueText: string;
  late: boolean;
  statusLabel: string;
  entryId: string;
  canAnswer: boolean;
  canAdjust: boolean;
}
const disputeRow = (d: DisputeView, now: number): DisputeRow => ({
  id: d.id,
  volunteerName: d.entry.volunteerName ?? '志愿者',
  content: d.entry.content,
  dateText: serviceDateText(d.entry.serviceDate),
  hoursText: d.entry.hoursText,
  text: d.text,
  dueText: d.late ? `已逾期（应于${dateText(d.dueAt, now)}前答复）` : `${timeLeftText(d.dueAt, false, now).text}（${dateText(d.dueAt, now)}前答复）`,
  late: d.late,
  statusLabel: d.statusLabel,
  entryId: d.entry.id,
  canAnswer: allows(d.allowedActions, 'hours.answerDispute'),
  canAdjust: allows(d.entry.allowedActions, 'hours.adjust'),
});

interface AnomalyRow {
  key: string;
  kindLabel: string;
  people: string;
  whenText: string;
  countText: string;
}
const anomalyRow = (a: AnomalyView, i: number, now: number): AnomalyRow => ({
  key: `${a.kind}-${i}`,
  kindLabel: a.kindLabel,
  people: a.people.join('、'),
  whenText: a.shiftStartAt ? `班次 ${dateText(a.shiftStartAt, now)}` : a.serviceDate ? serviceDateText(a.serviceDate) : '',
  countText: a.count > 1 ? `共${a.count}次` : '',
});

const FIELDS = ['reason', 'minutes', 'answer'] as const;
const rowForm = { fields: FIELDS, keys: { message: 'rowError', busy: 'sending' } };
const verifyForm = formSubmit(verifyHours, rowForm);
const adjustForm = formSubmit(adjustHours, rowForm);
const answerForm = formSubmit(answerDispute, rowForm);

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; entry?: string; tab?: string; panel?: string; sign?: string }>;

Component({
  data: {
    tab: 'pending' as Tab,
    canDisputes: false,
    loaded: false,
    error: '',
    items: [] as EntryRow[],
    disputes: [] as DisputeRow[],
    activities: [] as Array<{ id: string; title: string; whenText: string }>,
    activityIndex: -1,
    anomalies: [] as AnomalyRow[],
    anomaliesLoaded: false,
    panelId: '',
    /** The entry a 更正 applies to (the row's own, or a dispute's entry). */
    entryId: '',
    panel: '' as Panel,
    reason: '',
    hours: '',
    sign: 1,
    answer: '',
    errors: emptyErrors(FIELDS),
    rowError: '',
    sending: false,
    doneText: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const tab: Tab = options.tab === 'disputes' ? 'disputes' : options.tab === 'anomalies' ? 'anomalies' : 'pending';
      this.setData({ tab });
      void this.start(options.activityId ?? '');
    },
    async start(activityId: string) {
      const me = await call(getMe, {});
      if (me.ok) this.setData({ canDisputes: allows(me.data.allowedActions, 'hours.disputes') });
      if (this.data.tab === 'disputes' && !this.data.canDisputes) this.setData({ tab: 'pending' });
      await this.load(activityId);
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    retry() {
      void this.load();
    },
    switchTab(e: Tap) {
      const t = e.currentTarget.dataset.tab;
      const tab: Tab = t === 'disputes' || t === 'anomalies' ? t : 'pending';
      if (tab === this.data.tab) return;
      this.setData({ tab, panelId: '', panel: '', rowError: '', doneText: '' });
      void this.load();
    },
    async load(activityId = '') {
      const now = Date.now();
      this.setData({ error: '', loaded: false });
      if (this.data.tab === 'pending') {
        const res = await call(pendingHours, { limit: 50 });
        if (!res.ok) return this.setData({ loaded: true, error: res.error.message });
        this.setData({ loaded: true, items: res.data.items.map(entryRow) });
      } else if (this.data.tab === 'disputes') {
        const res = await call(listDisputes, { status: 'open', limit: 50 });
        if (!res.ok) return this.setData({ loaded: true, error: res.error.message });
        this.setData({ loaded: true, disputes: res.data.items.map((d) => disputeRow(d, now)) });
      } else {
        const res = await call(listActivities, { view: 'manage', limit: 30 });
        if (!res.ok) return this.setData({ loaded: true, error: res.error.message });
        const activities = res.data.items.filter((a) => allows(a.allowedActions, 'activity.roster')).map((a) => ({ id: a.id, title: a.title, whenText: dateText(a.startAt, now) }));
        const wanted = activityId || this.data.activities[this.data.activityIndex]?.id || activities[0]?.id || '';
        const activityIndex = activities.findIndex((a) => a.id === wanted);
        this.setData({ loaded: true, activities, activityIndex, anomalies: [], anomaliesLoaded: false });
        if (activityIndex >= 0) await this.loadAnomalies(activities[activityIndex].id);
      }
      return undefined;
    },
    async loadAnomalies(activityId: string) {
      const res = await call(hourAnomalies, { activityId });
      if (!res.ok) return this.setData({ error: res.error.message });
      const now = Date.now();
      this.setData({ anomalies: res.data.items.map((a, i) => anomalyRow(a, i, now)), anomaliesLoaded: true });
      return undefined;
    },
    pickActivity(e: WechatMiniprogram.PickerChange) {
      const activityIndex = Number(e.detail.value);
      const a = this.data.activities[activityIndex];
      if (!a) return;
      this.setData({ activityIndex, anomalies: [], anomaliesLoaded: false });
      void this.loadAnomalies(a.id);
    },
    openPanel(e: Tap) {
      const panel = e.currentTarget.dataset.panel;
      this.setData({
        panelId: e.currentTarget.dataset.id ?? '',
        entryId: e.currentTarget.dataset.entry || e.currentTarget.dataset.id || '',
        panel: panel === 'decline' || panel === 'adjust' || panel === 'answer' ? panel : '',
        reason: '',
        hours: '',
        sign: 1,
        answer: '',
        errors: emptyErrors(FIELDS),
        rowError: '',
        doneText: '',
      });
    },
    closePanel() {
      this.setData({ panelId: '', panel: '', rowError: '' });
    },
    onReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },
    onHours(e: WechatMiniprogram.Input) {
      this.setData({ hours: e.detail.value, 'errors.minutes': '' });
    },
    onSign(e: Tap) {
      this.setData({ sign: e.currentTarget.dataset.sign === '-1' ? -1 : 1 });
    },
    onAnswer(e: WechatMiniprogram.TextareaInput) {
      this.setData({ answer: e.detail.value, 'errors.answer': '' });
    },
    /** The entry leaves the queue once decided (a first of two verifications stays, marked). */
    settle(view: HourEntryView, text: string) {
      const stays = view.status === 'pending';
      const items = stays ? this.data.items.map((r) => (r.id === view.id ? entryRow(view) : r)) : this.data.items.filter((r) => r.id !== view.id);
      this.setData({ items, panelId: '', panel: '', doneText: text });
    },
    async verify(e: Tap) {
      const id = e.currentTarget.dataset.id ?? '';
      if (!id) return;
      this.setData({ panelId: id, panel: '', doneText: '' });
      const res = await verifyForm(this).submit({ entryId: id, decision: 'verify' });
      if (!res) return;
      if (!res.ok) {
        if (res.error.code === 'CONFLICT') void this.load();
        return;
      }
      this.settle(res.data, res.data.status === 'verified' ? `已核验通过：${res.data.volunteerName ?? ''} ${res.data.hoursText}` : '已核验，等待另一位负责人再核验');
    },
    async submitDecline() {
      const id = this.data.panelId;
      const res = await verifyForm(this).submit({ entryId: id, decision: 'decline', reason: this.data.reason.trim() });
      if (!res || !res.ok) return;
      this.settle(res.data, `已标为不通过，${res.data.volunteerName ?? '志愿者'}会收到原因`);
    },
    async submitAdjust() {
      const id = this.data.entryId;
      const hours = Number(this.data.hours);
      if (!this.data.hours.trim() || !Number.isFinite(hours) || hours <= 0) {
        this.setData({ 'errors.minutes': '请填写更正的时长（小时，可填0.5）' });
        return;
      }
      const minutes = this.data.sign * Math.round(hours * 60);
      const res = await adjustForm(this).submit({ entryId: id, minutes, reason: this.data.reason.trim() });
      if (!res || !res.ok) return;
      // The correction is a new pending entry: it joins the queue for another look.
      const items = this.data.tab === 'pending' ? [...this.data.items, entryRow(res.data)] : this.data.items;
      this.setData({ items, panelId: '', panel: '', doneText: `已新增更正记录 ${minutes > 0 ? '+' : ''}${res.data.hoursText}，待核验` });
    },
    async submitAnswer() {
      const id = this.data.panelId;
      const res = await answerForm(this).submit({ disputeId: id, answer: this.data.answer.trim() });
      if (!res || !res.ok) return;
      this.setData({ disputes: this.data.disputes.filter((d) => d.id !== id), panelId: '', panel: '', doneText: `已答复${res.data.entry.volunteerName ?? '志愿者'}` });
    },
  },
});
