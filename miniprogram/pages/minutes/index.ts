import { call } from '../../services/api';
import { getMeeting, getMinutes, type MinutesView } from '../../core/council/meeting-contract';
import { dateText } from '../../services/dates';
import { meetingWhenText } from '../../services/council-view';

/** Answers that mean "no public minutes yet" rather than a failure to show. */
const NOT_YET = ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN'];

/**
 * A meeting's minutes as residents read them: only the approved public version (personal
 * data masked) — the record drawn from the meeting (attendance, quorum, each item and its
 * vote), the summary and what was said per item. Before approval: 「纪要尚未审定」.
 */
Component({
  data: {
    meetingId: '',
    loaded: false,
    error: '',
    title: '',
    whenText: '',
    place: '',
    approved: false,
    record: [] as string[],
    summary: '',
    items: [] as Array<{ key: string; title: string; discussion: string }>,
    publicText: '',
    signedText: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ meetingId: query.meetingId ? decodeURIComponent(query.meetingId) : '' });
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      const meetingId = this.data.meetingId;
      const [meeting, minutes] = await Promise.all([call(getMeeting, { meetingId }), call(getMinutes, { meetingId })]);
      if (!meeting.ok) {
        this.setData({ loaded: true, error: meeting.error.message });
        return;
      }
      const now = Date.now();
      const m = meeting.data;
      const head = { title: m.title, whenText: meetingWhenText(m, now), place: m.place };
      if (!minutes.ok && !NOT_YET.includes(minutes.error.code)) {
        this.setData({ loaded: true, error: minutes.error.message, ...head });
        return;
      }
      const v: MinutesView | null = minutes.ok && minutes.data.status === 'approved' ? minutes.data : null;
      this.setData({
        loaded: true,
        error: '',
        ...head,
        approved: v !== null,
        record: v?.record ?? [],
        summary: v?.summary ?? '',
        items: (v?.items ?? []).filter((i) => i.discussion.trim() !== '').map((i, n) => ({ key: `i${n}`, title: i.title, discussion: i.discussion })),
        // The masked text stands alone only when the structured parts did not come with it.
        publicText: v && v.record.length === 0 && !v.summary ? v.publicText ?? '' : '',
        signedText: v ? `记录人：${v.secretaryName}${v.approvedByName ? `　审定：${v.approvedByName}` : ''}${v.approvedAt !== null ? `　${dateText(v.approvedAt, now)}公布` : ''}` : '',
      });
    },
  },
});
