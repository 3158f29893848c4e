import { call, newIdempotencyKey } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { issueReport, listReports, type ReportMonthRow } from '../../core/report/contract';
import { dateText } from '../../services/dates';
import { instanceState } from '../../services/page-state';
import { allows } from '../../services/view';


interface Row {
  month: string;
  monthLabel: string;
  issued: boolean;
  statusText: string;
}

const row = (r: ReportMonthRow): Row => ({
  month: r.month,
  monthLabel: r.monthLabel,
  issued: r.issued,
  statusText: r.issued ? `${dateText(r.issuedAt as number)}出具${r.addenda ? ` · 补充说明${r.addenda}条` : ''}` : '未出具',
});

const state = instanceState(() => ({ busy: false, keys: new Map<string, string>() }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { month?: string }>;

/**
 * 定期评事: the last twelve months, each issued or not. The sweep issues last month's report on
 * the 1st; an admin may issue an ended month at once (出具). A report, once issued, opens on
 * its own page and never changes.
 */
Component({
  data: {
    loading: true,
    error: '',
    rows: [] as Row[],
    canIssue: false,
    /** Set when the 街道 reads one of its communities' reports. */
    communityId: '',
    issuing: '',
    issueError: '',
  },
  methods: {
    onLoad(options?: { communityId?: string }) {
      if (options?.communityId) this.setData({ communityId: decodeURIComponent(options.communityId) });
      void this.load();
    },
    onShow() {
      if (!this.data.loading) void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      this.setData({ error: '' });
      const [list, me] = await Promise.all([call(listReports, this.data.communityId ? { communityId: this.data.communityId } : {}), call(getMe, {})]);
      if (!list.ok) {
        this.setData({ loading: false, error: list.error.message });
        return;
      }
      this.setData({ loading: false, rows: list.data.items.map(row), canIssue: me.ok && allows(me.data.allowedActions, 'report.issue') });
    },
    open(e: Tap) {
      const month = e.currentTarget.dataset.month;
      const community = this.data.communityId ? `&communityId=${encodeURIComponent(this.data.communityId)}` : '';
      if (month) wx.navigateTo({ url: `/staff/report/index?month=${month}${community}` });
    },
    /** 出具: the same report the sweep would make; a retry keeps its key so it never makes two. */
    async issue(e: Tap) {
      const month = e.currentTarget.dataset.month;
      const s = state(this);
      if (!month || s.busy) return;
      s.busy = true;
      const k = s.keys.get(month) ?? newIdempotencyKey();
      s.keys.set(month, k);
      this.setData({ issuing: month, issueError: '' });
      const res = await call(issueReport, { month }, { idempotencyKey: k });
      s.busy = false;
      if (!res.ok) {
        this.setData({ issuing: '', issueError: res.error.message });
        return;
      }
      this.setData({ issuing: '' });
      wx.navigateTo({ url: `/staff/report/index?month=${month}` });
      void this.load();
    },
  },
});
