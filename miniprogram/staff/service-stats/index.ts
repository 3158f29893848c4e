import { call } from '../../services/api';
import { exportBookings, serviceStats } from '../../core/booking/contract';
import { openDocument, saveBase64File } from '../../services/file-export';
import { PERIODS, periodRange, periodText, type PeriodKind } from '../services/period';
import { serviceUsageView, type ServiceUsageView } from '../services/stats';
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
    exporting: false,
    exportError: '',
    exportText: '',
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
    /**
     * The period's usage and bookings as xlsx, opened in WeChat's viewer (it opens xlsx, not
     * CSV). Names and addresses are on it only for admins: the server decides and says so.
     */
    async exportSheet() {
      if (this.data.exporting) return;
      this.setData({ exporting: true, exportError: '', exportText: '' });
      const res = await call(exportBookings, periodRange(this.data.period, Date.now()));
      if (!res.ok) {
        this.setData({ exporting: false, exportError: res.error.message });
        return;
      }
      const filePath = saveBase64File(res.data.fileName, res.data.base64);
      if (!filePath) {
        this.setData({ exporting: false, exportError: '文件没能保存到手机，请清理微信存储空间后重试' });
        return;
      }
      this.setData({ exporting: false, exportText: `已导出${res.data.rows}条预约${res.data.namesShown ? '（含预约人姓名，仅供社区存档）' : '（不含预约人姓名）'}` });
      openDocument(filePath, 'xlsx', () => this.setData({ exportError: '这台手机打不开表格，请升级微信后重试' }));
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
