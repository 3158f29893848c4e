import { call } from '../../services/api';
import type { ContractInput } from '../../core/action';
import {
  closeSlots,
  getService,
  setSchedule,
  upsertService,
  WEEKDAYS,
  type ScheduleEntry,
  type ServiceView,
} from '../../core/booking/contract';
import { listGrids } from '../../core/community/contract';
import { closeSummary, itemErrors, scheduleRowView, scheduleSummary, type ScheduleRowView } from '../../services/booking-view';
import { transferPeople } from '../../services/concern-view';
import { DAY_MS, dayKey, dayStartOf } from '../../services/date-strip';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { checkNow } from '../../services/schemas';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';

const FIELDS = [
  'name',
  'description',
  'location',
  'homeVisit',
  'durationMinutes',
  'seatsPerSlot',
  'minNoticeHours',
  'cancelCutoffHours',
  'maxPerMonth',
  'gridIds',
  'staffIds',
  'active',
] as const;
const NUMBER_FIELDS = ['durationMinutes', 'seatsPerSlot', 'minNoticeHours', 'cancelCutoffHours', 'maxPerMonth'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];
const CLOSE_FIELDS = ['from', 'to', 'reason'] as const;

interface Option {
  id: string;
  label: string;
  checked: boolean;
}

/**
 * What an admin may see beyond ServiceView once the contract offers it: the staff and the
 * weekly schedule already set. Read when present so editing never silently drops them.
 */
type EditableService = ServiceView & { staffIds?: string[]; schedule?: ScheduleEntry[] };

const emptyForm = () => ({
  name: '',
  description: '',
  location: '',
  homeVisit: false,
  active: true,
  durationMinutes: '30',
  seatsPerSlot: '1',
  minNoticeHours: '2',
  cancelCutoffHours: '2',
  maxPerMonth: '4',
});

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; field?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string; index?: number }>;

const state = instanceState(() => ({
  id: '',
  schedule: [] as ScheduleEntry[],
  durationMinutes: 30,
}));

// Three forms on one page, one request at a time between them (`saving`).
const serviceForm = formSubmit(upsertService, { fields: FIELDS, keys: { busy: 'saving' } });
// Issues about a schedule row show on that row; the rest above the button.
const scheduleForm = formSubmit(setSchedule, { fields: [], keys: { errors: 'scheduleErrors', message: 'scheduleError', busy: 'saving' } });
const closeForm = formSubmit(closeSlots, { fields: CLOSE_FIELDS, keys: { errors: 'closeErrors', message: 'closeError', busy: 'saving' } });

Component({
  data: {
    loading: true,
    error: '',
    isNew: true,
    form: emptyForm(),
    grids: [] as Option[],
    staff: [] as Option[],
    /** Editing a service whose staff list the server did not send: they must be picked again. */
    staffUnknown: false,
    errors: emptyErrors(FIELDS),
    formError: '',
    saved: '',
    saving: false,
    weekdays: WEEKDAYS as readonly string[],
    rows: [] as Array<ScheduleRowView & { key: string }>,
    scheduleKnown: false,
    rowErrors: {} as Record<number, string>,
    scheduleError: '',
    scheduleResult: '',
    closeFrom: '',
    closeTo: '',
    closeReason: '',
    closeErrors: emptyErrors(CLOSE_FIELDS),
    closeError: '',
    closeResult: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).id = query.id ? decodeURIComponent(query.id) : '';
      const today = dayKey(Date.now());
      this.setData({ closeFrom: today, closeTo: today });
      void this.load();
    },
    async load() {
      const s = state(this);
      const [service, grids] = await Promise.all([
        s.id ? call(getService, { serviceId: s.id }) : undefined,
        collectPages((cursor) => call(listGrids, { cursor, limit: 50 })),
      ]);
      if (service && !service.ok) {
        this.setData({ loading: false, error: service.error.message });
        return;
      }
      const v = service?.data as EditableService | undefined;
      // Without the grid list the form still works: the service stays open to every grid.
      const gridList = grids.ok ? grids.data : [];
      const gridIds = v?.gridIds ?? [];
      const staffIds = v?.staffIds ?? [];
      s.schedule = v?.schedule ? v.schedule.map((e) => ({ ...e })) : [];
      s.durationMinutes = v?.durationMinutes ?? 30;
      this.setData({
        loading: false,
        error: '',
        isNew: !v,
        form: v
          ? {
              name: v.name,
              description: v.description,
              location: v.location,
              homeVisit: v.homeVisit,
              active: v.active,
              durationMinutes: String(v.durationMinutes),
              seatsPerSlot: String(v.seatsPerSlot),
              minNoticeHours: String(v.minNoticeHours),
              cancelCutoffHours: String(v.cancelCutoffHours),
              maxPerMonth: String(v.maxPerMonth),
            }
          : emptyForm(),
        grids: gridList.map((g) => ({ id: g.id, label: g.name, checked: gridIds.includes(g.id) })),
        staff: transferPeople(gridList).map((p) => ({ id: p.memberId, label: p.label, checked: staffIds.includes(p.memberId) })),
        staffUnknown: !!v && !Array.isArray(v.staffIds),
        scheduleKnown: !!v && Array.isArray(v.schedule),
        rows: this.rowViews(),
      });
    },
    rowViews(): Array<ScheduleRowView & { key: string }> {
      const s = state(this);
      return s.schedule.map((e, i) => ({ ...scheduleRowView(e, s.durationMinutes), key: String(i) }));
    },

    // —— service fields ——
    onField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !(field in this.data.form)) return;
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '', saved: '' });
    },
    onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }, Record<string, never>, { field?: string }>) {
      const field = e.currentTarget.dataset.field;
      if (field !== 'homeVisit' && field !== 'active') return;
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '', 'errors.location': '', saved: '' });
    },
    onGrids(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const chosen = e.detail.value;
      this.setData({ grids: this.data.grids.map((o) => ({ ...o, checked: chosen.includes(o.id) })), 'errors.gridIds': '', saved: '' });
    },
    onStaff(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const chosen = e.detail.value;
      this.setData({ staff: this.data.staff.map((o) => ({ ...o, checked: chosen.includes(o.id) })), 'errors.staffIds': '', saved: '' });
    },
    async save() {
      const s = state(this);
      if (this.data.saving) return;
      const f = this.data.form;
      const input: Record<string, unknown> = {
        name: f.name,
        description: f.description,
        homeVisit: f.homeVisit,
        active: f.active,
        gridIds: this.data.grids.filter((o) => o.checked).map((o) => o.id),
        staffIds: this.data.staff.filter((o) => o.checked).map((o) => o.id),
      };
      if (s.id) input.serviceId = s.id;
      if (f.location.trim()) input.location = f.location;
      // Empty number boxes go as missing: required ones get the schema's message, the rest their default.
      for (const k of NUMBER_FIELDS) {
        const raw = f[k as NumberField].trim();
        if (raw) input[k] = Number(raw);
      }
      this.setData({ saved: '' });
      const res = await serviceForm(this).submit(input as ContractInput<typeof upsertService>);
      if (!res?.ok) return;
      const created = !s.id;
      s.id = res.data.id;
      s.durationMinutes = res.data.durationMinutes;
      this.setData({
        isNew: false,
        saved: created ? '服务已创建，请接着设置每周服务时间' : '已保存',
        rows: this.rowViews(),
      });
      wx.showToast({ title: '已保存', icon: 'success' });
    },

    // —— weekly schedule ——
    addRow() {
      const s = state(this);
      const last = s.schedule[s.schedule.length - 1];
      // A new row copies the last times on the next weekday: most services repeat a pattern.
      s.schedule.push(last ? { weekday: (last.weekday % 7) + 1, start: last.start, end: last.end } : { weekday: 1, start: '09:00', end: '11:30' });
      this.setData({ rows: this.rowViews(), scheduleResult: '' });
    },
    removeRow(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      const s = state(this);
      if (!(i >= 0 && i < s.schedule.length)) return;
      s.schedule.splice(i, 1);
      this.setData({ rows: this.rowViews(), rowErrors: {}, scheduleResult: '' });
    },
    onRowField(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      const field = e.currentTarget.dataset.field;
      const s = state(this);
      const row = s.schedule[i];
      if (!row) return;
      if (field === 'weekday') row.weekday = Number(e.detail.value) + 1;
      else if (field === 'start' || field === 'end') row[field] = String(e.detail.value);
      else return;
      this.setData({ [`rows[${i}]`]: { ...scheduleRowView(row, s.durationMinutes), key: String(i) }, [`rowErrors.${i}`]: '', scheduleResult: '' });
    },
    async saveSchedule() {
      const s = state(this);
      if (this.data.saving || !s.id) return;
      this.setData({ rowErrors: {}, scheduleResult: '' });
      const res = await scheduleForm(this).submit({ serviceId: s.id, schedule: s.schedule.map((e) => ({ ...e })) });
      if (!res) return;
      if (!res.ok) {
        const rowErrors = itemErrors(res.error, 'schedule');
        if (Object.keys(rowErrors).length > 0) this.setData({ rowErrors, scheduleError: '' });
        return;
      }
      s.schedule = res.data.schedule.map((e) => ({ ...e }));
      this.setData({ rows: this.rowViews(), scheduleKnown: true, scheduleResult: scheduleSummary(res.data.slotsCreated) });
    },

    // —— close a period (holidays, sick leave) ——
    onCloseDate(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (field !== 'from' && field !== 'to') return;
      this.setData({ [field === 'from' ? 'closeFrom' : 'closeTo']: e.detail.value, [`closeErrors.${field}`]: '', closeResult: '' });
    },
    onCloseReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ closeReason: e.detail.value, 'closeErrors.reason': '', closeResult: '' });
    },
    submitClose() {
      const s = state(this);
      if (this.data.saving || !s.id) return;
      const d = this.data;
      // Whole Beijing days: from the first day's 00:00 to the end of the last day.
      const input = { serviceId: s.id, from: dayStartOf(d.closeFrom), to: dayStartOf(d.closeTo) + DAY_MS, reason: d.closeReason };
      // Checked before the dialog, so nobody confirms a closure that cannot be sent.
      const checked = checkNow(closeSlots, input);
      if (!checked.ok) {
        closeForm(this).showError(checked.error);
        this.setData({ closeResult: '' });
        return;
      }
      wx.showModal({
        title: '关闭时段',
        content: `${d.closeFrom} 至 ${d.closeTo} 的时段将关闭，已有预约会取消并通知居民。确定吗？`,
        confirmText: '确定关闭',
        cancelText: '再想想',
        confirmColor: '#c62828',
        success: (r) => {
          if (r.confirm) void this.sendClose(input);
        },
      });
    },
    async sendClose(input: ContractInput<typeof closeSlots>) {
      this.setData({ closeResult: '' });
      const res = await closeForm(this).submit(input);
      if (!res?.ok) return;
      this.setData({ closeReason: '', closeResult: closeSummary(res.data) });
    },
  },
});
