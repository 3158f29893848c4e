import { call } from '../../../services/api';
import type { ContractInput } from '../../../core/action';
import { listBuildings, listGrids, upsertBuilding, upsertGrid, type BuildingView, type GridView } from '../../../core/community/contract';
import { emptyErrors } from '../../../services/form';
import { formKeys, formSubmit } from '../../../services/form-submit';
import { collectPages } from '../../../services/paging';
import { instanceState } from '../../../services/page-state';
import { pagedList, prefixedKeys } from '../../../services/paged-list';
import { lazyTab } from '../../behaviors/lazy-tab';
import { staffName, type FieldInput, type Tap } from '../community-events';
import type { Picked } from '../member-picker/index';

const PAGE_SIZE = 20;
const BUILDING_FIELDS = ['name', 'gridId'] as const;
const GRID_FIELDS = ['name', 'workerA', 'workerB', 'leader'] as const;

interface GridRow {
  id: string;
  name: string;
  workerA: string;
  workerB: string;
  leader: string;
}

interface BuildingRow {
  id: string;
  name: string;
  gridName: string;
}

function gridRow(g: GridView): GridRow {
  return { id: g.id, name: g.name, workerA: staffName(g.workerA), workerB: staffName(g.workerB), leader: staffName(g.leader) };
}

/** The ids picked stay in data for the save; the pickers show `gridPeople`, the names. */
const emptyGridForm = () => ({ name: '', workerA: '', workerB: '', leader: '' });
const emptyGridPeople = () => ({ workerA: '', workerB: '', leader: '' });
type Position = 'workerA' | 'workerB' | 'leader';
const positionOf = (field: string | undefined): Position | undefined =>
  field === 'workerA' || field === 'workerB' || field === 'leader' ? field : undefined;

const state = instanceState(() => ({
  grids: [] as GridView[],
  editBuildingId: '',
  editGridId: '',
  loaded: false,
}));

const sameBuilding = (a: BuildingView, b: BuildingView) => a.id === b.id;

const buildings = pagedList({
  fetch: (_query: undefined, cursor) => call(listBuildings, { cursor, limit: PAGE_SIZE }),
  // A building's row names its grid, so it is drawn with this tab's grids at hand.
  row: (b: BuildingView, host): BuildingRow => {
    const grid = state(host).grids.find((g) => g.id === b.gridId);
    return { id: b.id, name: b.name, gridName: grid ? grid.name : '未分网格' };
  },
  keys: prefixedKeys('buildings'),
  // A building added here was appended already; a later page may bring it again.
  sameItem: sameBuilding,
});

const buildingForm = formSubmit(upsertBuilding, {
  fields: BUILDING_FIELDS,
  keys: formKeys('building', 'buildingSaving'),
  // The schema speaks of an id; the admin sees a picker.
  whenEmpty: { gridId: '请选择所属网格' },
});
const gridForm = formSubmit(upsertGrid, { fields: GRID_FIELDS, keys: formKeys('grid', 'gridSaving') });

/** 社区管理 › 网格与楼栋: the grids with their people, the buildings with their grid. */
Component({
  behaviors: [lazyTab],
  options: { addGlobalClass: true },
  data: {
    grids: [] as GridRow[],
    gridOptions: [] as string[],
    listError: '',
    buildings: [] as BuildingRow[],
    buildingsMore: false,
    buildingsLoadingMore: false,
    buildingsError: '',
    buildingsMoreError: '',
    buildingEditing: false,
    buildingName: '',
    buildingGridIndex: -1,
    buildingErrors: emptyErrors(BUILDING_FIELDS),
    buildingError: '',
    buildingSaved: '',
    buildingSaving: false,
    gridEditing: false,
    gridForm: emptyGridForm(),
    gridPeople: emptyGridPeople(),
    gridErrors: emptyErrors(GRID_FIELDS),
    gridError: '',
    gridSaved: '',
    gridSaving: false,
  },
  methods: {
    shown() {
      if (!state(this).loaded) void this.load();
    },
    async load() {
      const s = state(this);
      s.loaded = true;
      const grids = await collectPages((cursor) => call(listGrids, { cursor, limit: 50 }));
      if (!grids.ok) {
        s.loaded = false;
        this.setData({ listError: grids.error.message });
        return;
      }
      s.grids = grids.data;
      this.setData({ listError: '', grids: s.grids.map(gridRow), gridOptions: s.grids.map((g) => g.name) });
      await buildings(this).reload();
    },
    /** The page's onReachBottom lands here while this tab is on screen. */
    loadMore() {
      void buildings(this).loadMore();
    },

    // —— 楼栋 ——
    onBuildingName(e: FieldInput) {
      this.setData({ buildingName: e.detail.value, 'buildingErrors.name': '', buildingSaved: '' });
    },
    onBuildingGrid(e: FieldInput) {
      this.setData({ buildingGridIndex: Number(e.detail.value), 'buildingErrors.gridId': '', buildingSaved: '' });
    },
    editBuilding(e: Tap) {
      const s = state(this);
      const b = buildings(this).items.find((x) => x.id === e.currentTarget.dataset.id);
      if (!b) return;
      s.editBuildingId = b.id;
      buildingForm(this).clear();
      this.setData({ buildingEditing: true, buildingName: b.name, buildingGridIndex: s.grids.findIndex((g) => g.id === b.gridId), buildingSaved: '' });
    },
    cancelBuilding() {
      state(this).editBuildingId = '';
      buildingForm(this).clear();
      this.setData({ buildingEditing: false, buildingName: '', buildingGridIndex: -1 });
    },
    async saveBuilding() {
      const s = state(this);
      const grid = s.grids[this.data.buildingGridIndex];
      const input: Record<string, unknown> = { name: this.data.buildingName };
      // No grid picked goes as missing, so the schema's own message shows under the picker.
      if (grid) input.gridId = grid.id;
      if (s.editBuildingId) input.buildingId = s.editBuildingId;
      this.setData({ buildingSaved: '' });
      const res = await buildingForm(this).submit(input as ContractInput<typeof upsertBuilding>);
      if (!res?.ok) return;
      buildings(this).put(res.data, sameBuilding);
      s.editBuildingId = '';
      this.setData({ buildingEditing: false, buildingName: '', buildingGridIndex: -1, buildingSaved: `已保存楼栋：${res.data.name}` });
    },

    // —— 网格 ——
    onGridField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !(field in this.data.gridForm)) return;
      this.setData({ [`gridForm.${field}`]: e.detail.value, [`gridErrors.${field}`]: '', gridSaved: '' });
    },
    /** A person picked for A角, B角 or 网格长 (by name, among those whose role qualifies). */
    onPickPerson(e: WechatMiniprogram.CustomEvent<Picked, Record<string, never>, { field?: string }>) {
      const field = positionOf(e.currentTarget.dataset.field);
      if (!field || !e.detail.memberId) return;
      this.setData({ [`gridForm.${field}`]: e.detail.memberId, [`gridPeople.${field}`]: e.detail.name ?? e.detail.label, [`gridErrors.${field}`]: '', gridSaved: '' });
    },
    onClearPerson(e: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { field?: string }>) {
      const field = positionOf(e.currentTarget.dataset.field);
      if (!field) return;
      this.setData({ [`gridForm.${field}`]: '', [`gridPeople.${field}`]: '', [`gridErrors.${field}`]: '', gridSaved: '' });
    },
    editGrid(e: Tap) {
      const s = state(this);
      const g = s.grids.find((x) => x.id === e.currentTarget.dataset.id);
      if (!g) return;
      s.editGridId = g.id;
      gridForm(this).clear();
      this.setData({
        gridEditing: true,
        gridForm: { name: g.name, workerA: g.workerA?.memberId ?? '', workerB: g.workerB?.memberId ?? '', leader: g.leader?.memberId ?? '' },
        gridPeople: { workerA: staffName(g.workerA), workerB: staffName(g.workerB), leader: staffName(g.leader) },
        gridSaved: '',
      });
    },
    cancelGrid() {
      state(this).editGridId = '';
      gridForm(this).clear();
      this.setData({ gridEditing: false, gridForm: emptyGridForm(), gridPeople: emptyGridPeople() });
    },
    async saveGrid() {
      const s = state(this);
      const f = this.data.gridForm;
      const input: Record<string, unknown> = { name: f.name };
      if (s.editGridId) input.gridId = s.editGridId;
      // An empty box means nobody in that position.
      for (const k of ['workerA', 'workerB', 'leader'] as const) if (f[k].trim()) input[k] = f[k].trim();
      this.setData({ gridSaved: '' });
      const res = await gridForm(this).submit(input as ContractInput<typeof upsertGrid>);
      if (!res?.ok) return;
      const g = res.data;
      const i = s.grids.findIndex((x) => x.id === g.id);
      const renamed = i >= 0 && s.grids[i].name !== g.name;
      if (i >= 0) s.grids[i] = g;
      else s.grids.push(g);
      s.editGridId = '';
      this.setData({
        grids: s.grids.map(gridRow),
        gridOptions: s.grids.map((x) => x.name),
        gridEditing: false,
        gridForm: emptyGridForm(),
        gridPeople: emptyGridPeople(),
        gridSaved: `已保存网格：${g.name}`,
      });
      // A renamed grid shows under every one of its buildings.
      if (renamed) buildings(this).rerender();
    },
  },
});
