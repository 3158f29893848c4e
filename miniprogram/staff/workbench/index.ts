import { call } from '../../services/api';
import { getMe, listRequests, reviewRequest } from '../../core/member/contract';
import {
  CONCERN_STATUSES,
  CONCERN_STATUS_LABELS,
  concernCounts,
  concernQueue,
  listCategories,
  QUEUE_VIEW_LABELS,
  setAway,
  type CategoryView,
  type QueueView,
} from '../../core/concern/contract';
import { listGrids, type GridView } from '../../core/community/contract';
import { disclosureCalendar } from '../../core/disclosure/contract';
import { openDuesText } from '../disclosure/view';
import { setStaffBadge } from '../../services/badge';
import { allows, queueRow, requestRow, type QueueRow, type RequestRow } from '../../services/view';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { pagedList, prefixedKeys } from '../../services/paged-list';
import { collectPages } from '../../services/paging';
import { clearedNote, DEFAULT_FILTER, filterSummary, setFilter, type FilterKey, type QueueFilter } from '../services/queue-filter';

const PAGE_SIZE = 20;
type Tab = 'queue' | 'requests';

/** A workbench list: which view it asks for (none = an admin's whole community) and its filter. */
interface QueueQuery {
  view: QueueView;
  /** Admins' 我的待办 is the whole community, as the server gives it without a view. */
  all: boolean;
  filter: QueueFilter;
}

const queue = pagedList({
  fetch: (q: QueueQuery, cursor) => call(concernQueue, { ...(q.all ? {} : { view: q.view }), ...q.filter, cursor, limit: PAGE_SIZE }),
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
  filter: { ...DEFAULT_FILTER } as QueueFilter,
  view: 'assigned' as QueueView,
  admin: false,
  categories: [] as CategoryView[],
  grids: [] as GridView[],
  awayBusy: false,
  /** The tab a row of 今日待办 asked for (`?tab=requests`). */
  wantedTab: '' as Tab | '',
}));

const EMPTY_TEXT: Record<QueueView, string> = {
  assigned: '暂无待办诉求',
  signed: '暂无您首接的诉求',
  grid: '本网格暂无未办结的诉求',
  supervise: '暂无督办或超期的诉求',
};

const VIEW_HINTS: Record<QueueView, string> = {
  assigned: '',
  signed: '您首先签收的诉求，转交后仍由您负责跟进，可查看和备注。',
  grid: '本网格同事办理中的诉求，您可以查看和添加内部备注。',
  supervise: '您任网格长的网格中督办、超期或已上报的诉求，可催办或转交。',
};

/** The lists this caller may open, in tab order: their role and scope decide, as the server does. */
function viewsFor(me: { roles: string[]; gridIds: string[]; ledGridIds?: string[] }): QueueView[] {
  const admin = me.roles.includes('admin');
  const views: QueueView[] = ['assigned', 'signed'];
  if (!admin && me.gridIds.length > 0) views.push('grid');
  if (admin || (me.ledGridIds ?? []).length > 0) views.push('supervise');
  return views;
}

// The status picker: 0 the default list (open, late first), 1 every status, then the
// contract's statuses in order. The other pickers: 0 is "all".
const STATUS_OPTIONS = ['未办结（超期在前）', '全部状态', ...CONCERN_STATUSES.map((s) => CONCERN_STATUS_LABELS[s])];
const STATUS_FIRST = 2;

interface ViewTab {
  view: QueueView;
  label: string;
  /** '3', '99+'; '' before the counts arrive or when the list is empty. */
  count: string;
}

type Picked = WechatMiniprogram.PickerChange;

Component({
  data: {
    loaded: false,
    error: '',
    /** 今日待办 at the top; `todayStamp` changes to make it read again. */
    canToday: false,
    todayStamp: 0,
    showQueue: false,
    showRequests: false,
    tab: 'queue' as Tab,
    views: [] as ViewTab[],
    view: 'assigned' as QueueView,
    viewHint: '',
    emptyText: EMPTY_TEXT.assigned,
    queue: [] as QueueRow[],
    canFilterAll: false,
    canStats: false,
    canAway: false,
    canServiceDay: false,
    canModerate: false,
    canServiceStats: false,
    canCommunity: false,
    canPolls: false,
    canCouncil: false,
    canDisclosure: false,
    canReports: false,
    canNotices: false,
    canVisits: false,
    /** 社情民意 and 未诉先办: staff who may read the insights overview. */
    canInsights: false,
    /** 居务公开's row: what is due or overdue this month, and its number on the badge. */
    disclosureCount: '',
    disclosureText: '',
    away: false,
    awayBusy: false,
    awayNote: '',
    statusOptions: STATUS_OPTIONS,
    statusIndex: 0,
    /** The filters sit folded behind one 「筛选」 row; this says what the list holds now. */
    filtersOpen: false,
    filterText: filterSummary(DEFAULT_FILTER),
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
    onLoad(query: Record<string, string | undefined> = {}) {
      if (query.tab === 'requests') state(this).wantedTab = 'requests';
      void this.init();
    },
    onShow() {
      // Back from a concern's detail: its status may have changed.
      if (this.data.loaded && !this.data.error) {
        this.setData({ todayStamp: this.data.todayStamp + 1 });
        void this.reload(this.data.tab);
        void this.loadCounts();
        void this.loadDisclosure();
      }
    },
    async onPullDownRefresh() {
      this.setData({ todayStamp: this.data.todayStamp + 1 });
      await Promise.all([this.reload(this.data.tab), this.loadCounts(), this.loadDisclosure()]);
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
      const tab: Tab = showQueue && !(showRequests && state(this).wantedTab === 'requests') ? 'queue' : 'requests';
      const canToday = allows(me.data.allowedActions, 'workbench.today');
      // The 我的 badge counts 今日待办 for staff from now on.
      setStaffBadge(canToday);
      // Category and grid filters reach beyond one's own queue: the server allows them to
      // admins only, and concern.upsertCategory is the admin capability member.me reports.
      const canFilterAll = showQueue && allows(me.data.allowedActions, 'concern.upsertCategory');
      const admin = me.data.roles.includes('admin');
      const s = state(this);
      s.admin = admin;
      const views = showQueue ? viewsFor(me.data) : [];
      this.setData({
        views: views.length > 1 ? views.map((v) => ({ view: v, label: admin && v === 'assigned' ? '全部诉求' : QUEUE_VIEW_LABELS[v], count: '' })) : [],
        loaded: true,
        error: '',
        canToday,
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
        canPolls: allows(me.data.allowedActions, 'poll.create', 'roll.list'),
        canCouncil: allows(me.data.allowedActions, 'meeting.attendance'),
        canDisclosure: allows(me.data.allowedActions, 'disclosure.calendar'),
        canReports: allows(me.data.allowedActions, 'report.list'),
        canNotices: allows(me.data.allowedActions, 'notice.publish'),
        canVisits: allows(me.data.allowedActions, 'visit.log'),
        canInsights: allows(me.data.allowedActions, 'insight.overview'),
      });
      if (canFilterAll) void this.loadFilterOptions();
      void this.loadDisclosure();
      if (showQueue) void this.loadCounts();
      // A leader lands on his supervision list when something is in it.
      if (tab === 'queue' && views.includes('supervise') && !admin) {
        this.showView('supervise');
        await this.reload('queue');
        if (this.data.queue.length > 0 || this.data.queueError) return;
        this.showView('assigned');
      }
      if (showQueue || showRequests) await this.reload(tab);
    },
    /** Puts a list on screen (its tab, hint and empty text); filters start afresh per list, on open items. */
    showView(view: QueueView) {
      const s = state(this);
      s.view = view;
      s.filter = { ...DEFAULT_FILTER };
      this.setData({
        view,
        viewHint: VIEW_HINTS[view],
        emptyText: EMPTY_TEXT[view],
        statusIndex: 0,
        overdueOnly: false,
        categoryIndex: 0,
        gridIndex: 0,
        filterNote: '',
        filterText: filterSummary(s.filter),
      });
    },
    /** 居务公开's due and overdue count; a failed read leaves the row without a number. */
    async loadDisclosure() {
      if (!this.data.canDisclosure) return;
      const res = await call(disclosureCalendar, {});
      if (!res.ok) return;
      const open = openDuesText(res.data.dues);
      this.setData({ disclosureCount: open.count > 0 ? String(open.count) : '', disclosureText: open.text });
    },
    /** The numbers on the list tabs; a failed count leaves the tabs without numbers. */
    async loadCounts() {
      if (this.data.views.length === 0) return;
      const res = await call(concernCounts, {});
      if (!res.ok) return;
      const byView = new Map(res.data.views.map((v) => [v.view, v.more ? `${v.count}+` : v.count > 0 ? String(v.count) : '']));
      this.setData({ views: this.data.views.map((t) => ({ ...t, count: byView.get(t.view) ?? '' })) });
    },
    toggleFilters() {
      this.setData({ filtersOpen: !this.data.filtersOpen });
    },
    async switchView(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { view: string }>) {
      const view = this.data.views.find((v) => v.view === e.currentTarget.dataset.view)?.view;
      if (!view || view === this.data.view) return;
      this.showView(view);
      await this.reload('queue');
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
      const { filter: chosen, cleared } = setFilter(s.filter, key, value);
      // Nothing chosen any more (the overdue switch or a picker back to "all"): back to the default list.
      const filter = Object.keys(chosen).length === 0 && key !== 'status' ? { ...DEFAULT_FILTER } : chosen;
      s.filter = filter;
      const statusIndex = filter.status ? CONCERN_STATUSES.indexOf(filter.status) + STATUS_FIRST : filter.open ? 0 : 1;
      const categoryIndex = filter.category ? s.categories.findIndex((c) => c.id === filter.category) + 1 : 0;
      const gridIndex = filter.gridId ? s.grids.findIndex((g) => g.id === filter.gridId) + 1 : 0;
      const filterText = filterSummary(filter, {
        status: filter.status ? CONCERN_STATUS_LABELS[filter.status] : undefined,
        category: s.categories.find((c) => c.id === filter.category)?.name,
        grid: s.grids.find((g) => g.id === filter.gridId)?.name,
      });
      this.setData({ statusIndex, overdueOnly: filter.overdue === true, categoryIndex, gridIndex, filterNote: clearedNote(cleared), filterText });
      void this.reload('queue');
    },
    onStatusFilter(e: Picked) {
      const index = Number(e.detail.value);
      if (index === 0) this.applyFilter('open', true);
      else {
        // 全部状态 leaves the default list too: every status, open or finished.
        if (index === 1) delete state(this).filter.open;
        this.applyFilter('status', CONCERN_STATUSES[index - STATUS_FIRST]);
      }
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
    /** A 今日待办 row that lives on this page (a binding to review): show its tab. */
    async onTodayHere(e: WechatMiniprogram.CustomEvent<{ page: string }>) {
      if (!e.detail.page.includes('tab=requests') || !this.data.showRequests) return;
      if (this.data.tab !== 'requests') {
        this.setData({ tab: 'requests' });
        await this.reload('requests');
      }
      wx.pageScrollTo?.({ selector: '#requests', duration: 200 });
    },
    async switchTab(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { tab: string }>) {
      const tab: Tab = e.currentTarget.dataset.tab === 'requests' ? 'requests' : 'queue';
      if (tab === this.data.tab) return;
      this.setData({ tab });
      if (!lists[tab](this).loaded) await this.reload(tab);
    },
    async reload(tab: Tab) {
      if (tab === 'queue') {
        const s = state(this);
        await queue(this).reload({ view: s.view, all: s.admin && s.view === 'assigned', filter: s.filter });
      }
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
