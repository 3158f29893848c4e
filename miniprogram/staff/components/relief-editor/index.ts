import { call } from '../../../services/api';
import { listBuildings, type BuildingView } from '../../../core/community/contract';
import type { ReliefDraft } from '../../../core/disclosure/contract';
import { parseYuan, yuanText } from '../../../core/disclosure/finance';
import { RELIEF_FORM_LABELS, RELIEF_FORMS, SMALL_COUNT, type ReliefForm } from '../../../core/disclosure/vocabulary';
import { collectPages } from '../../../services/paging';
import { instanceState } from '../../../services/page-state';
import { rowIssues } from '../../disclosure/view';

interface Row {
  key: string;
  name: string;
  amount: string;
  /** '' when no building is given. */
  buildingId: string;
  /** Its place in the picker's list (0 = none), once the buildings are read. */
  buildingIndex: number;
  nameError: string;
  amountError: string;
}

export interface ReliefChange {
  /** Null while an amount is not an amount. */
  relief: ReliefDraft | null;
  bad: number;
}

const NOT_AMOUNT = '请按元填写数字，如 500';
const NO_BUILDING = '不填楼栋';

const state = instanceState(() => ({ nextKey: 0, filled: '', shownIssues: '', buildings: [] as BuildingView[], sent: [] as number[] }));

/**
 * 救助与补贴款物: the programme, how its recipients may appear (only a count, 「王某」, or
 * 「王*国」 — the programme's own rule), and the list as the office keeps it, names in full.
 * The names never reach residents: the server publishes them only in the chosen form, and
 * under five recipients only 「<5」. Amounts in 元 through the shared `parseYuan`.
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    value: { type: Object, value: null as ReliefDraft | null, observer: 'fill' },
    issues: { type: Object, value: {} as Record<string, string>, observer: 'showIssues' },
  },
  data: {
    programme: '',
    programmeError: '',
    forms: RELIEF_FORMS.map((f) => ({ value: f, label: RELIEF_FORM_LABELS[f] })),
    form: 'surname' as ReliefForm,
    formError: '',
    rows: [] as Row[],
    rowsError: '',
    buildingNames: [NO_BUILDING],
    totalText: '',
    fewText: '',
  },
  lifetimes: {
    attached() {
      if (!this.data.value && this.data.rows.length === 0) this.setData({ rows: [this.blank()] });
      void this.loadBuildings();
    },
  },
  methods: {
    blank(): Row {
      const s = state(this);
      s.nextKey += 1;
      return { key: `r${s.nextKey}`, name: '', amount: '', buildingId: '', buildingIndex: 0, nameError: '', amountError: '' };
    },
    async loadBuildings() {
      const res = await collectPages((cursor) => call(listBuildings, { cursor, limit: 50 }));
      // Without the list the rows simply go without a building.
      if (!res.ok) return;
      state(this).buildings = res.data;
      // Rows filled before the list came find their building in it now.
      this.setData({ buildingNames: [NO_BUILDING, ...res.data.map((b) => b.name)], rows: (this.data.rows as Row[]).map((r) => ({ ...r, buildingIndex: this.indexOf(r.buildingId) })) });
    },
    /**
     * Properties are handed down again whenever the page re-renders: only a new value (or new
     * messages) is taken, so what was typed since is not overwritten.
     */
    indexOf(buildingId: string): number {
      return buildingId ? state(this).buildings.findIndex((b) => b.id === buildingId) + 1 : 0;
    },
    fill(relief: ReliefDraft | null) {
      const s = state(this);
      if (!relief || JSON.stringify(relief) === s.filled) return;
      s.filled = JSON.stringify(relief);
      this.setData({
        programme: relief.programme,
        form: relief.form,
        rows: relief.rows.map((r) => ({ ...this.blank(), name: r.name, amount: yuanText(r.amountFen).replace('元', ''), buildingId: r.buildingId ?? '', buildingIndex: this.indexOf(r.buildingId ?? '') })),
      });
      this.recompute(false);
    },
    showIssues(issues: Record<string, string>) {
      const s = state(this);
      if (JSON.stringify(issues ?? {}) === s.shownIssues) return;
      s.shownIssues = JSON.stringify(issues ?? {});
      const sent = s.sent;
      this.setData({
        programmeError: issues?.programme ?? '',
        formError: issues?.form ?? '',
        rowsError: issues?.rows ?? issues?.[''] ?? '',
        rows: (this.data.rows as Row[]).map((r, i) => {
          const k = sent.indexOf(i);
          const m = k >= 0 ? rowIssues(issues ?? {}, 'rows', k) : {};
          return { ...r, nameError: m.name ?? '', amountError: r.amountError === NOT_AMOUNT ? NOT_AMOUNT : m.amountFen ?? '' };
        }),
      });
    },
    recompute(emit = true) {
      const rows = (this.data.rows as Row[]).map((r) => {
        const wrong = r.amount.trim() !== '' && parseYuan(r.amount) === null;
        return { ...r, amountError: wrong ? NOT_AMOUNT : r.amountError === NOT_AMOUNT ? '' : r.amountError };
      });
      const bad = rows.filter((r) => r.amountError === NOT_AMOUNT).length;
      const filled = rows.flatMap((r, i) => (r.name.trim() || r.amount.trim() ? [i] : []));
      state(this).sent = filled;
      const list = filled.map((i) => {
        const r = rows[i];
        const amountFen = parseYuan(r.amount);
        // An empty amount goes as missing, so the shared schema names it (请填写金额) at send.
        return { name: r.name, ...(amountFen === null ? {} : { amountFen }), ...(r.buildingId ? { buildingId: r.buildingId } : {}) } as ReliefDraft['rows'][number];
      });
      const relief: ReliefDraft | null = bad > 0 ? null : { programme: this.data.programme, form: this.data.form, rows: list };
      const total = list.reduce((s, r) => s + (Number.isInteger(r.amountFen) ? r.amountFen : 0), 0);
      this.setData({
        rows,
        totalText: list.length > 0 ? `共${list.length}人，合计 ${yuanText(total)}` : '',
        fewText: list.length > 0 && list.length < SMALL_COUNT ? `不足${SMALL_COUNT}人：公开栏上的人数写作「<${SMALL_COUNT}」` : '',
      });
      if (emit) this.triggerEvent('edit', { relief, bad } satisfies ReliefChange);
    },
    onProgramme(e: WechatMiniprogram.Input) {
      this.setData({ programme: e.detail.value, programmeError: '' });
      this.recompute();
    },
    onForm(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { value?: string }>) {
      const form = RELIEF_FORMS.find((f) => f === e.currentTarget.dataset.value);
      if (!form) return;
      this.setData({ form, formError: '' });
      this.recompute();
    },
    onRow(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index?: number; field?: string }>) {
      const i = Number(e.currentTarget.dataset.index);
      const field = e.currentTarget.dataset.field;
      if (!(this.data.rows as Row[])[i] || (field !== 'name' && field !== 'amount')) return;
      this.setData({ [`rows[${i}].${field}`]: e.detail.value, [`rows[${i}].${field}Error`]: '', rowsError: '' });
      this.recompute();
    },
    onBuilding(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index?: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      if (!(this.data.rows as Row[])[i]) return;
      const index = Number(e.detail.value);
      this.setData({ [`rows[${i}].buildingIndex`]: index, [`rows[${i}].buildingId`]: state(this).buildings[index - 1]?.id ?? '' });
      this.recompute();
    },
    addRow() {
      this.setData({ rows: [...(this.data.rows as Row[]), this.blank()], rowsError: '' });
    },
    removeRow(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ rows: (this.data.rows as Row[]).filter((_, j) => j !== i) });
      this.recompute();
    },
  },
});
