import { call } from '../../services/api';
import { checkInByHand, checkInCode, type CheckInCodeView, type RosterPersonView } from '../../core/volunteer/check-in-contract';
import { clockText } from '../../services/date-strip';
import { dateText } from '../../services/dates';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { drawQrOnCanvas } from '../services/qr-canvas';
import { instanceState } from '../../services/page-state';

/**
 * 现场签到: the organiser's phone held up to the volunteers. The QR and its six digits change
 * every period; the page asks for the next one at `changesAt`, keeps the screen on, and lists
 * who has checked in. 团体录入 checks a booked person in or out by hand, with a reason.
 */
interface PersonRow {
  key: string;
  name: string;
  stateLabel: string;
  state: RosterPersonView['state'];
  timesText: string;
  flagText: string;
}
const personRow = (p: RosterPersonView, i: number): PersonRow => ({
  key: `p${i}`,
  name: p.name,
  stateLabel: p.stateLabel,
  state: p.state,
  timesText: [p.inAt ? `签到 ${clockText(p.inAt)}` : '', p.outAt ? `签退 ${clockText(p.outAt)}` : '', p.methodLabel ?? ''].filter(Boolean).join(' · '),
  flagText: p.flagLabels.join('；'),
});

const QR_PX = 260;
/** Asked again a moment after the change, so the server's new period has surely begun. */
const AFTER_CHANGE_MS = 300;
/** After a failed poll, try again soon: volunteers are waiting at the door. */
const RETRY_MS = 5000;

const FIELDS = ['reason'] as const;
const handForm = formSubmit(checkInByHand, { fields: FIELDS, keys: { message: 'rowError', busy: 'sending' } });

// Member ids stay here, out of setData: the screen never shows one.
const state = instanceState(() => ({ activityId: '', shiftId: '', people: [] as RosterPersonView[], timer: 0 as unknown as ReturnType<typeof setTimeout> | 0, qrText: '', live: false }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key?: string; step?: string }>;

Component({
  data: {
    loaded: false,
    error: '',
    pollError: '',
    title: '',
    place: '',
    whenText: '',
    code: '',
    changesText: '',
    counts: { booked: 0, checkedIn: 0, checkedOut: 0 },
    people: [] as PersonRow[],
    panelKey: '',
    step: 'in' as 'in' | 'out',
    reason: '',
    errors: emptyErrors(FIELDS),
    rowError: '',
    sending: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const s = state(this);
      s.activityId = options.activityId ?? '';
      s.shiftId = options.shiftId ? decodeURIComponent(options.shiftId) : '';
    },
    onShow() {
      const s = state(this);
      s.live = true;
      wx.setKeepScreenOn({ keepScreenOn: true });
      void this.poll();
    },
    onHide() {
      this.stop();
    },
    onUnload() {
      this.stop();
    },
    stop() {
      const s = state(this);
      s.live = false;
      if (s.timer) clearTimeout(s.timer);
      s.timer = 0;
      wx.setKeepScreenOn({ keepScreenOn: false });
    },
    schedule(ms: number) {
      const s = state(this);
      if (s.timer) clearTimeout(s.timer);
      s.timer = s.live ? setTimeout(() => void this.poll(), Math.max(ms, 1000)) : 0;
    },
    async poll() {
      const s = state(this);
      if (!s.activityId || !s.shiftId) {
        this.setData({ loaded: true, error: '没有指定活动班次，请从活动名单进入' });
        return;
      }
      const res = await call(checkInCode, { activityId: s.activityId, shiftId: s.shiftId });
      if (!s.live) return;
      if (!res.ok) {
        // A code already on screen stays valid a little longer; say the screen is stale and retry.
        if (this.data.loaded && this.data.code && res.error.code === 'NETWORK_ERROR') {
          this.setData({ pollError: '网络不好，签到码可能没有更新，正在重试…' });
          this.schedule(RETRY_MS);
        } else {
          this.setData({ loaded: true, error: res.error.message, code: '' });
          if (res.error.code === 'NETWORK_ERROR' || res.error.code === 'INTERNAL') this.schedule(RETRY_MS);
        }
        return;
      }
      this.show(res.data);
      this.schedule(res.data.changesAt - Date.now() + AFTER_CHANGE_MS);
    },
    show(v: CheckInCodeView) {
      const s = state(this);
      s.people = v.people;
      this.setData({
        loaded: true,
        error: '',
        pollError: '',
        title: v.activityTitle,
        place: v.place,
        whenText: `${dateText(v.shiftStartAt)}–${clockText(v.shiftEndAt)}`,
        code: v.code,
        changesText: `${clockText(v.changesAt)} 更换 · 每${v.periodSeconds}秒一换`,
        counts: v.counts,
        people: v.people.map(personRow),
      });
      if (v.qrText !== s.qrText) {
        s.qrText = v.qrText;
        this.drawQr(v.qrText);
      }
    },
    drawQr(text: string) {
      drawQrOnCanvas(this, '#qr', text, QR_PX);
    },
    retry() {
      void this.poll();
    },
    openHand(e: Tap) {
      const key = e.currentTarget.dataset.key ?? '';
      const row = this.data.people.find((p) => p.key === key);
      if (!row) return;
      this.setData({ panelKey: key, step: row.state === 'in' ? 'out' : 'in', reason: '', errors: emptyErrors(FIELDS), rowError: '' });
    },
    closeHand() {
      this.setData({ panelKey: '', rowError: '' });
    },
    pickStep(e: Tap) {
      this.setData({ step: e.currentTarget.dataset.step === 'out' ? 'out' : 'in' });
    },
    onReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },
    async submitHand() {
      const s = state(this);
      const index = this.data.people.findIndex((p) => p.key === this.data.panelKey);
      const person = s.people[index];
      if (!person) return;
      const res = await handForm(this).submit({ activityId: s.activityId, shiftId: s.shiftId, memberId: person.memberId, step: this.data.step, reason: this.data.reason.trim() });
      if (!res || !res.ok) return;
      s.people[index] = res.data;
      this.setData({ [`people[${index}]`]: personRow(res.data, index), panelKey: '', reason: '' });
      wx.showToast({ title: this.data.step === 'in' ? '已录入签到' : '已录入签退', icon: 'success' });
      void this.poll();
    },
  },
});
