import { call } from '../../services/api';
import { getMe, listRequests, reviewRequest } from '../../core/member/contract';
import {
  CONCERN_STATUSES,
  CONCERN_STATUS_LABELS,
  concernQueue,
  listCategories,
  setAway,
  type CategoryView,
} from '../../core/concern/contract';
import { listGrids, type GridView } from '../../core/community/contract';
import { allows, queueRow, requestRow, type QueueRow, type RequestRow } from '../../services/view';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { pagedList, prefixedKeys } from '../../services/paged-list';
import { collectPages } from '../../services/paging';
import { clearedNote, setFilter, type FilterKey, type QueueFilter } from '../../services/queue-filter';

const PAGE_SIZE = 20;
type Tab = 'queue' | 'requests';

const queue = pagedList({
  fetch: (filter: QueueFilter, cursor) => call(concernQueue, { ...filter, cursor, limit: PAGE_SIZE }),
  row: queueRow,
  keys: prefixedKeys('queue'),
});
const requests = pagedList({
  fetch: (_query: undefined, cursor) => call(listRequests, { status: 'pending', cursor, limit: PAGE_SIZE }),
  row: requestRow,
  keys: prefixedKeys('requests'),
});
const lists = { queue, requests };
const reviewForm = formSubmit(reviewRequest, { fields: ['reason'], keys: { errors: 'reviewErrors', message: 'reviewError', busy: 'reviewing' } });

const state = instanceState(() => ({
  filter: {} as QueueFilter,
  categories: [] as CategoryView[],
  grids: [] as GridView[],
  awayBusy: false,
}));

// Index 0 of every filter picker is "all"; the rest follow the contract's order.
const STATUS_OPTIONS = ['全部状态', ...CONCERN_STATUSES.map((s) => CONCERN_STATUS_LABELS[s])];

type Picked = WechatMiniprogram.PickerChange;

Component({
  data: {
    loaded: false,
    error: '',
    showQueue: false,
    showRequests: false,
    tab: 'queue' as Tab,
    queue: [] as QueueRow[],
    canFilterAll: false,
    canStats: false,
    canAway: false,
    canServiceDay: false,
    canModerate: false,
    canServiceStats: false,
    canCommunity: false,
    away: false,
    awayBusy: false,
    awayNote: '',
    statusOptions: STATUS_OPTIONS,
    statusIndex: 0,
    overdueOnly: false,
    categoryOptions: ['全部分类'],
    categoryIndex: 0,
    gridOptions: ['全部网格'],
    gridIndex: 0,
    filterNote: '',
    queueMore: false,
    queueLoadingMore: false,
    queueError: '',
    queueMoreError: '',
    requests: [] as RequestRow[],
    requestsMore: false,
    requestsLoadingMore: false,
    requestsError: '',
    requestsMoreError: '',
    rejectingId: '',
    reason: '',
    reviewErrors: emptyErrors(['reason']),
    reviewError: '',
    reviewErrorId: '',
    reviewing: false,
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
      // Category and grid filters reach beyond one's own queue: the server allows them to
      // admins only, and concern.upsertCategory is the admin capability member.me reports.
      const canFilterAll = showQueue && allows(me.data.allowedActions, 'concern.upsertCategory');
      this.setData({
        loaded: true,
        error: '',
        showQueue,
        showRequests,
        tab,
        canFilterAll,
        canStats: allows(me.data.allowedActions, 'concern.stats'),
        canAway: allows(me.data.allowedActions, 'staff.setAway'),
        canServiceDay: allows(me.data.allowedActions, 'booking.listForSlot'),
        canModerate: allows(me.data.allowedActions, 'moderation.queue'),
        canServiceStats: allows(me.data.allowedActions, 'booking.stats'),
        canCommunity: allows(me.data.allowedActions, 'community.upsertGrid'),
      });
      if (canFilterAll) void this.loadFilterOptions();
      if (showQueue || showRequests) await this.reload(tab);
    },
    async loadFilterOptions() {
      const [categories, grids] = await Promise.all([
        collectPages((cursor) => call(listCategories, { cursor, limit: 50 })),
        collectPages((cursor) => call(listGrids, { cursor, limit: 50 })),
      ]);
      const s = state(this);
      // A failed list leaves its picker at "全部": the queue still works unfiltered.
      if (categories.ok) s.categories = categories.data;
      if (grids.ok) s.grids = grids.data;
      this.setData({
        categoryOptions: ['全部分类', ...s.categories.map((c) => c.name)],
        gridOptions: ['全部网格', ...s.grids.map((g) => g.name)],
      });
    },
    /** Applies one filter change, drops what conflicts with it, and reloads the queue. */
    applyFilter<K extends FilterKey>(key: K, value: QueueFilter[K] | undefined) {
      const s = state(this);
      const { filter, cleared } = setFilter(s.filter, key, value);
      s.filter = filter;
      const statusIndex = filter.status ? CONCERN_STATUSES.indexOf(filter.status) + 1 : 0;
      const categoryIndex = filter.category ? s.categories.findIndex((c) => c.id === filter.category) + 1 : 0;
      const gridIndex = filter.gridId ? s.grids.findIndex((g) => g.id === filter.gridId) + 1 : 0;
      this.setData({ statusIndex, overdueOnly: filter.overdue === true, categoryIndex, gridIndex, filterNote: clearedNote(cleared) });
      void this.reload('queue');
    },
    onStatusFilter(e: Picked) {
      const status = CONCERN_STATUSES[Number(e.detail.value) - 1];
      this.applyFilter('status', status);
    },
    onOverdueFilter(e: WechatMiniprogram.SwitchChange) {
      this.applyFilter('overdue', e.detail.value ? true : undefined);
    },
    onCategoryFilter(e: Picked) {
      this.applyFilter('category', state(this).categories[Number(e.detail.value) - 1]?.id);
    },
    onGridFilter(e: Picked) {
      this.applyFilter('gridId', state(this).grids[Number(e.detail.value) - 1]?.id);
    },
    async onAwayChange(e: WechatMiniprogram.SwitchChange) {
      const s = state(this);
      const wanted = e.detail.value;
      if (s.awayBusy) return;
      s.awayBusy = true;
      // The switch already shows the tap; it settles on what the server answers.
      this.setData({ away: wanted, awayBusy: true, awayNote: '' });
      const res = await call(setAway, { away: wanted });
      s.awayBusy = false;
      if (!res.ok) {
        this.setData({ away: !wanted, awayBusy: false, awayNote: res.error.message });
        return;
      }
      this.setData({
        away: res.data.away,
        awayBusy: false,
        awayNote: res.data.away ? '已设为外出：新诉求和未签收的诉求将转给B角' : '已恢复在岗',
      });
    },
    goServiceDay() {
      wx.navigateTo({ url: '/staff/service-day/index' });
    },
    goModeration() {
      wx.navigateTo({ url: '/staff/moderation/index' });
    },
    goStats() {
      wx.navigateTo({ url: '/staff/stats/index' });
    },
    goCommunity() {
      wx.navigateTo({ url: '/staff/community/index' });
    },
    goServiceStats() {
      wx.navigateTo({ url: '/staff/service-stats/index' });
    },
    async switchTab(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { tab: string }>) {
      const tab: Tab = e.currentTarget.dataset.tab === 'requests' ? 'requests' : 'queue';
      if (tab === this.data.tab) return;
      this.setData({ tab });
      if (!lists[tab](this).loaded) await this.reload(tab);
    },
    async reload(tab: Tab) {
      if (tab === 'queue') await queue(this).reload(state(this).filter);
      else await requests(this).reload();
    },
    async loadMore() {
      await lists[this.data.tab](this).loadMore();
    },
    openConcern(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/staff/concern/index?id=${encodeURIComponent(id)}` });
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
      this.setData({ rejectingId: e.currentTarget.dataset.id, reason: '', reviewErrorId: '' });
      reviewForm(this).clear();
    },
    cancelReject() {
      this.setData({ rejectingId: '', reason: '', reviewErrorId: '' });
      reviewForm(this).clear();
    },
    onReasonInput(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, reviewError: '', 'reviewErrors.reason': '' });
    },
    confirmReject() {
      void this.review(this.data.rejectingId, 'reject', this.data.reason);
    },
    async review(requestId: string, decision: 'approve' | 'reject', reason: string | undefined) {
      const form = reviewForm(this);
      if (!requestId || form.busy) return;
      this.setData({ reviewErrorId: requestId });
      const input = reason === undefined ? { requestId, decision } : { requestId, decision, reason };
      const res = await form.submit(input);
      if (!res?.ok) return;
      requests(this).remove((r) => r.id === requestId);
      this.setData({ rejectingId: '', reason: '' });
      wx.showToast({ title: decision === 'approve' ? '已通过' : '已驳回', icon: 'success' });
    },
  },
});
