import { call } from '../../../services/api';
import type { ContractInput } from '../../../core/action';
import { listBuildings, type BuildingView } from '../../../core/community/contract';
import { findMembers, type FoundEntry } from '../../../core/member/contract';
import { ROLE_LABELS, type MemberRole } from '../../../core/roles';
import { collectPages } from '../../../services/paging';
import { instanceState } from '../../../services/page-state';
import { pagedList, prefixedKeys } from '../../../services/paged-list';

/** What a pick hands the page: ids for the next call (never shown), and words for people. */
export interface Picked {
  memberId?: string;
  name?: string;
  householdId?: string;
  address?: string;
  /** Whether anyone of the household uses the app. */
  onApp: boolean;
  roles?: MemberRole[];
  /** 刘阿姨 · 1号楼 1单元 101室 */
  label: string;
}

type Query = ContractInput<typeof findMembers>;

interface Choice {
  id: string;
  index: number;
  label: string;
}

interface Row {
  key: string;
  title: string;
  sub: string;
  noApp: boolean;
  choices: Choice[];
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key?: string; index?: number; by?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }>;

const state = instanceState(() => ({ buildings: [] as BuildingView[], buildingsRead: false }));

const rolesText = (roles: readonly MemberRole[]) => roles.map((r) => ROLE_LABELS[r]).join('、');

/**
 * What a row offers. Households: each bound resident, and — where the page serves
 * households (`mode: household`) — the household itself when nobody there uses the app.
 */
function choicesOf(e: FoundEntry, mode: string): Picked[] {
  const address = e.household?.address;
  const people = e.people.map((p): Picked => ({
    memberId: p.memberId,
    name: p.name,
    roles: p.roles,
    householdId: e.household?.id,
    address,
    onApp: true,
    label: [p.name ?? '未留姓名', address].filter(Boolean).join(' · '),
  }));
  if (mode === 'household') {
    // A household is what 说事 is filed for: a person without one cannot be served here.
    if (!e.household) return [];
    if (people.length === 0) return [{ householdId: e.household.id, address, onApp: false, label: `${address}（家中无人使用小程序）` }];
  }
  return people;
}

/** The row for one finder entry: the address or the name first, as the caller said it. */
function rowOf(e: FoundEntry, mode: string, by: string): Row {
  const picks = choicesOf(e, mode);
  const byName = by === 'name';
  const person = e.people[0];
  const title = byName ? person?.name ?? '未留姓名' : e.household?.address ?? '';
  const sub = byName
    ? [e.household?.address, person ? rolesText(person.roles) : ''].filter(Boolean).join(' · ')
    : e.people.length ? `住户：${e.people.map((p) => p.name ?? '未留姓名').join('、')}` : '';
  return {
    key: e.key,
    title,
    sub,
    noApp: !e.onApp,
    choices: picks.map((p, index) => ({ id: `${e.key}-${index}`, index, label: p.memberId ? (picks.length > 1 || !byName ? `选 ${p.name ?? '这位'}` : '选择') : '选这一户' })),
  };
}

const found = pagedList({
  fetch: (query: Query, cursor) => call(findMembers, { ...query, cursor }),
  row: (e: FoundEntry, host) => {
    const d = (host as unknown as { data: { mode: string; searchedBy: string } }).data;
    return rowOf(e, d.mode, d.searchedBy);
  },
  keys: prefixedKeys('found'),
});

/**
 * One picker for every place staff choose a person or a household: roles, a grid's A角 /
 * B角 / 网格长, 代办. Search by name or by 楼栋 → 单元 → 房号 through `member.find`; rows say
 * what a person recognises, and the ids go only into the `pick` event. Controlled: the page
 * sets `selected` (the words of the current choice) after a pick.
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    label: { type: String, value: '选择居民' },
    /** `person`: pick a person; `household`: pick a household (and its resident, if any). */
    mode: { type: String, value: 'person' },
    /** Name search keeps people holding any of these roles (e.g. only 网格员). */
    roles: { type: Array, value: [] },
    /** Buildings offered: those of these grids (a grid worker's own); empty = all. */
    gridIds: { type: Array, value: [] },
    /** The current choice in words; empty = nothing chosen yet. */
    selected: { type: String, value: '' },
    /** Offer 不设 (nobody). */
    clearable: { type: Boolean, value: false },
  },
  data: {
    searching: false,
    by: 'name',
    searchedBy: 'name',
    name: '',
    unit: '',
    room: '',
    buildingNames: [] as string[],
    buildingIndex: -1,
    formError: '',
    found: [] as Row[],
    foundLoaded: false,
    foundError: '',
    foundMore: false,
    foundLoadingMore: false,
    foundMoreError: '',
  },
  methods: {
    change() {
      this.setData({ searching: true });
    },
    cancel() {
      this.setData({ searching: false });
    },
    clear() {
      this.triggerEvent('clear', {});
    },
    switchBy(e: Tap) {
      const by = e.currentTarget.dataset.by === 'address' ? 'address' : 'name';
      this.setData({ by, formError: '' });
      if (by === 'address') void this.loadBuildings();
    },
    async loadBuildings() {
      const s = state(this);
      if (s.buildingsRead) return;
      s.buildingsRead = true;
      const res = await collectPages((cursor) => call(listBuildings, { cursor, limit: 50 }));
      if (!res.ok) {
        s.buildingsRead = false;
        this.setData({ formError: res.error.message });
        return;
      }
      const grids = this.data.gridIds as string[];
      s.buildings = grids.length ? res.data.filter((b) => grids.includes(b.gridId)) : res.data;
      this.setData({ buildingNames: s.buildings.map((b) => b.name) });
    },
    onName(e: FieldInput) {
      this.setData({ name: e.detail.value, formError: '' });
    },
    onUnit(e: FieldInput) {
      this.setData({ unit: e.detail.value, formError: '' });
    },
    onRoom(e: FieldInput) {
      this.setData({ room: e.detail.value, formError: '' });
    },
    onBuilding(e: WechatMiniprogram.PickerChange) {
      this.setData({ buildingIndex: Number(e.detail.value), formError: '' });
    },
    /** The query as typed; the shared schema says what is missing before anything is sent. */
    query(): Query | null {
      const d = this.data;
      if (d.by === 'name') {
        const name = d.name.trim();
        if (!name) {
          this.setData({ formError: '请输入姓名' });
          return null;
        }
        const roles = d.roles as MemberRole[];
        return roles.length ? { name, roles } : { name };
      }
      const building = state(this).buildings[d.buildingIndex];
      if (!building) {
        this.setData({ formError: '请选择楼栋' });
        return null;
      }
      const q: Query = { buildingId: building.id };
      if (d.unit.trim()) q.unit = d.unit.trim();
      if (d.room.trim()) {
        if (!q.unit) {
          this.setData({ formError: '请填写单元' });
          return null;
        }
        q.room = d.room.trim();
      }
      return q;
    },
    async search() {
      const q = this.query();
      if (!q) return;
      this.setData({ searchedBy: this.data.by, formError: '' });
      await found(this).reload(q);
    },
    more() {
      void found(this).loadMore();
    },
    pick(e: Tap) {
      const { key, index } = e.currentTarget.dataset;
      const entry = found(this).items.find((x) => x.key === key);
      const picked = entry ? choicesOf(entry, this.data.mode)[Number(index)] : undefined;
      if (!picked) return;
      this.setData({ searching: false });
      this.triggerEvent('pick', picked);
    },
  },
});
