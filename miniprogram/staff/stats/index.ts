import { call } from '../../services/api';
import { concernStats, exportArchive, type ConcernStats } from '../../core/concern/contract';
import { getMe } from '../../core/member/contract';
import { PERIODS, periodRange, periodSlug, periodText, type PeriodKind } from '../services/period';
import { statsRowView, type StatsRowView } from '../services/stats';
import { instanceState } from '../../services/page-state';
import { allows } from '../../services/view';
import { canShareFile, openDocument, saveBase64File, saveTextFile, shareFile } from '../../services/file-export';

type GroupBy = ConcernStats['groupBy'];

const GROUPS: ReadonlyArray<{ key: GroupBy; label: string }> = [
  { key: 'grid', label: '网格' },
  { key: 'worker', label: '人员' },
  { key: 'category', label: '分类' },
  { key: 'month', label: '月份' },
  { key: 'gridMonth', label: '网格×月' },
];

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key: string }>;

interface Exported {
  rows: number;
  truncated: boolean;
  fileName: string;
  canShare: boolean;
}

// `gen` drops an answer that arrives after the worker already picked another period.
// `filePath` is the last archive written; the CSV itself is never rendered.
const state = instanceState(() => ({ gen: 0, exportBusy: false, filePath: '' }));

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
    /** 导出归档 is for admins only: shown when member.me allows concern.export. */
    canExport: false,
    exporting: false,
    exportError: '',
    exported: null as Exported | null,
  },
  methods: {
    onLoad() {
      void this.load();
      void this.loadMe();
    },
    async loadMe() {
      const me = await call(getMe, {});
      // Unreadable: the statistics still work, the export button just stays hidden.
      this.setData({ canExport: me.ok && allows(me.data.allowedActions, 'concern.export') });
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

    // —— 导出归档（CSV） ——
    /** The archive of finished concerns in the period on screen, saved as a file on the phone. */
    async exportCsv() {
      const s = state(this);
      if (s.exportBusy) return;
      s.exportBusy = true;
      const range = periodRange(this.data.period, Date.now());
      const fileName = `linli-archive-${periodSlug(range)}.csv`;
      this.setData({ exporting: true, exportError: '' });
      const res = await call(exportArchive, range);
      s.exportBusy = false;
      if (!res.ok) {
        this.setData({ exporting: false, exportError: res.error.message, exported: null });
        return;
      }
      const filePath = saveTextFile(fileName, res.data.csv);
      if (!filePath) {
        s.filePath = '';
        this.setData({ exporting: false, exportError: '文件没能保存到手机，请清理微信存储空间后重试', exported: null });
        return;
      }
      s.filePath = filePath;
      this.setData({
        exporting: false,
        exported: { rows: res.data.rows, truncated: res.data.truncated, fileName, canShare: canShareFile() },
      });
    },
    /**
     * The archive (or the open items) of the period as xlsx, opened in WeChat's viewer: the
     * phone opens xlsx, not CSV; the viewer's menu forwards or saves it.
     */
    async exportXlsx(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { kind?: 'archive' | 'open' }>) {
      const s = state(this);
      if (s.exportBusy) return;
      s.exportBusy = true;
      const kind = e.currentTarget.dataset.kind === 'open' ? 'open' : 'archive';
      this.setData({ exporting: true, exportError: '' });
      const res = await call(exportArchive, { ...periodRange(this.data.period, Date.now()), format: 'xlsx', kind });
      s.exportBusy = false;
      if (!res.ok || !res.data.base64 || !res.data.fileName) {
        this.setData({ exporting: false, exportError: res.ok ? '导出失败，请重试' : res.error.message, exported: null });
        return;
      }
      const filePath = saveBase64File(res.data.fileName, res.data.base64);
      if (!filePath) {
        this.setData({ exporting: false, exportError: '文件没能保存到手机，请清理微信存储空间后重试', exported: null });
        return;
      }
      s.filePath = filePath;
      this.setData({ exporting: false, exported: { rows: res.data.rows, truncated: res.data.truncated, fileName: res.data.fileName, canShare: canShareFile() } });
      openDocument(filePath, 'xlsx', () => this.setData({ exportError: '这台手机打不开表格，可点「发送到聊天」在电脑上打开' }));
    },
    /** 发送到聊天: e.g. to 文件传输助手, to open on a computer or hand to the subdistrict. */
    shareCsv() {
      const path = state(this).filePath;
      if (path && this.data.exported) shareFile(path, this.data.exported.fileName);
    },
  },
});
