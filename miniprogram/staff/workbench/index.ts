import { call } from '../../services/api';
import { getMe, listRequests, reviewRequest } from '../../core/membership/contract';
import { concernQueue } from '../../core/concern/contract';
import { allows, concernRow, requestRow, type ConcernRow, type RequestRow } from '../../services/view';
import { fieldErrors } from '../../services/form';
import { instanceState } from '../../services/page-state';

const PAGE_SIZE = 20;
type Tab = 'queue' | 'requests';

interface ListState {
  next?: string;
  count: number;
  busy: boolean;
  gen: number;
  loaded: boolean;
}

const newList = (): ListState => ({ count: 0, busy: false, gen: 0, loaded: false });
const state = instanceState(() => ({ queue: newList(), requests: newList(), reviewing: false }));

Component({
  data: {
    loaded: false,
    error: '',
    showQueue: false,
    showRequests: false,
    tab: 'queue' as Tab,
    queue: [] as ConcernRow[],
    queueMore: false,
    queueError: '',
    requests: [] as RequestRow[],
    requestsMore: false,
    requestsError: '',
    loadingMore: false,
    rejectingId: '',
    reason: '',
    reviewError: '',
    reviewErrorId: '',
  },
  methods: {
    onLoad() {
      void this.init();
    },
    onShow() {
      // Back from a concern's detail: its status may have changed.
      if (this.data.loaded && !this.data.error) void this.reload(this.data.tab);
    },
    async onPullDownRefresh() {
      await this.reload(this.data.tab);
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void this.loadMore();
    },
    async init() {
      const me = await call(getMe, {});
      if (!me.ok) {
        this.setData({ loaded: true, error: me.error.message });
        return;
      }
      const showQueue = allows(me.data.allowedActions, 'concern.queue');
      const showRequests = allows(me.data.allowedActions, 'member.listRequests');
      const tab: Tab = showQueue ? 'queue' : 'requests';
      this.setData({ loaded: true, error: '', showQueue, showRequests, tab });
      if (showQueue || showRequests) await this.reload(tab);
    },
    async switchTab(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { tab: string }>) {
      const tab: Tab = e.currentTarget.dataset.tab === 'requests' ? 'requests' : 'queue';
      if (tab === this.data.tab) return;
      this.setData({ tab });
      if (!state(this)[tab].loaded) await this.reload(tab);
    },
    async fetch(tab: Tab, cursor: string | undefined) {
      if (tab === 'queue') {
        const res = await call(concernQueue, { cursor, limit: PAGE_SIZE });
        return res.ok ? { ok: true as const, rows: res.data.items.map(concernRow), next: res.data.next } : res;
      }
      const res = await call(listRequests, { status: 'pending', cursor, limit: PAGE_SIZE });
      return res.ok ? { ok: true as const, rows: res.data.items.map(requestRow), next: res.data.next } : res;
    },
    async reload(tab: Tab) {
      const list = state(this)[tab];
      const gen = ++list.gen;
      const res = await this.fetch(tab, undefined);
      if (gen !== list.gen) return;
      if (!res.ok) {
        this.setData({ [`${tab}Error`]: res.error.message });
        return;
      }
      list.loaded = true;
      list.next = res.next;
      list.count = res.rows.length;
      list.busy = false;
      this.setData({ [tab]: res.rows, [`${tab}More`]: !!res.next, [`${tab}Error`]: '', loadingMore: false });
    },
    async loadMore() {
      const tab = this.data.tab;
      const list = state(this)[tab];
      if (!list.next || list.busy) return;
      list.busy = true;
      const gen = list.gen;
      this.setData({ loadingMore: true });
      const res = await this.fetch(tab, list.next);
      if (gen !== list.gen) return;
      list.busy = false;
      if (!res.ok) {
        this.setData({ loadingMore: false, [`${tab}Error`]: res.error.message });
        return;
      }
      // Append by index path so setData carries only the new rows.
      const patch: Record<string, unknown> = { loadingMore: false, [`${tab}More`]: !!res.next };
      res.rows.forEach((row, i) => {
        patch[`${tab}[${list.count + i}]`] = row;
      });
      list.count += res.rows.length;
      list.next = res.next;
      this.setData(patch);
    },
    openConcern(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/pages/concern-detail/index?id=${encodeURIComponent(id)}` });
    },
    approve(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      const row = this.data.requests.find((r) => r.id === id);
      if (!row) return;
      // Approval makes someone a resident of a household: worth one confirming tap.
      wx.showModal({
        title: '通过绑定申请',
        content: `确认 ${row.name} 住在 ${row.address}？`,
        confirmText: '通过',
        cancelText: '再看看',
        success: (r) => {
          if (r.confirm) void this.review(id, 'approve', undefined);
        },
      });
    },
    startReject(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      this.setData({ rejectingId: e.currentTarget.dataset.id, reason: '', reviewError: '', reviewErrorId: '' });
    },
    cancelReject() {
      this.setData({ rejectingId: '', reason: '', reviewError: '', reviewErrorId: '' });
    },
    onReasonInput(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, reviewError: '' });
    },
    confirmReject() {
      void this.review(this.data.rejectingId, 'reject', this.data.reason);
    },
    async review(requestId: string, decision: 'approve' | 'reject', reason: string | undefined) {
      const s = state(this);
      if (!requestId || s.reviewing) return;
      s.reviewing = true;
      this.setData({ reviewError: '', reviewErrorId: '' });
      const input = reason === undefined ? { requestId, decision } : { requestId, decision, reason };
      const res = await call(reviewRequest, input);
      s.reviewing = false;
      if (!res.ok) {
        const byField = fieldErrors(res.error);
        this.setData({ reviewError: byField.reason || res.error.message, reviewErrorId: requestId });
        return;
      }
      // The list is one page of pending items; resending it whole is small.
      const requests = this.data.requests.filter((r) => r.id !== requestId);
      s.requests.count = requests.length;
      this.setData({ requests, rejectingId: '', reason: '' });
      wx.showToast({ title: decision === 'approve' ? '已通过' : '已驳回', icon: 'success' });
    },
  },
});
