import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { listBuildings, listGrids, type GridView } from '../../core/community/contract';
import { listServices } from '../../core/booking/contract';
import { serviceRow, type ServiceRow } from '../../services/booking-view';
import { allows, gridRow, type GridRow } from '../../services/view';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';

const PAGE_SIZE = 20;
const state = instanceState(() => ({ next: undefined as string | undefined, count: 0, myGridId: '', busy: false }));

interface Row extends GridRow {
  mine: boolean;
}

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
      const buildingId = me.data.household?.buildingId;
      const [grids, buildings] = await Promise.all([
        call(listGrids, { limit: PAGE_SIZE }),
        // Only to tell the resident which grid is theirs; the list shows without it.
        buildingId ? collectPages((cursor) => call(listBuildings, { cursor, limit: 50 })) : undefined,
      ]);
      if (!grids.ok) {
        this.setData({ loaded: true, error: grids.error.message });
        return;
      }
      if (buildings?.ok) s.myGridId = buildings.data.find((b) => b.id === buildingId)?.gridId ?? '';
      s.next = grids.data.next;
      s.count = grids.data.items.length;
      this.setData({
        loaded: true,
        error: '',
        needBind: false,
        canSubmit: allows(allowed, 'concern.submit'),
        communityName: me.data.community?.name ?? '',
        grids: this.rows(grids.data.items),
        hasMore: !!grids.data.next,
      });
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
    rows(items: GridView[]): Row[] {
      const mine = state(this).myGridId;
      return items.map((g) => ({ ...gridRow(g), mine: g.id === mine }));
    },
    async loadMore() {
      const s = state(this);
      if (!s.next || s.busy) return;
      s.busy = true;
      this.setData({ loadingMore: true, moreError: '' });
      const res = await call(listGrids, { cursor: s.next, limit: PAGE_SIZE });
      s.busy = false;
      if (!res.ok) {
        this.setData({ loadingMore: false, moreError: res.error.message });
        return;
      }
      const patch: Record<string, unknown> = { loadingMore: false, hasMore: !!res.data.next };
      this.rows(res.data.items).forEach((row, i) => {
        patch[`grids[${s.count + i}]`] = row;
      });
      s.count += res.data.items.length;
      s.next = res.data.next;
      this.setData(patch);
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
