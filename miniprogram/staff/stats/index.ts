import { call } from '../../services/api';
import { concernStats, type ConcernStats } from '../../core/concern/contract';
import { PERIODS, periodRange, periodText, type PeriodKind } from '../../services/period';
import { statsRowView, type StatsRowView } from '../../services/stats';
import { instanceState } from '../../services/page-state';

type GroupBy = ConcernStats['groupBy'];

const GROUPS: ReadonlyArray<{ key: GroupBy; label: string }> = [
  { key: 'grid', label: '网格' },
  { key: 'worker', label: '人员' },
  { key: 'category', label: '分类' },
  { key: 'month', label: '月份' },
];

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key: string }>;

// `gen` drops an answer that arrives after the worker already picked another period.
const state = instanceState(() => ({ gen: 0 }));

Component({
  data: {
    periods: PERIODS.map((p) => ({ key: p.kind, label: p.label })),
    groups: GROUPS,
    period: 'thisMonth' as PeriodKind,
    groupBy: 'grid' as GroupBy,
    rangeText: '',
    loading: true,
    error: '',
    overall: null as StatsRowView | null,
    rows: [] as StatsRowView[],
    truncated: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    pickPeriod(e: Tap) {
      const kind = PERIODS.find((p) => p.kind === e.currentTarget.dataset.key)?.kind;
      if (!kind || kind === this.data.period) return;
      this.setData({ period: kind });
      void this.load();
    },
    pickGroup(e: Tap) {
      const key = GROUPS.find((g) => g.key === e.currentTarget.dataset.key)?.key;
      if (!key || key === this.data.groupBy) return;
      this.setData({ groupBy: key });
      void this.load();
    },
    async load() {
      const gen = ++state(this).gen;
      const range = periodRange(this.data.period, Date.now());
      this.setData({ loading: true, error: '', rangeText: periodText(range) });
      const res = await call(concernStats, { ...range, groupBy: this.data.groupBy });
      if (gen !== state(this).gen) return;
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message, overall: null, rows: [], truncated: false });
        return;
      }
      this.setData({
        loading: false,
        overall: statsRowView(res.data.overall),
        rows: res.data.rows.map(statsRowView),
        truncated: res.data.truncated,
      });
    },
  },
});
