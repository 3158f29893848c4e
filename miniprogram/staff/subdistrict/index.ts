import { call } from '../../services/api';
import { monthKeyOf } from '../../core/disclosure/calendar';
import { listEscalations, subdistrictOverview, type CommunityFigures, type EscalationView } from '../../core/subdistrict/contract';

interface CommunityCard {
  communityId: string;
  name: string;
  awaitingAdmin: boolean;
  concerns: number;
  response: string;
  resolution: string;
  satisfaction: string;
  disclosure: string;
  escalated: number;
}

interface EscalationRow {
  key: string;
  communityName: string;
  title: string;
  reason: string;
}

const card = (c: CommunityFigures): CommunityCard => ({
  communityId: c.communityId, name: c.name, awaitingAdmin: c.awaitingAdmin, concerns: c.concerns,
  response: c.response.text, resolution: c.resolution.text, satisfaction: c.satisfaction.text, disclosure: c.disclosureText, escalated: c.escalated,
});
const escalationRow = (e: EscalationView): EscalationRow => ({ key: `${e.communityId}:${e.dueAt}:${e.title}`, communityName: e.communityName, title: e.title, reason: e.reason });

/** 「2026-11」 ± n months. */
function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** 街道工作台: each community's month at a glance, and what the communities escalated. */
Component({
  data: {
    loaded: false,
    error: '',
    subdistrict: '',
    month: '',
    monthText: '',
    isCurrent: true,
    communities: [] as CommunityCard[],
    escalations: [] as EscalationRow[],
  },
  methods: {
    onShow() {
      void this.load(this.data.month || monthKeyOf(Date.now()));
    },
    async onPullDownRefresh() {
      await this.load(this.data.month);
      wx.stopPullDownRefresh();
    },
    retry() {
      void this.load(this.data.month || monthKeyOf(Date.now()));
    },
    prevMonth() {
      void this.load(shift(this.data.month, -1));
    },
    nextMonth() {
      if (!this.data.isCurrent) void this.load(shift(this.data.month, 1));
    },
    async load(month: string) {
      const [overview, escalations] = await Promise.all([call(subdistrictOverview, { month }), call(listEscalations, {})]);
      if (!overview.ok) {
        this.setData({ loaded: true, error: overview.error.message });
        return;
      }
      const [y, m] = month.split('-').map(Number);
      this.setData({
        loaded: true,
        error: '',
        subdistrict: overview.data.subdistrict,
        month,
        monthText: `${y}年${m}月`,
        isCurrent: month >= monthKeyOf(Date.now()),
        communities: overview.data.communities.map(card),
        escalations: escalations.ok ? escalations.data.items.map(escalationRow) : [],
      });
    },
    openReports(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/staff/reports/index?communityId=${encodeURIComponent(id)}` });
    },
    createCommunity() {
      wx.navigateTo({ url: '/staff/community-new/index' });
    },
  },
});
