import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { listBuildings, listGrids, type GridView } from '../../core/community/contract';
import { listServices } from '../../core/booking/contract';
import { serviceRow, type ServiceRow } from '../../services/booking-view';
import { allows, gridRow, type GridRow } from '../../services/view';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import { pagedList } from '../../services/paged-list';

const PAGE_SIZE = 20;
const state = instanceState(() => ({ myGridId: '' }));

interface Row extends GridRow {
  mine: boolean;
}

const grids = pagedList({
  fetch: (_query: undefined, cursor) => call(listGrids, { cursor, limit: PAGE_SIZE }),
  row: (g: GridView, host): Row => ({ ...gridRow(g), mine: g.id === state(host).myGridId }),
  keys: { items: 'grids' },
});

Component({
  data: {
    loaded: false,
    error: '',
    needBind: false,
    canBind: false,
    canSubmit: false,
    communityName: '',
    showServices: false,
    servicesLoaded: false,
    services: [] as ServiceRow[],
    servicesError: '',
    grids: [] as Row[],
    hasMore: false,
    loadingMore: false,
    moreError: '',
  },
  methods: {
    onShow() {
      if (!this.data.loaded || this.data.error || this.data.needBind) void this.load();
    },
    async load() {
      const me = await call(getMe, {});
      if (!me.ok) {
        this.setData({ loaded: true, error: me.error.message });
        return;
      }
      const allowed = me.data.allowedActions;
      // The services list stands apart from the grids: one failing leaves the other shown.
      const showServices = allows(allowed, 'booking.services');
      this.setData({ showServices });
      if (showServices) void this.loadServices();
      if (!allows(allowed, 'community.grids')) {
        this.setData({
          loaded: true,
          error: '',
          needBind: true,
          canBind: allows(allowed, 'member.requestBinding', 'member.redeemInvite'),
        });
        return;
      }
      const s = state(this);
      s.myGridId = '';
      this.setData({
        needBind: false,
        canSubmit: allows(allowed, 'concern.submit'),
        communityName: me.data.community?.name ?? '',
      });
      const buildingId = me.data.household?.buildingId;
      const [shown, buildings] = await Promise.all([
        grids(this).reload(),
        // Only to tell the resident which grid is theirs; the list shows without it.
        buildingId ? collectPages((cursor) => call(listBuildings, { cursor, limit: 50 })) : undefined,
      ]);
      if (!buildings?.ok) return;
      s.myGridId = buildings.data.find((b) => b.id === buildingId)?.gridId ?? '';
      if (shown && s.myGridId) grids(this).rerender();
    },
    async loadServices() {
      const res = await collectPages((cursor) => call(listServices, { cursor, limit: 50 }), 4);
      if (!res.ok) {
        this.setData({ servicesLoaded: true, servicesError: res.error.message });
        return;
      }
      this.setData({ servicesLoaded: true, services: res.data.map(serviceRow), servicesError: '' });
    },
    openService(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/pages/service/index?id=${encodeURIComponent(id)}` });
    },
    openVolunteering() {
      wx.navigateTo({ url: '/pages/volunteer/activities/index' });
    },
    loadMore() {
      void grids(this).loadMore();
    },
    onReachBottom() {
      void this.loadMore();
    },
    goSubmit() {
      wx.navigateTo({ url: '/pages/concern-submit/index' });
    },
    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
  },
});
