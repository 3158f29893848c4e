import { call } from '../../services/api';
import { getConcern, type ConcernView } from '../../core/concern/contract';
import { formatDateTime } from '../../core/format';
import { statusTone, type Tone } from '../../services/view';
import { instanceState } from '../../services/page-state';

interface TimelineRow {
  key: string;
  label: string;
  atText: string;
  actorName: string;
  note: string;
}

interface DetailView {
  number: string;
  statusLabel: string;
  tone: Tone;
  categoryName: string;
  text: string;
  buildingName: string;
  createdText: string;
  assigneeName: string;
  authorName: string;
  hideName: boolean;
}

function detailView(c: ConcernView): DetailView {
  return {
    number: c.number,
    statusLabel: c.statusLabel,
    tone: statusTone(c.status),
    categoryName: c.categoryName,
    text: c.text,
    buildingName: c.buildingName,
    createdText: formatDateTime(c.createdAt),
    assigneeName: c.assignee?.name ?? '',
    authorName: c.authorName ?? '',
    hideName: c.hideName,
  };
}

function timelineRows(c: ConcernView): TimelineRow[] {
  return c.timeline.map((e, i) => ({
    key: `${i}-${e.at}`,
    label: e.label,
    atText: formatDateTime(e.at),
    actorName: e.actorName ?? '',
    note: e.note ?? '',
  }));
}

const state = instanceState(() => ({ id: '' }));

Component({
  data: {
    loading: true,
    error: '',
    created: false,
    concern: null as DetailView | null,
    timeline: [] as TimelineRow[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).id = query.id ? decodeURIComponent(query.id) : '';
      this.setData({ created: query.created === '1' });
      void this.load();
    },
    onShow() {
      // Coming back from another page: the status may have moved on.
      if (this.data.concern) void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      const id = state(this).id;
      if (!id) {
        this.setData({ loading: false, error: '没有找到这条诉求' });
        return;
      }
      const res = await call(getConcern, { concernId: id });
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      this.setData({
        loading: false,
        error: '',
        concern: detailView(res.data),
        timeline: timelineRows(res.data),
      });
    },
  },
});
