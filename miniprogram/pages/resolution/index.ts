import { call } from '../../services/api';
import { getResolution, type ResolutionView } from '../../core/council/resolution-contract';
import { dateText } from '../../services/dates';
import { instanceState } from '../../services/page-state';
import { pagePhotos, type PhotoItem } from '../../services/photos';
import { barPercent, resolutionDueText, resolutionTone } from '../../services/council-view';

interface ProgressRow {
  key: string;
  percentText: string;
  text: string;
  byText: string;
  photos: PhotoItem[];
}

interface StageRow {
  key: string;
  label: string;
  done: boolean;
  lines: string[];
}

const state = instanceState(() => ({ resolution: null as ResolutionView | null }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number }>;

/**
 * A resolution as residents follow it: what was decided, at which meeting and by what vote,
 * who carries it out by when, and how far it has got — a bar, then each progress report with
 * its photos, newest first; the stages of 四议两公开 with their 应到/实到 where the matter
 * needs them; and the motion or concern it came from.
 */
Component({
  data: {
    loaded: false,
    error: '',
    title: '',
    text: '',
    statusLabel: '',
    tone: 'muted',
    percent: 0,
    percentText: '',
    overdue: false,
    ownerText: '',
    dueText: '',
    meetingText: '',
    explanation: '',
    progress: [] as ProgressRow[],
    stages: [] as StageRow[],
    motionTitle: '',
    concerns: [] as Array<{ key: string; title: string }>,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      void this.load(query.resolutionId ? decodeURIComponent(query.resolutionId) : '');
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load(id?: string) {
      const s = state(this);
      const resolutionId = id ?? s.resolution?.id ?? '';
      const res = await call(getResolution, { resolutionId });
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      s.resolution = res.data;
      const photoIds = res.data.progress.flatMap((p) => p.photoIds);
      if (photoIds.length > 0) await pagePhotos(this).load(photoIds);
      this.show(res.data);
    },
    retry() {
      void this.load();
    },
    show(r: ResolutionView) {
      const now = Date.now();
      const photos = pagePhotos(this);
      this.setData({
        loaded: true,
        error: '',
        title: r.title,
        text: r.text,
        statusLabel: r.statusLabel,
        tone: resolutionTone(r.status),
        percent: barPercent(r.percent, 100),
        percentText: r.status === 'done' ? '已完成' : `已完成${r.percent}%`,
        overdue: r.overdue && r.status === 'inProgress',
        ownerText: `负责人：${r.ownerName}`,
        dueText: resolutionDueText(r, now),
        meetingText: `${dateText(r.meeting.at, now).replace(/ \d\d:\d\d$/, '')} ${r.meeting.bodyLabel}「${r.meeting.title}」通过`,
        explanation: r.explanation,
        progress: r.progress
          .slice()
          .sort((a, b) => b.at - a.at)
          .map((p, i) => ({ key: `p${i}`, percentText: `${p.percent}%`, text: p.text, byText: `${p.byName} ${dateText(p.at, now)}`, photos: photos.items(p.photoIds) })),
        stages: (r.procedure ?? []).map((st) => ({
          key: st.stage,
          label: st.label,
          done: st.done,
          lines: [
            [st.date !== null ? dateText(st.date, now) : '', st.bodyText ?? ''].filter((x) => x).join(' '),
            st.ratioText ?? '',
            st.quorumText ?? '',
            st.outcome ?? '',
          ].filter((x) => x !== ''),
        })),
        motionTitle: r.motion?.title ?? '',
        concerns: r.concerns.map((c, i) => ({ key: `c${i}`, title: c.title })),
      });
    },
    goMeeting() {
      const r = state(this).resolution;
      if (r) wx.navigateTo({ url: `/pages/meeting/index?meetingId=${encodeURIComponent(r.meeting.meetingId)}` });
    },
    goMotion() {
      const m = state(this).resolution?.motion;
      if (m) wx.navigateTo({ url: `/pages/motion/index?motionId=${encodeURIComponent(m.motionId)}` });
    },
    goConcern(e: Tap) {
      const c = state(this).resolution?.concerns[Number(e.currentTarget.dataset.index)];
      if (c) wx.navigateTo({ url: `/pages/concern-detail/index?id=${encodeURIComponent(c.concernId)}` });
    },
  },
});
