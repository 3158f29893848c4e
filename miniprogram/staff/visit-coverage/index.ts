import { call } from '../../services/api';
import { listGrids, type GridView } from '../../core/community/contract';
import { getMe } from '../../core/member/contract';
import { setCare, visitCoverage, NO_CONTACT_DAYS, type CoverageView, type UncontactedHousehold } from '../../core/visit/contract';
import { dateText } from '../../services/dates';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import type { Picked } from '../components/member-picker/index';

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key?: string; list?: string }>;

interface Row {
  householdId: string;
  address: string;
  reason: string;
  care: string;
  last: string;
}

/** Not rendered: the lists as read, to open the care editor with a row's flags. */
const state = instanceState(() => ({ read: null as CoverageView | null }));

const monthOf = (instant: number) => new Date(instant + 8 * 3600_000).toISOString().slice(0, 7);

/** 「2026年11月」. */
const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

const rowOf = (u: UncontactedHousehold): Row => ({
  householdId: u.householdId,
  address: u.address,
  reason: u.reason,
  care: u.care.text,
  last: u.lastContactAt === null ? '' : `上次联系：${dateText(u.lastContactAt)}`,
});

/**
 * 走访覆盖 for one grid and month: the rate with both counts, the households nobody has
 * heard from for 90 days (each with its 走访 button), and the care households with their
 * flags, which staff set here. A grid worker sees their grids; an admin every grid.
 */
Component({
  data: {
    loaded: false,
    error: '',
    grids: [] as Array<{ id: string; name: string }>,
    gridId: '',
    month: '',
    monthText: '',
    monthEnd: '',
    rateText: '',
    percent: 0,
    visits: 0,
    noContact: [] as Row[],
    care: [] as Row[],
    truncated: false,
    noContactDays: NO_CONTACT_DAYS,
    gridIds: [] as string[],
    editing: null as null | { householdId: string; address: string; elderly: boolean; specialCare: boolean },
    saving: false,
    careError: '',
  },
  methods: {
    onLoad() {
      const month = monthOf(Date.now());
      this.setData({ month, monthText: monthWords(month), monthEnd: month });
      void this.init();
    },
    async init() {
      const [me, grids] = await Promise.all([call(getMe, {}), collectPages((cursor) => call(listGrids, { cursor, limit: 50 }))]);
      if (!me.ok || !grids.ok) {
        this.setData({ loaded: true, error: !me.ok ? me.error.message : grids.ok ? '' : grids.error.message });
        return;
      }
      const admin = me.data.roles.includes('admin');
      const mine = grids.data.filter((g: GridView) => admin || me.data.gridIds.includes(g.id)).map((g) => ({ id: g.id, name: g.name }));
      this.setData({ grids: mine, gridId: mine[0]?.id ?? '', gridIds: admin ? [] : me.data.gridIds });
      if (!mine.length) {
        this.setData({ loaded: true, error: '' });
        return;
      }
      await this.load();
    },
    async load() {
      const res = await call(visitCoverage, { gridId: this.data.gridId, month: this.data.month });
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      const c = res.data;
      state(this).read = c;
      this.setData({
        loaded: true,
        error: '',
        rateText: c.rateText,
        percent: c.percent ?? 0,
        visits: c.visits,
        noContact: c.noContact.map(rowOf),
        care: c.care.map(rowOf),
        truncated: c.truncated,
      });
    },
    onGrid(e: Tap) {
      const gridId = e.currentTarget.dataset.key ?? '';
      if (!gridId || gridId === this.data.gridId) return;
      this.setData({ gridId, editing: null });
      void this.load();
    },
    onMonth(e: WechatMiniprogram.PickerChange) {
      const month = String(e.detail.value).slice(0, 7);
      this.setData({ month, monthText: monthWords(month), editing: null });
      void this.load();
    },
    visit(e: Tap) {
      const id = e.currentTarget.dataset.key ?? '';
      const row = [...this.data.noContact, ...this.data.care].find((r) => r.householdId === id);
      if (!row) return;
      wx.navigateTo({ url: `/staff/visit-log/index?householdId=${encodeURIComponent(id)}&label=${encodeURIComponent(row.address)}` });
    },
    editCare(e: Tap) {
      const id = e.currentTarget.dataset.key ?? '';
      const read = state(this).read;
      const u = read && [...read.noContact, ...read.care].find((r) => r.householdId === id);
      if (!u) return;
      this.setData({ editing: { householdId: id, address: u.address, elderly: u.care.elderly, specialCare: u.care.specialCare }, careError: '' });
    },
    onPick(e: WechatMiniprogram.CustomEvent<Picked>) {
      if (!e.detail.householdId) return;
      const read = state(this).read;
      const known = read && [...read.noContact, ...read.care].find((r) => r.householdId === e.detail.householdId);
      this.setData({
        editing: { householdId: e.detail.householdId, address: e.detail.address ?? e.detail.label, elderly: known?.care.elderly ?? false, specialCare: known?.care.specialCare ?? false },
        careError: '',
      });
    },
    toggleFlag(e: Tap) {
      const flag = e.currentTarget.dataset.key;
      if (!this.data.editing || (flag !== 'elderly' && flag !== 'specialCare')) return;
      this.setData({ [`editing.${flag}`]: !this.data.editing[flag] });
    },
    cancelCare() {
      this.setData({ editing: null, careError: '' });
    },
    async saveCare() {
      const ed = this.data.editing;
      if (!ed || this.data.saving) return;
      this.setData({ saving: true, careError: '' });
      const res = await call(setCare, { householdId: ed.householdId, elderly: ed.elderly, specialCare: ed.specialCare });
      this.setData({ saving: false });
      if (!res.ok) {
        this.setData({ careError: res.error.message });
        return;
      }
      this.setData({ editing: null });
      await this.load();
    },
  },
});
