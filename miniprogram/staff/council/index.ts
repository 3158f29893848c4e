import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { listMeetings, type MeetingView } from '../../core/council/meeting-contract';
import { answerMotion, listMotions, type MotionView } from '../../core/council/motion-contract';
import { listResolutions, type ResolutionView } from '../../core/council/resolution-contract';
import { MOTION_ANSWER_LABELS, type MotionAnswer } from '../../core/council/vocabulary';
import { emptyErrors } from '../../services/form';
import { formKeys, formSubmit } from '../../services/form-submit';
import { pagedList, prefixedKeys } from '../../services/paged-list';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import { allows } from '../../services/view';
import { meetingRow, motionOrder, motionRow, resolutionRow, type MotionRow } from './view';

type MeetingWhen = 'upcoming' | 'past';
type ResolutionWhen = 'mine' | 'open';
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; when?: string; kind?: string; id?: string }>;

const ANSWER = ['kind', 'reason'] as const;
const ANSWERS = (Object.keys(MOTION_ANSWER_LABELS) as MotionAnswer[]).map((k) => ({ value: k, label: MOTION_ANSWER_LABELS[k] }));

const meetings = pagedList({
  fetch: (when: MeetingWhen, cursor) => call(listMeetings, { when, cursor, limit: 20 }),
  row: (m: MeetingView) => meetingRow(m),
  keys: prefixedKeys('meetings'),
});
const resolutions = pagedList({
  fetch: (when: ResolutionWhen, cursor) => call(listResolutions, { when, cursor, limit: 20 }),
  row: (r: ResolutionView) => resolutionRow(r),
  keys: prefixedKeys('resolutions'),
});
const answerForm = formSubmit(answerMotion, { fields: ANSWER, keys: formKeys('answer'), whenEmpty: { kind: '请选择答复方式' } });

const state = instanceState(() => ({ motions: [] as MotionView[], shown: false }));

/**
 * 民主议事 for staff: the motions that wait on them (overdue, then past threshold) with 答复
 * (always with reasons) for those not put to a meeting; the meetings, to run one at the door
 * or write its minutes, and 召集会议 for admins; the resolutions each worker owns, and all
 * still being carried out, the overdue marked.
 */
Component({
  data: {
    meError: '',
    canCreate: false,
    motionsLoaded: false,
    motionsError: '',
    motions: [] as MotionRow[],
    answerId: '',
    answers: ANSWERS,
    answerKind: '',
    answerReason: '',
    answerErrors: emptyErrors(ANSWER),
    answerError: '',
    saving: false,
    meetingWhen: 'upcoming' as MeetingWhen,
    meetings: [] as ReturnType<typeof meetingRow>[],
    meetingsMore: false,
    meetingsLoadingMore: false,
    meetingsError: '',
    meetingsMoreError: '',
    meetingsLoaded: false,
    resolutionWhen: 'mine' as ResolutionWhen,
    resolutions: [] as ReturnType<typeof resolutionRow>[],
    resolutionsMore: false,
    resolutionsLoadingMore: false,
    resolutionsError: '',
    resolutionsMoreError: '',
    resolutionsLoaded: false,
  },
  methods: {
    onLoad() {
      void this.init();
    },
    onShow() {
      // Back from a meeting or a resolution: what changed there shows here.
      const s = state(this);
      if (s.shown) void this.refresh();
      s.shown = true;
    },
    async onPullDownRefresh() {
      await this.refresh();
      wx.stopPullDownRefresh();
    },
    async init() {
      const [me] = await Promise.all([call(getMe, {}), this.refresh()]);
      if (!me.ok) {
        this.setData({ meError: me.error.message });
        return;
      }
      this.setData({ meError: '', canCreate: allows(me.data.allowedActions, 'meeting.create') });
    },
    async refresh() {
      await Promise.all([this.loadMotions(), meetings(this).reload(this.data.meetingWhen), resolutions(this).reload(this.data.resolutionWhen)]);
    },
    async loadMotions() {
      const res = await collectPages((cursor) => call(listMotions, { when: 'open', cursor, limit: 50 }), 4);
      if (!res.ok) {
        this.setData({ motionsLoaded: true, motionsError: res.error.message });
        return;
      }
      // Those waiting on staff come first; a collecting motion is the residents' to carry.
      const s = state(this);
      s.motions = res.data.filter((m) => m.status === 'thresholdMet' || m.overdue || m.status === 'collecting').sort(motionOrder);
      this.setData({ motionsLoaded: true, motionsError: '', motions: s.motions.map((m) => motionRow(m)) });
    },
    retry() {
      void this.init();
    },

    // —— 答复议题 ——
    openAnswer(e: Tap) {
      const m = state(this).motions[Number(e.currentTarget.dataset.index)];
      if (!m) return;
      answerForm(this).clear();
      this.setData({ answerId: m.id, answerKind: '', answerReason: '' });
    },
    closeAnswer() {
      this.setData({ answerId: '' });
    },
    onAnswerKind(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ answerKind: e.detail.value, 'answerErrors.kind': '' });
    },
    onAnswerReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ answerReason: e.detail.value, 'answerErrors.reason': '' });
    },
    async submitAnswer() {
      const d = this.data;
      const input = { motionId: d.answerId, kind: (d.answerKind || undefined) as MotionAnswer, reason: d.answerReason.trim() };
      const res = await answerForm(this).submit(input);
      if (!res?.ok) return;
      const s = state(this);
      // Answered, it no longer waits on anyone: it leaves this list.
      s.motions = s.motions.filter((m) => m.id !== res.data.id);
      this.setData({ answerId: '', motions: s.motions.map((m) => motionRow(m)) });
      wx.showToast({ title: '已答复', icon: 'success' });
    },

    // —— 会议 ——
    switchMeetings(e: Tap) {
      const when: MeetingWhen = e.currentTarget.dataset.when === 'past' ? 'past' : 'upcoming';
      if (when === this.data.meetingWhen) return;
      this.setData({ meetingWhen: when });
      meetings(this).clear();
      void meetings(this).reload(when);
    },
    moreMeetings() {
      void meetings(this).loadMore();
    },
    openMeeting(e: Tap) {
      const m = meetings(this).items[Number(e.currentTarget.dataset.index)];
      if (!m) return;
      const id = encodeURIComponent(m.id);
      if (e.currentTarget.dataset.kind === 'minutes') wx.navigateTo({ url: `/staff/minutes-edit/index?meetingId=${id}` });
      else wx.navigateTo({ url: `/staff/meeting-run/index?meetingId=${id}` });
    },
    create() {
      wx.navigateTo({ url: '/staff/meeting-edit/index' });
    },

    // —— 决议 ——
    switchResolutions(e: Tap) {
      const when: ResolutionWhen = e.currentTarget.dataset.when === 'open' ? 'open' : 'mine';
      if (when === this.data.resolutionWhen) return;
      this.setData({ resolutionWhen: when });
      resolutions(this).clear();
      void resolutions(this).reload(when);
    },
    moreResolutions() {
      void resolutions(this).loadMore();
    },
    openResolution(e: Tap) {
      const r = resolutions(this).items[Number(e.currentTarget.dataset.index)];
      if (r) wx.navigateTo({ url: `/staff/resolution/index?resolutionId=${encodeURIComponent(r.id)}` });
    },
  },
});
