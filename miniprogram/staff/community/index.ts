import { call } from '../../services/api';
import type { ContractInput } from '../../core/action';
import { getMe, issueInvites, setRoles } from '../../core/member/contract';
import { listBuildings, listGrids, upsertBuilding, upsertGrid, type BuildingView, type GridView } from '../../core/community/contract';
import { listCategories, upsertCategory, type CategoryAdminView, type CategoryView } from '../../core/concern/contract';
import { ROLE_LABELS, type MemberRole } from '../../core/roles';
import { formatDateTime } from '../../core/format';
import { allows } from '../../services/view';
import { itemErrors } from '../../services/booking-view';
import { emptyErrors, formMessage, pickFieldErrors } from '../../services/form';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';

const PAGE_SIZE = 20;
const MAX_INVITES = 50;

type Tab = 'grids' | 'roles' | 'invites' | 'categories';
const TABS: readonly Tab[] = ['grids', 'roles', 'invites', 'categories'];

const BUILDING_FIELDS = ['name', 'gridId'] as const;
const GRID_FIELDS = ['name', 'workerA', 'workerB', 'leader'] as const;
const ROLE_FIELDS = ['memberId', 'roles', 'gridIds', 'name'] as const;
const INVITE_FIELDS = ['households', 'validDays'] as const;
const CATEGORY_FIELDS = ['name', 'contactHours', 'resolveDays', 'order', 'active', 'templates'] as const;

/** Roles an admin may hand out here. 居民 is absent on purpose: it comes only from binding a household. */
const GRANTABLE_ROLES: readonly MemberRole[] = ['volunteer', 'gridWorker', 'admin'];

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

interface CategoryRow {
  id: string;
  name: string;
  limits: string;
}

interface InviteRow {
  key: string;
  buildingIndex: number;
  unit: string;
  room: string;
}

interface Check {
  value: string;
  label: string;
  checked: boolean;
}

/**
 * What an admin may see beyond CategoryView once the list offers it. Read when present so
 * editing never silently drops templates; when absent the form says they will be replaced.
 */
type EditableCategory = CategoryView & Partial<Pick<CategoryAdminView, 'order' | 'active' | 'templates'>>;

const staffName = (ref: GridView['workerA']) => (ref ? ref.name || ref.memberId : '');

function gridRow(g: GridView): GridRow {
  return { id: g.id, name: g.name, workerA: staffName(g.workerA), workerB: staffName(g.workerB), leader: staffName(g.leader) };
}

function categoryRow(c: CategoryView): CategoryRow {
  return { id: c.id, name: c.name, limits: `${c.contactHours}小时内联系，${c.resolveDays}天内办结` };
}

/** One template per non-empty line, as staff type them. */
function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

const emptyGridForm = () => ({ name: '', workerA: '', workerB: '', leader: '' });
const emptyCategoryForm = () => ({ name: '', contactHours: '24', resolveDays: '7', order: '100', active: true, templates: '' });
const roleChecks = (chosen: readonly string[] = []): Check[] =>
  GRANTABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], checked: chosen.includes(r) }));

const state = instanceState(() => ({
  grids: [] as GridView[],
  buildings: [] as BuildingView[],
  buildingsNext: undefined as string | undefined,
  buildingsBusy: false,
  /** Every building, for the invite rows' picker; read when that tab first opens. */
  pickerBuildings: undefined as BuildingView[] | undefined,
  categories: [] as EditableCategory[],
  categoriesLoaded: false,
  editBuildingId: '',
  editGridId: '',
  editCategoryId: '',
  nextKey: 1,
  busy: false,
}));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; index?: number; tab?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string; index?: number }>;

Component({
  data: {
    loaded: false,
    error: '',
    allowed: false,
    tab: 'grids' as Tab,
    canRoles: false,
    canInvites: false,
    canCategories: false,

    // —— 网格与楼栋 ——
    grids: [] as GridRow[],
    gridOptions: [] as string[],
    buildings: [] as BuildingRow[],
    buildingsMore: false,
    loadingMore: false,
    listError: '',
    buildingEditing: false,
    buildingName: '',
    buildingGridIndex: -1,
    buildingErrors: emptyErrors(BUILDING_FIELDS),
    buildingError: '',
    buildingSaved: '',
    gridEditing: false,
    gridForm: emptyGridForm(),
    gridErrors: emptyErrors(GRID_FIELDS),
    gridError: '',
    gridSaved: '',

    // —— 成员角色 ——
    memberId: '',
    memberName: '',
    roleChecks: roleChecks(),
    showRoleGrids: false,
    roleGrids: [] as Check[],
    roleErrors: emptyErrors(ROLE_FIELDS),
    roleError: '',
    roleResult: '',

    // —— 邀请码 ——
    buildingOptions: [] as string[],
    inviteRows: [] as InviteRow[],
    inviteRowErrors: {} as Record<number, string>,
    validDays: '30',
    inviteErrors: emptyErrors(INVITE_FIELDS),
    inviteError: '',
    invites: [] as Array<{ code: string; address: string; expiresText: string }>,
    maxInvites: MAX_INVITES,

    // —— 说事分类 ——
    categories: [] as CategoryRow[],
    categoriesError: '',
    categoryEditing: false,
    templatesUnknown: false,
    categoryForm: emptyCategoryForm(),
    categoryErrors: emptyErrors(CATEGORY_FIELDS),
    categoryError: '',
    categorySaved: '',

    saving: false,
  },
  methods: {
    onLoad() {
      void this.init();
    },
    onReachBottom() {
      if (this.data.tab === 'grids') void this.loadMoreBuildings();
    },
    async init() {
      const me = await call(getMe, {});
      if (!me.ok) {
        this.setData({ loaded: true, error: me.error.message });
        return;
      }
      const actions = me.data.allowedActions;
      const allowed = allows(actions, 'community.upsertGrid');
      this.setData({
        loaded: true,
        error: '',
        allowed,
        canRoles: allows(actions, 'member.setRoles'),
        canInvites: allows(actions, 'member.issueInvites'),
        canCategories: allows(actions, 'concern.upsertCategory'),
      });
      if (allowed) await this.loadCommunity();
    },
    async loadCommunity() {
      const s = state(this);
      const [grids, buildings] = await Promise.all([
        collectPages((cursor) => call(listGrids, { cursor, limit: 50 })),
        call(listBuildings, { limit: PAGE_SIZE }),
      ]);
      if (!grids.ok) {
        this.setData({ listError: grids.error.message });
        return;
      }
      if (!buildings.ok) {
        this.setData({ listError: buildings.error.message });
        return;
      }
      s.grids = grids.data;
      s.buildings = buildings.data.items;
      s.buildingsNext = buildings.data.next;
      this.setData({
        listError: '',
        grids: s.grids.map(gridRow),
        gridOptions: s.grids.map((g) => g.name),
        roleGrids: s.grids.map((g) => ({ value: g.id, label: g.name, checked: false })),
        buildings: s.buildings.map((b) => this.buildingRow(b)),
        buildingsMore: !!s.buildingsNext,
      });
    },
    buildingRow(b: BuildingView): BuildingRow {
      const grid = state(this).grids.find((g) => g.id === b.gridId);
      return { id: b.id, name: b.name, gridName: grid ? grid.name : '未分网格' };
    },
    async loadMoreBuildings() {
      const s = state(this);
      if (!s.buildingsNext || s.buildingsBusy) return;
      s.buildingsBusy = true;
      this.setData({ loadingMore: true });
      const res = await call(listBuildings, { cursor: s.buildingsNext, limit: PAGE_SIZE });
      s.buildingsBusy = false;
      if (!res.ok) {
        this.setData({ loadingMore: false, listError: res.error.message });
        return;
      }
      // Append by index path so setData carries only the new rows.
      const patch: Record<string, unknown> = { loadingMore: false, buildingsMore: !!res.data.next, listError: '' };
      // A building added on this page was appended already; a later page may bring it again.
      const fresh = res.data.items.filter((b) => !s.buildings.some((x) => x.id === b.id));
      fresh.forEach((b, i) => {
        patch[`buildings[${s.buildings.length + i}]`] = this.buildingRow(b);
      });
      s.buildings.push(...fresh);
      s.buildingsNext = res.data.next;
      this.setData(patch);
    },
    switchTab(e: Tap) {
      const tab = TABS.find((t) => t === e.currentTarget.dataset.tab) ?? 'grids';
      if (tab === this.data.tab) return;
      this.setData({ tab });
      if (tab === 'invites') void this.prepareInvites();
      if (tab === 'categories' && !state(this).categoriesLoaded) void this.loadCategories();
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
      const b = s.buildings.find((x) => x.id === e.currentTarget.dataset.id);
      if (!b) return;
      s.editBuildingId = b.id;
      this.setData({
        buildingEditing: true,
        buildingName: b.name,
        buildingGridIndex: s.grids.findIndex((g) => g.id === b.gridId),
        buildingErrors: emptyErrors(BUILDING_FIELDS),
        buildingError: '',
        buildingSaved: '',
      });
    },
    cancelBuilding() {
      state(this).editBuildingId = '';
      this.setData({ buildingEditing: false, buildingName: '', buildingGridIndex: -1, buildingErrors: emptyErrors(BUILDING_FIELDS), buildingError: '' });
    },
    async saveBuilding() {
      const s = state(this);
      if (s.busy) return;
      const grid = s.grids[this.data.buildingGridIndex];
      const input: Record<string, unknown> = { name: this.data.buildingName };
      // No grid picked goes as missing, so the schema's own message shows under the picker.
      if (grid) input.gridId = grid.id;
      if (s.editBuildingId) input.buildingId = s.editBuildingId;
      s.busy = true;
      this.setData({ saving: true, buildingErrors: emptyErrors(BUILDING_FIELDS), buildingError: '', buildingSaved: '' });
      const res = await call(upsertBuilding, input as ContractInput<typeof upsertBuilding>);
      s.busy = false;
      if (!res.ok) {
        const errors = pickFieldErrors(res.error, BUILDING_FIELDS);
        // The schema speaks of an id; the admin sees a picker.
        if (errors.gridId && !grid) errors.gridId = '请选择所属网格';
        this.setData({
          saving: false,
          buildingErrors: errors,
          buildingError: formMessage(res.error, BUILDING_FIELDS),
        });
        return;
      }
      const b = res.data;
      const i = s.buildings.findIndex((x) => x.id === b.id);
      const at = i >= 0 ? i : s.buildings.length;
      s.buildings[at] = b;
      if (s.pickerBuildings) {
        const j = s.pickerBuildings.findIndex((x) => x.id === b.id);
        s.pickerBuildings[j >= 0 ? j : s.pickerBuildings.length] = b;
      }
      s.editBuildingId = '';
      this.setData({
        saving: false,
        [`buildings[${at}]`]: this.buildingRow(b),
        buildingEditing: false,
        buildingName: '',
        buildingGridIndex: -1,
        buildingSaved: `已保存楼栋：${b.name}`,
        ...(s.pickerBuildings ? { buildingOptions: s.pickerBuildings.map((x) => x.name) } : {}),
      });
    },

    // —— 网格 ——
    onGridField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !(field in this.data.gridForm)) return;
      this.setData({ [`gridForm.${field}`]: e.detail.value, [`gridErrors.${field}`]: '', gridSaved: '' });
    },
    editGrid(e: Tap) {
      const s = state(this);
      const g = s.grids.find((x) => x.id === e.currentTarget.dataset.id);
      if (!g) return;
      s.editGridId = g.id;
      this.setData({
        gridEditing: true,
        gridForm: { name: g.name, workerA: g.workerA?.memberId ?? '', workerB: g.workerB?.memberId ?? '', leader: g.leader?.memberId ?? '' },
        gridErrors: emptyErrors(GRID_FIELDS),
        gridError: '',
        gridSaved: '',
      });
    },
    cancelGrid() {
      state(this).editGridId = '';
      this.setData({ gridEditing: false, gridForm: emptyGridForm(), gridErrors: emptyErrors(GRID_FIELDS), gridError: '' });
    },
    async saveGrid() {
      const s = state(this);
      if (s.busy) return;
      const f = this.data.gridForm;
      const input: Record<string, unknown> = { name: f.name };
      if (s.editGridId) input.gridId = s.editGridId;
      // An empty box means nobody in that position.
      for (const k of ['workerA', 'workerB', 'leader'] as const) if (f[k].trim()) input[k] = f[k].trim();
      s.busy = true;
      this.setData({ saving: true, gridErrors: emptyErrors(GRID_FIELDS), gridError: '', gridSaved: '' });
      const res = await call(upsertGrid, input as ContractInput<typeof upsertGrid>);
      s.busy = false;
      if (!res.ok) {
        this.setData({ saving: false, gridErrors: pickFieldErrors(res.error, GRID_FIELDS), gridError: formMessage(res.error, GRID_FIELDS) });
        return;
      }
      const g = res.data;
      const i = s.grids.findIndex((x) => x.id === g.id);
      const renamed = i >= 0 && s.grids[i].name !== g.name;
      if (i >= 0) s.grids[i] = g;
      else s.grids.push(g);
      s.editGridId = '';
      this.setData({
        saving: false,
        grids: s.grids.map(gridRow),
        gridOptions: s.grids.map((x) => x.name),
        roleGrids: s.grids.map((x) => ({ value: x.id, label: x.name, checked: this.data.roleGrids.some((c) => c.value === x.id && c.checked) })),
        // A renamed grid shows under every one of its buildings.
        ...(renamed ? { buildings: s.buildings.map((b) => this.buildingRow(b)) } : {}),
        gridEditing: false,
        gridForm: emptyGridForm(),
        gridSaved: `已保存网格：${g.name}`,
      });
    },

    // —— 成员角色 ——
    onMemberId(e: FieldInput) {
      this.setData({ memberId: e.detail.value, 'roleErrors.memberId': '', roleResult: '' });
    },
    onMemberName(e: FieldInput) {
      this.setData({ memberName: e.detail.value, 'roleErrors.name': '', roleResult: '' });
    },
    onRoles(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const chosen = e.detail.value;
      this.setData({ roleChecks: roleChecks(chosen), showRoleGrids: chosen.includes('gridWorker'), 'roleErrors.roles': '', roleResult: '' });
    },
    onRoleGrids(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const chosen = e.detail.value;
      this.setData({ roleGrids: this.data.roleGrids.map((c) => ({ ...c, checked: chosen.includes(c.value) })), 'roleErrors.gridIds': '', roleResult: '' });
    },
    submitRoles() {
      if (state(this).busy) return;
      const roles = this.data.roleChecks.filter((c) => c.checked).map((c) => c.value as MemberRole);
      const input: Record<string, unknown> = {
        memberId: this.data.memberId.trim(),
        roles,
        // Grids matter only to grid workers; the server drops them otherwise, so do we.
        gridIds: roles.includes('gridWorker') ? this.data.roleGrids.filter((c) => c.checked).map((c) => c.value) : [],
      };
      if (this.data.memberName.trim()) input.name = this.data.memberName;
      const labels = roles.map((r) => ROLE_LABELS[r]).join('、') || '无';
      // Roles are replaced, not added to: one confirming tap before that happens.
      wx.showModal({
        title: '设置角色',
        content: `成员 ${input.memberId as string} 的角色将设为：${labels}。原有角色会被替换，确定吗？`,
        confirmText: '确定',
        cancelText: '再看看',
        success: (r) => {
          if (r.confirm) void this.sendRoles(input as ContractInput<typeof setRoles>);
        },
      });
    },
    async sendRoles(input: ContractInput<typeof setRoles>) {
      const s = state(this);
      if (s.busy) return;
      s.busy = true;
      this.setData({ saving: true, roleErrors: emptyErrors(ROLE_FIELDS), roleError: '', roleResult: '' });
      const res = await call(setRoles, input);
      s.busy = false;
      if (!res.ok) {
        this.setData({ saving: false, roleErrors: pickFieldErrors(res.error, ROLE_FIELDS), roleError: formMessage(res.error, ROLE_FIELDS) });
        return;
      }
      const m = res.data;
      const roles = m.roles.map((r) => ROLE_LABELS[r] ?? r).join('、') || '无角色';
      const grids = m.gridIds.map((id) => s.grids.find((g) => g.id === id)?.name ?? id).join('、');
      const who = m.name ? `${m.name}（${m.memberId}）` : m.memberId;
      this.setData({ saving: false, roleResult: `${who} 现在的角色：${roles}${grids ? `；负责网格：${grids}` : ''}` });
    },

    // —— 邀请码 ——
    async prepareInvites() {
      const s = state(this);
      if (!s.pickerBuildings) {
        const res = await collectPages((cursor) => call(listBuildings, { cursor, limit: 50 }));
        if (!res.ok) {
          this.setData({ inviteError: res.error.message });
          return;
        }
        s.pickerBuildings = res.data;
        this.setData({ buildingOptions: res.data.map((b) => b.name), inviteError: '' });
      }
      if (this.data.inviteRows.length === 0) this.addInviteRow();
    },
    addInviteRow() {
      const s = state(this);
      const rows = this.data.inviteRows;
      if (rows.length >= MAX_INVITES) return;
      const last = rows[rows.length - 1];
      // A new row keeps the building and unit of the last: slips go out a stairwell at a time.
      const row: InviteRow = { key: `r${s.nextKey++}`, buildingIndex: last ? last.buildingIndex : -1, unit: last ? last.unit : '', room: '' };
      this.setData({ [`inviteRows[${rows.length}]`]: row, 'inviteErrors.households': '' });
    },
    removeInviteRow(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      const rows = this.data.inviteRows;
      if (!(i >= 0 && i < rows.length)) return;
      this.setData({ inviteRows: rows.filter((_, j) => j !== i), inviteRowErrors: {} });
    },
    onInviteField(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      const field = e.currentTarget.dataset.field;
      if (!this.data.inviteRows[i]) return;
      if (field === 'building') this.setData({ [`inviteRows[${i}].buildingIndex`]: Number(e.detail.value), [`inviteRowErrors.${i}`]: '' });
      else if (field === 'unit' || field === 'room') this.setData({ [`inviteRows[${i}].${field}`]: e.detail.value, [`inviteRowErrors.${i}`]: '' });
    },
    onValidDays(e: FieldInput) {
      this.setData({ validDays: e.detail.value, 'inviteErrors.validDays': '' });
    },
    async submitInvites() {
      const s = state(this);
      if (s.busy) return;
      const buildings = s.pickerBuildings ?? [];
      const households = this.data.inviteRows.map((r) => ({ buildingId: buildings[r.buildingIndex]?.id ?? '', unit: r.unit, room: r.room }));
      const input: Record<string, unknown> = { households };
      if (this.data.validDays.trim()) input.validDays = Number(this.data.validDays);
      s.busy = true;
      this.setData({ saving: true, inviteRowErrors: {}, inviteErrors: emptyErrors(INVITE_FIELDS), inviteError: '', invites: [] });
      const res = await call(issueInvites, input as ContractInput<typeof issueInvites>);
      s.busy = false;
      if (!res.ok) {
        const rowErrors = itemErrors(res.error, 'households');
        // Zod reports the building first; a row without one gets the picker's words.
        for (const k of Object.keys(rowErrors)) if (!buildings[this.data.inviteRows[Number(k)]?.buildingIndex]) rowErrors[Number(k)] = '请选择楼栋';
        const hasRowErrors = Object.keys(rowErrors).length > 0;
        this.setData({
          saving: false,
          inviteRowErrors: rowErrors,
          inviteErrors: hasRowErrors ? { households: '', validDays: pickFieldErrors(res.error, INVITE_FIELDS).validDays } : pickFieldErrors(res.error, INVITE_FIELDS),
          inviteError: hasRowErrors ? '' : formMessage(res.error, INVITE_FIELDS),
        });
        return;
      }
      this.setData({
        saving: false,
        invites: res.data.invites.map((v) => ({ code: v.code, address: v.address, expiresText: formatDateTime(v.expiresAt) })),
      });
    },
    copyInvites() {
      const lines = this.data.invites.map((v) => `${v.address}  邀请码：${v.code}  有效期至：${v.expiresText}`);
      if (lines.length === 0) return;
      wx.setClipboardData({ data: lines.join('\n') });
    },

    // —— 说事分类 ——
    async loadCategories() {
      const s = state(this);
      const res = await collectPages((cursor) => call(listCategories, { cursor, limit: 50 }));
      if (!res.ok) {
        this.setData({ categoriesError: res.error.message });
        return;
      }
      s.categories = res.data as EditableCategory[];
      s.categoriesLoaded = true;
      this.setData({ categoriesError: '', categories: s.categories.map(categoryRow) });
    },
    onCategoryField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !(field in this.data.categoryForm) || field === 'active') return;
      this.setData({ [`categoryForm.${field}`]: e.detail.value, [`categoryErrors.${field}`]: '', categorySaved: '' });
    },
    onCategoryActive(e: WechatMiniprogram.SwitchChange) {
      this.setData({ 'categoryForm.active': e.detail.value, categorySaved: '' });
    },
    editCategory(e: Tap) {
      const s = state(this);
      const c = s.categories.find((x) => x.id === e.currentTarget.dataset.id);
      if (!c) return;
      s.editCategoryId = c.id;
      this.setData({
        categoryEditing: true,
        templatesUnknown: !Array.isArray(c.templates),
        categoryForm: {
          name: c.name,
          contactHours: String(c.contactHours),
          resolveDays: String(c.resolveDays),
          order: String(c.order ?? 100),
          active: c.active ?? true,
          templates: (c.templates ?? []).join('\n'),
        },
        categoryErrors: emptyErrors(CATEGORY_FIELDS),
        categoryError: '',
        categorySaved: '',
      });
    },
    cancelCategory() {
      state(this).editCategoryId = '';
      this.setData({ categoryEditing: false, templatesUnknown: false, categoryForm: emptyCategoryForm(), categoryErrors: emptyErrors(CATEGORY_FIELDS), categoryError: '' });
    },
    async saveCategory() {
      const s = state(this);
      if (s.busy) return;
      const f = this.data.categoryForm;
      const input: Record<string, unknown> = { name: f.name, active: f.active, templates: splitLines(f.templates) };
      if (s.editCategoryId) input.categoryId = s.editCategoryId;
      // Empty number boxes go as missing: required ones get the schema's message, order its default.
      for (const k of ['contactHours', 'resolveDays', 'order'] as const) if (f[k].trim()) input[k] = Number(f[k]);
      s.busy = true;
      this.setData({ saving: true, categoryErrors: emptyErrors(CATEGORY_FIELDS), categoryError: '', categorySaved: '' });
      const res = await call(upsertCategory, input as ContractInput<typeof upsertCategory>);
      s.busy = false;
      if (!res.ok) {
        this.setData({
          saving: false,
          categoryErrors: pickFieldErrors(res.error, CATEGORY_FIELDS),
          categoryError: formMessage(res.error, CATEGORY_FIELDS),
        });
        return;
      }
      const c = res.data;
      const i = s.categories.findIndex((x) => x.id === c.id);
      // The resident list shows active categories only; keep this one in step with it.
      if (i >= 0) {
        if (c.active) s.categories[i] = c;
        else s.categories.splice(i, 1);
      } else if (c.active) s.categories.push(c);
      s.editCategoryId = '';
      this.setData({
        saving: false,
        categories: s.categories.map(categoryRow),
        categoryEditing: false,
        templatesUnknown: false,
        categoryForm: emptyCategoryForm(),
        categorySaved: c.active ? `已保存分类：${c.name}` : `已保存并停用分类：${c.name}（居民不再看到）`,
      });
    },
  },
});
