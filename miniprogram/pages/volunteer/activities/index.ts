import { call } from '../../../services/api';
import { listActivities, listTeams, type ActivityView } from '../../../core/volunteer/contract';
import { nextDays, type StripDay } from '../../../services/date-strip';
import { pagedList } from '../../../services/paged-list';
import { activityRow, type ActivityRow } from '../../../services/volunteer-view';

interface Query {
  teamId: string;
  day: number | null;
  openOnly: boolean;
}

const activities = pagedList({
  fetch: (q: Query, cursor) => call(listActivities, { ...(q.teamId ? { teamId: q.teamId } : {}), ...(q.day !== null ? { day: q.day } : {}), openOnly: q.openOnly, cursor, limit: 20 }),
  row: (a: ActivityView) => activityRow(a, Date.now()),
  keys: { error: 'listError' },
});

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; index?: number; day?: number }>;

Component({
  data: {
    items: [] as ActivityRow[],
    loaded: false,
    hasMore: false,
    listError: '',
    loadingMore: false,
    moreError: '',
    teams: [{ id: '', name: '全部服务队' }] as Array<{ id: string; name: string }>,
    teamIndex: 0,
    days: [] as StripDay[],
    day: null as number | null,
    openOnly: false,
  },
  methods: {
    onLoad() {
      this.setData({ days: nextDays(Date.now(), 7) });
      void call(listTeams, { limit: 50 }).then((res) => {
        if (res.ok) this.setData({ teams: [{ id: '', name: '全部服务队' }, ...res.data.items.map((t) => ({ id: t.id, name: t.name }))] });
      });
    },
    onShow() {
      void this.reload();
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void activities(this).loadMore();
    },
    loadMore() {
      return activities(this).loadMore();
    },
    retry() {
      void this.reload();
    },
    reload() {
      return activities(this).reload({ teamId: this.data.teams[this.data.teamIndex]?.id ?? '', day: this.data.day, openOnly: this.data.openOnly });
    },
    pickTeam(e: WechatMiniprogram.PickerChange) {
      this.setData({ teamIndex: Number(e.detail.value) || 0 });
      void this.reload();
    },
    pickDay(e: Tap) {
      const day = Number(e.currentTarget.dataset.day);
      this.setData({ day: this.data.day === day || !Number.isFinite(day) ? null : day });
      void this.reload();
    },
    toggleOpen() {
      this.setData({ openOnly: !this.data.openOnly });
      void this.reload();
    },
    open(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/pages/volunteer/activity/index?activityId=${id}` });
    },
    goMine() {
      wx.navigateTo({ url: '/pages/volunteer/signups/index' });
    },
  },
});
