import { call } from '../../services/api';
import { formatDay } from '../../core/format';
import { insightDrill, insightOverview, monthlyTopic, recordMilestone, type DrillItem, type DrillQuery, type InsightOverview, type MonthlyTopicView } from '../../core/insight/contract';
import { instanceState } from '../../services/page-state';

/** 「2026-11」 of an instant, in Beijing time. */
const monthOf = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 7);
function shift(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}
const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

interface GridRow {
  buildingId: string;
  name: string;
  cells: { key: string; count: number; shade: number; category: string }[];
}

interface Bar {
  category: string;
  name: string;
  thisMonth: number;
  bar: number;
  trend: 'up' | 'down' | 'flat' | 'none';
  trendText: string;
  rankText: string;
  history: string;
}

/** The overview turned into rows the page draws: a building × category grid and a bar per category. */
export function gridOf(o: InsightOverview): { columns: { id: string; name: string }[]; rows: GridRow[] } {
  const used = new Set(o.cells.map((c) => c.category));
  const columns = o.categories.filter((c) => used.has(c.id));
  const at = new Map(o.cells.map((c) => [`${c.buildingId}|${c.category}`, c]));
  const rows = o.buildings.map((b) => ({
    buildingId: b.id,
    name: b.name,
    cells: columns.map((c) => {
      const cell = at.get(`${b.id}|${c.id}`);
      return { key: `${b.id}|${c.id}`, count: cell?.count ?? 0, shade: cell?.shade ?? 0, category: c.id };
    }),
  }));
  return { columns, rows };
}

function barsOf(o: InsightOverview): Bar[] {
  return o.byCategory
    .filter((c) => c.thisMonth > 0 || c.prevTotal > 0)
    .map((c) => ({
      category: c.category,
      name: c.name,
      thisMonth: c.thisMonth,
      bar: c.bar,
      trend: c.trend ?? 'none',
      trendText: c.trendText,
      rankText: c.rank ? `第${c.rank}` : '',
      history: o.monthLabels.map((m, i) => `${m} ${c.counts[i]}`).join(' · '),
    }));
}

function topicOf(t: MonthlyTopicView | null) {
  if (!t) return null;
  return {
    title: t.topic.title,
    owner: t.owner.name,
    target: t.target,
    progress: t.progress.text,
    canEdit: t.canEdit,
    milestones: t.milestones.map((m) => ({ index: m.index, title: m.title, due: `${formatDay(m.dueAt)}前`, done: m.doneAt !== null, status: m.doneAt !== null ? `${formatDay(m.doneAt)}完成${m.note ? `：${m.note}` : ''}` : m.overdue ? '已逾期' : '进行中' })),
  };
}

const state = instanceState(() => ({ gen: 0 }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { building?: string; category?: string; figure?: string; page?: string; index?: number }>;

/**
 * 社情民意: the month's building heat grid (plain cells shaded by count), bars by category with
 * the trend against the three months before, the figures with their samples, and the
 * 每月一题 card. Every cell and figure opens the records behind it.
 */
Component({
  data: {
    month: '',
    monthText: '',
    loading: true,
    error: '',
    scopeText: '',
    columns: [] as { id: string; name: string }[],
    rows: [] as GridRow[],
    bars: [] as Bar[],
    figures: null as null | { raised: string; firstResponse: string; repeat: string; visits: number; canDrillResponse: boolean; minSample: number },
    truncated: false,
    topic: null as ReturnType<typeof topicOf>,
    drill: null as null | { title: string; items: (DrillItem & { when: string })[]; truncated: boolean },
    drillError: '',
  },
  methods: {
    onLoad() {
      const month = monthOf(Date.now());
      this.setData({ month, monthText: monthText(month) });
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    prevMonth() {
      this.go(shift(this.data.month, -1));
    },
    nextMonth() {
      const next = shift(this.data.month, 1);
      if (next > monthOf(Date.now())) return;
      this.go(next);
    },
    go(month: string) {
      this.setData({ month, monthText: monthText(month), drill: null });
      void this.load();
    },
    async load() {
      const gen = ++state(this).gen;
      this.setData({ loading: true, error: '' });
      const [res, topic] = await Promise.all([call(insightOverview, { month: this.data.month }), call(monthlyTopic, { month: this.data.month })]);
      if (gen !== state(this).gen) return;
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      const o = res.data;
      const { columns, rows } = gridOf(o);
      this.setData({
        loading: false,
        scopeText: o.scopeText,
        columns,
        rows,
        bars: barsOf(o),
        figures: { raised: o.raised.text, firstResponse: o.firstResponse.text, repeat: o.repeatReporters.text, visits: o.visitTopics, canDrillResponse: !!o.firstResponse.drill, minSample: o.minSample },
        truncated: o.truncated,
        topic: topic.ok ? topicOf(topic.data) : null,
      });
    },
    tapCell(e: Tap) {
      const { building, category } = e.currentTarget.dataset;
      void this.openDrill({ month: this.data.month, figure: 'raised', ...(building ? { buildingId: building } : {}), ...(category ? { category } : {}) });
    },
    tapFigure(e: Tap) {
      void this.openDrill({ month: this.data.month, figure: e.currentTarget.dataset.figure === 'responded' ? 'responded' : 'raised' });
    },
    async openDrill(q: DrillQuery) {
      this.setData({ drillError: '' });
      const res = await call(insightDrill, q);
      if (!res.ok) {
        this.setData({ drillError: res.error.message });
        return;
      }
      this.setData({ drill: { title: res.data.title, truncated: res.data.truncated, items: res.data.items.map((i) => ({ ...i, when: formatDay(i.at) })) } });
    },
    closeDrill() {
      this.setData({ drill: null });
    },
    openItem(e: Tap) {
      const page = e.currentTarget.dataset.page;
      if (page) wx.navigateTo({ url: page });
    },
    openCases() {
      wx.navigateTo({ url: '/staff/cases/index' });
    },
    async doneMilestone(e: Tap) {
      const index = Number(e.currentTarget.dataset.index);
      const asked = await wx.showModal({ title: '登记节点完成', editable: true, placeholderText: '完成情况，如：四栋楼排查完毕', confirmText: '登记' });
      if (!asked.confirm) return;
      const res = await call(recordMilestone, { month: this.data.month, index, note: asked.content ?? '' });
      if (!res.ok) {
        wx.showToast({ title: res.error.message, icon: 'none' });
        return;
      }
      this.setData({ topic: topicOf(res.data) });
    },
  },
});
