import { call } from '../../services/api';
import { serviceStats } from '../../core/booking/contract';
import { PERIODS, periodRange, periodText, type PeriodKind } from '../../services/period';
import { serviceUsageView, type ServiceUsageView } from '../../services/stats';
import { instanceState } from '../../services/page-state';

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key: string }>;

// `gen` drops an answer that arrives after the worker already picked another period.
const state = instanceState(() => ({ gen: 0 }));

Component({
  data: {
    periods: PERIODS.map((p) => ({ key: p.kind, label: p.label })),
    period: 'thisMonth' as PeriodKind,
    rangeText: '',
    loading: true,
    loaded: false,
    error: '',
    rows: [] as ServiceUsageView[],
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
    async load() {
      const gen = ++state(this).gen;
      const range = periodRange(this.data.period, Date.now());
      this.setData({ loading: true, error: '', rangeText: periodText(range) });
      const res = await call(serviceStats, range);
      if (gen !== state(this).gen) return;
      if (!res.ok) {
        this.setData({ loading: false, loaded: false, error: res.error.message, rows: [], truncated: false });
        return;
      }
      this.setData({ loading: false, loaded: true, rows: res.data.rows.map(serviceUsageView), truncated: res.data.truncated });
    },
  },
});
