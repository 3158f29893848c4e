import { call } from '../../../services/api';
import { checkIn, checkOut, parseCheckInQr, type AttendanceView } from '../../../core/volunteer/check-in-contract';
import { DEFAULT_MESSAGES, type ErrorBody } from '../../../core/errors';
import { clockText, timeRange } from '../../../services/date-strip';
import { dateText } from '../../../services/dates';
import { deviceKey } from '../services/device-key';

type Step = 'in' | 'out';

interface Outcome {
  title: string;
  lines: string[];
  flagged: boolean;
}

/** What the volunteer reads after a scan: the time, and any flag in plain words. */
function outcome(step: Step, a: AttendanceView): Outcome {
  if (step === 'in') {
    return {
      title: `签到成功 ${clockText(a.inAt)}`,
      lines: [a.activityTitle, `班次 ${timeRange(a.shiftStartAt, a.shiftEndAt)}`, ...a.flagLabels.map((f) => `${f}，负责人核验时会看到`)],
      flagged: a.flagLabels.length > 0,
    };
  }
  return {
    title: `签退成功 ${a.outAt ? clockText(a.outAt) : ''}`.trim(),
    lines: [
      a.activityTitle,
      a.hoursText ? `本次计 ${a.hoursText}，待项目负责人核验后计入我的时长` : '时长待项目负责人核验',
      ...a.flagLabels.map((f) => `${f}，负责人核验时会看到`),
    ],
    flagged: a.flagLabels.length > 0,
  };
}

/** The server words its typed refusals (stale code, another phone, not booked…) plainly; a lost answer is said here. */
function errorText(e: ErrorBody): string {
  if (e.code === 'NETWORK_ERROR' || e.code === 'INTERNAL') return '没有连上，不知道是否已记录。请再扫一次（重复扫码不会重复记录）';
  return e.message || DEFAULT_MESSAGES[e.code];
}

Component({
  data: {
    activityId: '',
    shiftId: '',
    title: '',
    whenText: '',
    step: 'in' as Step,
    typing: false,
    code: '',
    codeError: '',
    sending: false,
    error: '',
    result: null as Outcome | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const startAt = Number(query.startAt);
      const endAt = Number(query.endAt);
      this.setData({
        activityId: query.activityId ?? '',
        shiftId: query.shiftId ?? '',
        title: query.title ? decodeURIComponent(query.title) : '',
        whenText: startAt && endAt ? `${dateText(startAt)}–${clockText(endAt)}` : '',
        step: query.step === 'out' ? 'out' : 'in',
      });
    },
    pick(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { step?: string }>) {
      this.setData({ step: e.currentTarget.dataset.step === 'out' ? 'out' : 'in', error: '', result: null });
    },
    scan() {
      if (this.data.sending) return;
      this.setData({ error: '', result: null });
      wx.scanCode({
        onlyFromCamera: true,
        scanType: ['qrCode'],
        success: ({ result }) => {
          const parsed = parseCheckInQr(result);
          if (!parsed) {
            this.setData({ error: '这不是邻里的签到二维码，请扫负责人手机上显示的二维码' });
            return;
          }
          if (this.data.activityId && parsed.activityId !== this.data.activityId) {
            this.setData({ error: '这是另一个活动的签到码，请扫本活动负责人手机上的二维码' });
            return;
          }
          void this.send(parsed);
        },
        fail: (err) => {
          if (!/cancel/.test(err.errMsg)) this.setData({ error: '没有打开相机：请允许使用摄像头，或点「输入签到码」' });
        },
      });
    },
    openTyping() {
      this.setData({ typing: true, code: '', codeError: '', error: '', result: null });
    },
    onCode(e: WechatMiniprogram.Input) {
      this.setData({ code: e.detail.value.replace(/\D/g, '').slice(0, 6), codeError: '' });
    },
    submitCode() {
      const code = this.data.code;
      if (!/^\d{6}$/.test(code)) {
        this.setData({ codeError: '签到码是负责人手机上显示的6位数字' });
        return;
      }
      void this.send({ activityId: this.data.activityId, shiftId: this.data.shiftId, code });
    },
    async send(target: { activityId: string; shiftId: string; code: string }) {
      if (this.data.sending) return;
      const step = this.data.step;
      this.setData({ sending: true, error: '', result: null });
      const input = { ...target, deviceKey: deviceKey() };
      const res = await call(step === 'in' ? checkIn : checkOut, input);
      if (!res.ok) {
        this.setData({ sending: false, error: errorText(res.error) });
        return;
      }
      this.setData({
        sending: false,
        typing: false,
        code: '',
        result: outcome(step, res.data),
        title: res.data.activityTitle,
        // After checking in, the next thing to do here is 签退.
        step: step === 'in' ? 'out' : 'in',
      });
    },
    goHours() {
      wx.navigateTo({ url: '/pages/volunteer/hours/index' });
    },
  },
});
