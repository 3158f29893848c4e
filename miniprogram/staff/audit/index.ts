import { call } from '../../services/api';
import { auditLog, type AuditAreaView, type AuditEntry } from '../../core/audit/contract';
import type { ContractInput } from '../../core/action';
import { formatDateTime } from '../../core/format';
import { instanceState } from '../../services/page-state';
import { pagedList } from '../../services/paged-list';
import type { Picked } from '../components/member-picker/index';

const PAGE_SIZE = 20;
const DAY = 24 * 3600_000;
type Query = Omit<ContractInput<typeof auditLog>, 'cursor' | 'limit'>;

const PERIODS = [
  { key: 'week', label: '近7天', days: 7 },
  { key: 'month', label: '近30天', days: 30 },
  { key: 'all', label: '全部', days: 0 },
] as const;

interface Row {
  id: string;
  label: string;
  who: string;
  subject: string;
  change: string;
  note: string;
  time: string;
}

function row(e: AuditEntry): Row {
  return {
    id: e.id,
    label: e.label,
    who: e.actorRole && e.actorRole !== e.actor ? `${e.actor}（${e.actorRole}）` : e.actor,
    subject: e.subject,
    change: e.change ?? '',
    note: e.note ?? '',
    time: formatDateTime(e.at),
  };
}

/** The areas and their step types come with the first page; the pickers are built from them. */
let lastAreas: AuditAreaView[] | undefined;

const log = pagedList({
  fetch: async (q: Query, cursor) => {
    const res = await call(auditLog, { ...q, cursor, limit: PAGE_SIZE });
    if (res.ok && res.data.areas) lastAreas = res.data.areas;
    return res;
  },
  row,
  keys: { more: 'more' },
});

const state = instanceState(() => ({ areas: [] as AuditAreaView[], actorId: '' }));

/**
 * 操作日志 for admins: who did what and when, in the community. Filters: area and step type,
 * who (picked by name), and a period; newest first, paged. Reached from 社区管理.
 */
Component({
  data: {
    loaded: false,
    error: '',
    items: [] as Row[],
    more: false,
    loadingMore: false,
    moreError: '',
    areaNames: ['全部'] as string[],
    areaIndex: 0,
    typeNames: ['全部'] as string[],
    typeIndex: 0,
    actorLabel: '',
    periods: PERIODS.map((p) => ({ key: p.key, label: p.label })),
    period: 'month' as string,
  },
  methods: {
    onLoad() {
      void this.reload();
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void this.loadMore();
    },
    query(): Query {
      const s = state(this);
      const area = s.areas[this.data.areaIndex - 1];
      const type = area?.types[this.data.typeIndex - 1];
      const days = PERIODS.find((p) => p.key === this.data.period)?.days ?? 0;
      const q: Query = {};
      if (type) q.type = type.type;
      else if (area) q.area = area.key;
      if (s.actorId) q.actorId = s.actorId;
      if (days) q.from = Date.now() - days * DAY;
      return q;
    },
    async reload() {
      lastAreas = undefined;
      await log(this).reload(this.query());
      // Set by the fetch above (control flow cannot see it).
      const areas = lastAreas as AuditAreaView[] | undefined;
      const s = state(this);
      if (areas && s.areas.length === 0) {
        s.areas = areas;
        this.setData({ areaNames: ['全部', ...areas.map((a) => a.label)] });
      }
    },
    async loadMore() {
      await log(this).loadMore();
    },
    onArea(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      const area = state(this).areas[index - 1];
      this.setData({ areaIndex: index, typeIndex: 0, typeNames: ['全部', ...(area?.types.map((t) => t.label) ?? [])] });
      void this.reload();
    },
    onType(e: WechatMiniprogram.PickerChange) {
      this.setData({ typeIndex: Number(e.detail.value) });
      void this.reload();
    },
    onActor(e: WechatMiniprogram.CustomEvent<Picked>) {
      state(this).actorId = e.detail.memberId ?? '';
      this.setData({ actorLabel: e.detail.memberId ? e.detail.label : '' });
      void this.reload();
    },
    onActorClear() {
      state(this).actorId = '';
      this.setData({ actorLabel: '' });
      void this.reload();
    },
    onPeriod(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key?: string }>) {
      const key = e.currentTarget.dataset.key;
      if (!key || key === this.data.period) return;
      this.setData({ period: key });
      void this.reload();
    },
  },
});
