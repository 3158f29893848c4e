import { call } from '../../services/api';
import { getMotion, supportMotion, type MotionView } from '../../core/council/motion-contract';
import { DEFAULT_MESSAGES, type ErrorBody } from '../../core/errors';
import { dateText } from '../../services/dates';
import { instanceState } from '../../services/page-state';
import { barPercent, motionTone, supportedText, supportWhenText } from '../../services/council-view';

interface LinkRows {
  concern: { title: string; numberText: string } | null;
  meeting: { title: string; whenText: string; itemStatusLabel: string } | null;
  resolution: { title: string; percent: number; percentText: string; statusLabel: string } | null;
}

/** Ids stay here, out of setData: the page renders words only. */
const state = instanceState(() => ({ motion: null as MotionView | null, supporting: false }));

function errorText(e: ErrorBody): string {
  if (e.code === 'NETWORK_ERROR' || e.code === 'INTERNAL') return '没有连上，不知道附议是否已记录。请再点一次（重复附议不会多算）';
  return e.message || DEFAULT_MESSAGES[e.code];
}

/**
 * One motion as a resident reads it: what is proposed, by whom, how far support has got
 * (「已有38户附议，需50户」) and until when, a one-tap 附议 (one per household or person,
 * the server decides), and what became of it: the meeting it is on, the committee's answer
 * with its reasons, the resolution and how far that has got.
 */
Component({
  data: {
    loaded: false,
    loadError: '',
    title: '',
    body: '',
    statusLabel: '',
    tone: 'muted',
    sourceLabel: '',
    moverName: '',
    scopeText: '',
    createdText: '',
    supportText: '',
    percent: 0,
    whenText: '',
    answerDueText: '',
    overdue: false,
    supportedText: '',
    canSupport: false,
    supporting: false,
    supportError: '',
    justSupported: false,
    answer: null as { label: string; reason: string; byText: string } | null,
    links: { concern: null, meeting: null, resolution: null } as LinkRows,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).motion = null;
      void this.load(query.motionId ? decodeURIComponent(query.motionId) : '');
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load(id?: string) {
      const motionId = id ?? state(this).motion?.id ?? '';
      const res = await call(getMotion, { motionId });
      if (!res.ok) {
        this.setData({ loaded: true, loadError: res.error.message });
        return;
      }
      this.show(res.data);
    },
    retry() {
      void this.load();
    },
    show(m: MotionView) {
      const now = Date.now();
      state(this).motion = m;
      const l = m.links;
      this.setData({
        loaded: true,
        loadError: '',
        title: m.title,
        body: m.body,
        statusLabel: m.statusLabel,
        tone: motionTone(m.status),
        sourceLabel: m.sourceLabel,
        moverName: m.moverName,
        scopeText: m.scopeText,
        createdText: dateText(m.createdAt, now),
        supportText: m.supportText,
        percent: barPercent(m.supports, m.threshold),
        whenText: supportWhenText(m, now),
        answerDueText: m.answerDueAt !== null && (m.status === 'thresholdMet') ? `社区须在${dateText(m.answerDueAt, now)}前安排上会或答复` : '',
        overdue: m.overdue,
        supportedText: supportedText(m),
        canSupport: !m.supportedByMe && m.allowedActions.includes('motion.support'),
        answer: m.answer ? { label: m.answer.label, reason: m.answer.reason, byText: `${m.answer.byName} ${dateText(m.answer.at, now)}答复` } : null,
        links: {
          concern: l.concern ? { title: l.concern.title, numberText: `受理编号 ${l.concern.trackingNo}` } : null,
          meeting: l.meeting ? { title: l.meeting.title, whenText: dateText(l.meeting.startsAt, now), itemStatusLabel: l.meeting.itemStatusLabel ?? '' } : null,
          resolution: l.resolution
            ? { title: l.resolution.title, percent: barPercent(l.resolution.percent, 100), percentText: `已完成${l.resolution.percent}%`, statusLabel: l.resolution.statusLabel }
            : null,
        },
      });
    },
    /** One tap: no confirm step, and a second tap while the first is on its way does nothing. */
    async support() {
      const s = state(this);
      if (!s.motion || s.supporting) return;
      s.supporting = true;
      this.setData({ supporting: true, supportError: '' });
      const res = await call(supportMotion, { motionId: s.motion.id });
      s.supporting = false;
      if (!res.ok) {
        this.setData({ supporting: false, supportError: errorText(res.error) });
        // Someone of the household was quicker, or support closed: show where it now stands.
        if (res.error.code === 'CONFLICT' || res.error.code === 'CLOSED') {
          const message = this.data.supportError;
          await this.load();
          this.setData({ supportError: message });
        }
        return;
      }
      this.setData({ supporting: false, justSupported: true });
      this.show(res.data);
    },
    goConcern() {
      const c = state(this).motion?.links.concern;
      if (c) wx.navigateTo({ url: `/pages/concern-detail/index?id=${encodeURIComponent(c.concernId)}` });
    },
    goMeeting() {
      const m = state(this).motion?.links.meeting;
      if (m) wx.navigateTo({ url: `/pages/meeting/index?meetingId=${encodeURIComponent(m.meetingId)}` });
    },
    goResolution() {
      const r = state(this).motion?.links.resolution;
      if (r) wx.navigateTo({ url: `/pages/resolution/index?resolutionId=${encodeURIComponent(r.resolutionId)}` });
    },
  },
});
