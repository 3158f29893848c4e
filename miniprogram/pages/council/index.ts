import { call } from '../../services/api';
import { listMotions, motionSettings, type MotionView } from '../../core/council/motion-contract';
import { listMeetings, type MeetingView } from '../../core/council/meeting-contract';
import { listResolutions, type ResolutionView } from '../../core/council/resolution-contract';
import { pagedList, prefixedKeys } from '../../services/paged-list';
import { instanceState } from '../../services/page-state';
import { meetingRow, motionRow, resolutionRow, type MeetingRow, type MotionRow, type ResolutionRow } from '../../services/council-view';

type Tab = 'motions' | 'meetings' | 'resolutions';
type MotionWhen = 'open' | 'closed' | 'mine';
type MeetingWhen = 'upcoming' | 'past';
type ResolutionWhen = 'open' | 'done';

const TABS: readonly Tab[] = ['motions', 'meetings', 'resolutions'];

const motions = pagedList({
  fetch: (when: MotionWhen, cursor) => call(listMotions, { when, cursor, limit: 20 }),
  row: (m: MotionView) => motionRow(m, Date.now()),
  keys: prefixedKeys('motions'),
});
const meetings = pagedList({
  fetch: (when: MeetingWhen, cursor) => call(listMeetings, { when, cursor, limit: 20 }),
  row: (m: MeetingView) => meetingRow(m, Date.now()),
  keys: prefixedKeys('meetings'),
});
const resolutions = pagedList({
  fetch: (when: ResolutionWhen, cursor) => call(listResolutions, { when, cursor, limit: 20 }),
  row: (r: ResolutionView) => resolutionRow(r, Date.now()),
  keys: prefixedKeys('resolutions'),
});

/** Which tabs have been opened: a tab reads its list the first time it is shown, not before. */
const state = instanceState(() => ({ opened: new Set<Tab>(), shownOnce: false }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { tab?: string; when?: string; index?: number }>;

/**
 * 民主议事: the residents' way into 议题 (motions to support or propose), 会议 (meetings coming
 * up, with their own registration and sign-in) and 决议 (what meetings decided and how far it
 * has got). Each tab reads its list only when first opened; coming back refreshes the open one.
 */
Component({
  data: {
    tab: 'motions' as Tab,
    motionWhen: 'open' as MotionWhen,
    meetingWhen: 'upcoming' as MeetingWhen,
    resolutionWhen: 'open' as ResolutionWhen,
    canPropose: false,
    settingsText: '',
    motions: [] as MotionRow[],
    motionsLoaded: false,
    motionsError: '',
    motionsMore: false,
    motionsLoadingMore: false,
    motionsMoreError: '',
    meetings: [] as MeetingRow[],
    meetingsLoaded: false,
    meetingsError: '',
    meetingsMore: false,
    meetingsLoadingMore: false,
    meetingsMoreError: '',
    resolutions: [] as ResolutionRow[],
    resolutionsLoaded: false,
    resolutionsError: '',
    resolutionsMore: false,
    resolutionsLoadingMore: false,
    resolutionsMoreError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const tab = TABS.find((t) => t === query.tab) ?? 'motions';
      this.setData({ tab });
    },
    onShow() {
      // The first show opens the chosen tab; a later one (back from a motion just supported) refreshes it.
      const s = state(this);
      if (!s.shownOnce) {
        s.shownOnce = true;
        this.openTab(this.data.tab);
      } else void this.reload();
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void this.loadMore();
    },
    openTab(tab: Tab) {
      const s = state(this);
      if (s.opened.has(tab)) return;
      s.opened.add(tab);
      if (tab === 'motions') void this.loadSettings();
      void this.reload();
    },
    reload(): Promise<boolean> {
      const { tab } = this.data;
      if (tab === 'motions') return motions(this).reload(this.data.motionWhen);
      if (tab === 'meetings') return meetings(this).reload(this.data.meetingWhen);
      return resolutions(this).reload(this.data.resolutionWhen);
    },
    loadMore(): Promise<boolean> {
      const { tab } = this.data;
      if (tab === 'motions') return motions(this).loadMore();
      if (tab === 'meetings') return meetings(this).loadMore();
      return resolutions(this).loadMore();
    },
    /** The line over the motions: how support is counted here, and whether the caller may propose. */
    async loadSettings() {
      const res = await call(motionSettings, {});
      if (!res.ok) return;
      this.setData({
        canPropose: res.data.allowedActions.includes('motion.propose'),
        settingsText: `议题须在${res.data.supportDays}天内得到${res.data.thresholdText}，才列入会议议程。`,
      });
    },
    pickTab(e: Tap) {
      const tab = TABS.find((t) => t === e.currentTarget.dataset.tab);
      if (!tab || tab === this.data.tab) return;
      this.setData({ tab });
      this.openTab(tab);
    },
    pickWhen(e: Tap) {
      const when = e.currentTarget.dataset.when ?? '';
      const { tab } = this.data;
      if (tab === 'motions' && (when === 'open' || when === 'closed' || when === 'mine') && when !== this.data.motionWhen) {
        this.setData({ motionWhen: when });
        motions(this).clear();
      } else if (tab === 'meetings' && (when === 'upcoming' || when === 'past') && when !== this.data.meetingWhen) {
        this.setData({ meetingWhen: when });
        meetings(this).clear();
      } else if (tab === 'resolutions' && (when === 'open' || when === 'done') && when !== this.data.resolutionWhen) {
        this.setData({ resolutionWhen: when });
        resolutions(this).clear();
      } else return;
      void this.reload();
    },
    openMotion(e: Tap) {
      const m = motions(this).items[Number(e.currentTarget.dataset.index)];
      if (m) wx.navigateTo({ url: `/pages/motion/index?motionId=${encodeURIComponent(m.id)}` });
    },
    openMeeting(e: Tap) {
      const m = meetings(this).items[Number(e.currentTarget.dataset.index)];
      if (m) wx.navigateTo({ url: `/pages/meeting/index?meetingId=${encodeURIComponent(m.id)}` });
    },
    openResolution(e: Tap) {
      const r = resolutions(this).items[Number(e.currentTarget.dataset.index)];
      if (r) wx.navigateTo({ url: `/pages/resolution/index?resolutionId=${encodeURIComponent(r.id)}` });
    },
    propose() {
      wx.navigateTo({ url: '/pages/motion-propose/index' });
    },
  },
});
