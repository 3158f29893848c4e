import { call } from '../../services/api';
import { listBuildings, type BuildingView } from '../../core/community/contract';
import { getMe } from '../../core/member/contract';
import { correctRoll, importRoll, listRoll, OWNER_SHEET_COLUMNS, type HouseholdRollView, type OwnerUnitView, type RollImportReport, type RollKind } from '../../core/poll/contract';
import { areaText } from '../../core/poll/rules';
import { emptyErrors } from '../../services/form';
import { formKeys, formSubmit } from '../../services/form-submit';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import { pagedList } from '../../services/paged-list';
import { allows } from '../../services/view';
import type { Picked } from '../components/member-picker/index';
import { areaInput } from '../polls/view';

type RollItem = HouseholdRollView | OwnerUnitView;
type Query = { kind: RollKind; buildingId?: string };
const CORRECT = ['areaM2', 'owners', 'unsold', 'reason', 'representativeId', 'minorIds'] as const;
/** What roll.import takes: the sheet as base64, at most about 2 MB of file. */
const MAX_SHEET_BYTES = 2 * 1024 * 1024;

interface Row {
  key: string;
  address: string;
  detail: string;
  tags: Array<{ text: string; tone: string }>;
  canCorrect: boolean;
}
interface MemberRow {
  key: string;
  name: string;
  minor: boolean;
}
interface OwnerRow {
  key: string;
  name: string;
  linkedText: string;
}
interface ReportView {
  committed: boolean;
  summary: string[];
  problems: string[];
  preview: Array<{ key: string; text: string }>;
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; kind?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index?: number; field?: string }>;
type Change = WechatMiniprogram.CustomEvent<{ value: string | string[] | boolean }>;

const isOwner = (r: RollItem): r is OwnerUnitView => 'unitId' in r;

function householdRow(h: HouseholdRollView): Row {
  const names = h.members.map((m) => `${m.name}${m.representative ? '（户代表）' : ''}${m.adult ? '' : '（未成年）'}`);
  return {
    key: h.householdId,
    address: h.address,
    detail: names.length ? names.join('、') : '没有人绑定到这一户',
    tags: [],
    canCorrect: h.allowedActions.includes('roll.correct'),
  };
}

function ownerRow(u: OwnerUnitView): Row {
  return {
    key: u.unitId,
    address: u.address,
    detail: `专有面积 ${u.areaText}`,
    tags: [
      ...(u.unsold ? [{ text: '未售出', tone: 'todo' }] : []),
      ...u.owners.map((o) => ({ text: `${o.name} ${o.linked ? '已关联' : '未关联'}`, tone: o.linked ? 'done' : 'muted' })),
    ],
    canCorrect: u.allowedActions.includes('roll.correct'),
  };
}

/** The roll's totals come with its first page; pagedList keeps only the rows. */
let lastTotals: { total: number; totalAreaCenti: number | null } | undefined;

const roll = pagedList({
  fetch: async (q: Query, cursor) => {
    const res = await call(listRoll, { ...q, cursor, limit: 20 });
    if (res.ok && !cursor) lastTotals = { total: res.data.total, totalAreaCenti: res.data.totalAreaCenti };
    return res;
  },
  row: (r: RollItem) => (isOwner(r) ? ownerRow(r) : householdRow(r)),
});

function reportView(r: RollImportReport): ReportView {
  const summary = [
    `${r.committed ? '已导入' : '预览，尚未导入'}：表格共${r.rows}行`,
    `新增${r.created}套，更新${r.updated}套，不变${r.unchanged}套`,
    `专有面积合计${r.totalAreaText}；已关联到小程序居民的业主${r.linkedOwners}位`,
  ];
  if (r.missingFromSheet > 0) summary.push(`名册上有、表格里没有的${r.missingFromSheet}套：保留在名册上，请核对是否已过户或拆并`);
  return {
    committed: r.committed,
    summary,
    problems: r.problems.map((p) => `第${p.row}行 ${p.column}：${p.message}`),
    preview: r.preview.map((p, i) => ({ key: String(i), text: [p.address, p.areaText, p.owners, p.unsold ? '未售出' : ''].filter(Boolean).join(' · ') })),
  };
}

const state = instanceState(() => ({
  buildings: [] as BuildingView[],
  editing: null as RollItem | null,
  ownerLinks: [] as Array<string | null>,
  /** Row keys for the owner rows being edited, so a removed row takes its input with it. */
  nextOwner: 0,
  sheet: '',
}));

const correctForm = formSubmit(correctRoll, { fields: CORRECT, keys: formKeys('correct') });

/** Picks the owner sheet from a chat (WeChat keeps no file system a person browses) and reads it as base64. */
function chooseSheet(): Promise<{ name: string; base64: string } | { error: string } | null> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['xlsx'],
      success: (res) => {
        const file = res.tempFiles[0];
        if (!file) return resolve(null);
        if (file.size > MAX_SHEET_BYTES) return resolve({ error: '表格文件不能超过2MB' });
        wx.getFileSystemManager().readFile({
          filePath: file.path,
          encoding: 'base64',
          success: (r) => resolve({ name: file.name, base64: String(r.data) }),
          fail: () => resolve({ error: '读取表格文件失败，请重新选择' }),
        });
      },
      // Closing the chooser is no error.
      fail: () => resolve(null),
    });
  });
}

/**
 * 名册: the household roll (from the bindings staff verified: members, the 户代表, who is under
 * 18) and the owner roll (专有部分 with registered area and owners, each tied or not to a
 * member who can vote in the app), by building, paged. A row opens its correction, which
 * always takes a reason. Admins import the owner roll from the community's spreadsheet: a
 * preview first (rows, what changes, every problem by row and column), then 确认导入.
 */
Component({
  data: {
    kind: 'household' as RollKind,
    buildingNames: ['全部楼栋'] as string[],
    buildingIndex: 0,
    canImport: false,
    totalText: '',
    items: [] as Row[],
    hasMore: false,
    loadingMore: false,
    error: '',
    moreError: '',
    loaded: false,
    editing: '' as '' | RollKind,
    editAddress: '',
    members: [] as MemberRow[],
    repIndex: -1,
    area: '',
    unsold: false,
    owners: [] as OwnerRow[],
    linkingIndex: -1,
    reason: '',
    correctErrors: emptyErrors(CORRECT),
    correctError: '',
    saving: false,
    saved: '',
    columnsText: OWNER_SHEET_COLUMNS.join('、'),
    importOpen: false,
    fileName: '',
    importReason: '',
    importing: false,
    importError: '',
    report: null as ReportView | null,
  },
  methods: {
    onLoad() {
      void this.init();
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void roll(this).loadMore();
    },
    async init() {
      const [me, buildings] = await Promise.all([call(getMe, {}), collectPages((cursor) => call(listBuildings, { cursor, limit: 50 })), this.reload()]);
      const s = state(this);
      if (buildings.ok) {
        // A grid worker's roll is their grids' buildings: offer only those to filter by.
        const mine = me.ok && !me.data.roles.includes('admin') ? buildings.data.filter((b) => me.data.gridIds.includes(b.gridId)) : buildings.data;
        s.buildings = mine;
        this.setData({ buildingNames: ['全部楼栋', ...mine.map((b) => b.name)] });
      }
      if (me.ok) this.setData({ canImport: allows(me.data.allowedActions, 'roll.import') });
    },
    query(): Query {
      const b = state(this).buildings[this.data.buildingIndex - 1];
      return b ? { kind: this.data.kind, buildingId: b.id } : { kind: this.data.kind };
    },
    async reload() {
      lastTotals = undefined;
      const shown = await roll(this).reload(this.query());
      const t = lastTotals as { total: number; totalAreaCenti: number | null } | undefined;
      if (!shown || !t) return;
      this.setData({
        totalText: this.data.kind === 'owner' ? `共${t.total}套${t.totalAreaCenti !== null ? `，专有面积合计${areaText(t.totalAreaCenti)}` : ''}` : `共${t.total}户`,
      });
    },
    retry() {
      void this.reload();
    },
    loadMore() {
      void roll(this).loadMore();
    },
    switchKind(e: Tap) {
      const kind: RollKind = e.currentTarget.dataset.kind === 'owner' ? 'owner' : 'household';
      if (kind === this.data.kind) return;
      this.setData({ kind, totalText: '', editing: '', saved: '' });
      roll(this).clear();
      void this.reload();
    },
    onBuilding(e: WechatMiniprogram.PickerChange) {
      this.setData({ buildingIndex: Number(e.detail.value), totalText: '', editing: '' });
      void this.reload();
    },

    // —— corrections ——
    edit(e: Tap) {
      const item = roll(this).items[Number(e.currentTarget.dataset.index)];
      if (!item || !item.allowedActions.includes('roll.correct')) return;
      const s = state(this);
      s.editing = item;
      correctForm(this).clear();
      // The form takes the list's place; a row tapped far down must not leave it out of sight.
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
      if (isOwner(item)) {
        s.ownerLinks = item.owners.map((o) => o.memberId);
        this.setData({
          editing: 'owner',
          editAddress: item.address,
          area: areaInput(item.areaCenti),
          unsold: item.unsold,
          owners: item.owners.map((o) => ({ key: `o${++s.nextOwner}`, name: o.name, linkedText: o.linked ? '已关联' : '' })),
          linkingIndex: -1,
          reason: '',
          saved: '',
        });
      } else {
        const rep = item.members.findIndex((m) => m.memberId === item.representativeId);
        this.setData({
          editing: 'household',
          editAddress: item.address,
          members: item.members.map((m, i) => ({ key: `m${i}`, name: m.name, minor: !m.adult })),
          repIndex: rep,
          reason: '',
          saved: '',
        });
      }
    },
    closeEdit() {
      state(this).editing = null;
      this.setData({ editing: '', linkingIndex: -1 });
    },
    onRep(e: Change) {
      this.setData({ repIndex: Number(e.detail.value), 'correctErrors.representativeId': '' });
    },
    onMinors(e: Change) {
      const chosen = (e.detail.value as string[]).map(Number);
      this.setData({ members: this.data.members.map((m, i) => ({ ...m, minor: chosen.includes(i) })), 'correctErrors.minorIds': '' });
    },
    onField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (field === 'area') this.setData({ area: e.detail.value, 'correctErrors.areaM2': '' });
      else if (field === 'reason') this.setData({ reason: e.detail.value, 'correctErrors.reason': '' });
      else if (field === 'importReason') this.setData({ importReason: e.detail.value });
    },
    onUnsold(e: WechatMiniprogram.SwitchChange) {
      this.setData({ unsold: e.detail.value, 'correctErrors.unsold': '' });
    },
    onOwnerName(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      if (!this.data.owners[i]) return;
      this.setData({ [`owners[${i}].name`]: e.detail.value, 'correctErrors.owners': '' });
    },
    addOwner() {
      if (this.data.owners.length >= 6) return;
      const s = state(this);
      s.ownerLinks.push(null);
      this.setData({ owners: [...this.data.owners, { key: `o${++s.nextOwner}`, name: '', linkedText: '' }], 'correctErrors.owners': '' });
    },
    removeOwner(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      if (this.data.owners.length <= 1 || !this.data.owners[i]) return;
      const s = state(this);
      s.ownerLinks = s.ownerLinks.filter((_, j) => j !== i);
      this.setData({ owners: this.data.owners.filter((_, j) => j !== i), linkingIndex: -1, 'correctErrors.owners': '' });
    },
    startLink(e: Tap) {
      this.setData({ linkingIndex: Number(e.currentTarget.dataset.index) });
    },
    cancelLink() {
      this.setData({ linkingIndex: -1 });
    },
    unlink(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      state(this).ownerLinks[i] = null;
      this.setData({ [`owners[${i}].linkedText`]: '' });
    },
    onPickOwner(e: WechatMiniprogram.CustomEvent<Picked>) {
      const i = this.data.linkingIndex;
      if (i < 0 || !e.detail.memberId) return;
      state(this).ownerLinks[i] = e.detail.memberId;
      const name = this.data.owners[i]?.name.trim() ? {} : { [`owners[${i}].name`]: e.detail.name ?? '' };
      this.setData({ [`owners[${i}].linkedText`]: `已关联：${e.detail.label}`, ...name, linkingIndex: -1 });
    },
    async saveCorrection() {
      const s = state(this);
      const item = s.editing;
      if (!item || this.data.saving) return;
      const d = this.data;
      const res = isOwner(item)
        ? await correctForm(this).submit({
            kind: 'owner',
            unitId: item.unitId,
            areaM2: d.area.trim(),
            owners: d.owners.map((o, i) => ({ name: o.name, memberId: s.ownerLinks[i] ?? null })),
            unsold: d.unsold,
            reason: d.reason,
          })
        : await correctForm(this).submit({
            kind: 'household',
            householdId: item.householdId,
            representativeId: d.repIndex >= 0 ? item.members[d.repIndex]?.memberId ?? null : null,
            minorIds: item.members.filter((_, i) => d.members[i]?.minor).map((m) => m.memberId),
            reason: d.reason,
          });
      if (!res?.ok) return;
      roll(this).put(res.data, (a, b) => (isOwner(a) && isOwner(b) ? a.unitId === b.unitId : !isOwner(a) && !isOwner(b) && a.householdId === b.householdId));
      s.editing = null;
      this.setData({ editing: '', linkingIndex: -1, saved: `已更正${item.address}，原因已记录` });
    },

    // —— import of the owner roll ——
    openImport() {
      state(this).sheet = '';
      this.setData({ importOpen: true, fileName: '', report: null, importError: '', importReason: '' });
    },
    closeImport() {
      state(this).sheet = '';
      this.setData({ importOpen: false, report: null, importError: '' });
    },
    async chooseFile() {
      if (this.data.importing) return;
      const picked = await chooseSheet();
      if (!picked) return;
      if ('error' in picked) {
        this.setData({ importError: picked.error, report: null });
        return;
      }
      state(this).sheet = picked.base64;
      this.setData({ fileName: picked.name, report: null, importError: '' });
      await this.sendImport(false);
    },
    commitImport() {
      void this.sendImport(true);
    },
    async sendImport(commit: boolean) {
      const s = state(this);
      if (!s.sheet || this.data.importing) return;
      this.setData({ importing: true, importError: '' });
      const res = await call(importRoll, { fileBase64: s.sheet, commit, reason: this.data.importReason });
      this.setData({ importing: false });
      if (!res.ok) {
        this.setData({ importError: res.error.message });
        return;
      }
      this.setData({ report: reportView(res.data) });
      if (res.data.committed) {
        // The same file must not go in twice by a second tap.
        s.sheet = '';
        wx.showToast({ title: '已导入', icon: 'success' });
        if (this.data.kind === 'owner') void this.reload();
      }
    },
  },
});
