import { call } from '../../services/api';
import type { ContractInput } from '../../core/action';
import { cancelActivity, getActivity, listTeams, publishActivity, upsertActivity, type ActivityInputDraft, type ActivityView, type TeamView } from '../../core/volunteer/contract';
import { DEFAULT_DAILY_CAP_MINUTES, DEFAULT_GRACE_MINUTES, ROUNDING_RULES, ROUNDING_RULE_LABELS, type RoundingRule } from '../../core/volunteer/vocabulary';
import { itemErrors } from '../../services/booking-view';
import { clockText, DAY_MS, dayKey, dayStartOf } from '../../services/date-strip';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import { allows } from '../../services/view';

const FIELDS = ['teamId', 'title', 'place', 'description', 'shifts', 'roles', 'seats', 'signupDeadline', 'leadId', 'insured', 'rounding', 'graceMinutes', 'dailyCapMinutes'] as const;
const CANCEL_FIELDS = ['reason'] as const;

interface ShiftRow {
  key: string;
  label: string;
  date: string;
  start: string;
  end: string;
}
interface RoleRow {
  key: string;
  name: string;
  skill: string;
  training: string;
  minAge: string;
  /** Seats per shift key, as typed ('' or 0: this role is not in that shift). */
  seats: Record<string, string>;
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; field?: string; shift?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string; index?: number; shift?: string }>;

const state = instanceState(() => ({ id: '', leadId: '', teams: [] as TeamView[] }));

const form = formSubmit(upsertActivity, { fields: FIELDS, keys: { busy: 'saving' }, whenEmpty: { teamId: '请选择服务队' } });
const publishForm = formSubmit(publishActivity, { fields: ['insured'], keys: { busy: 'saving', errors: 'publishErrors', message: 'publishError' } });
const cancelForm = formSubmit(cancelActivity, { fields: CANCEL_FIELDS, keys: { busy: 'saving', errors: 'cancelErrors', message: 'cancelError' } });

const at = (date: string, time: string) => dayStartOf(date) + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))) * 60_000;
const nextKey = (prefix: string, keys: string[]) => `${prefix}${Math.max(0, ...keys.map((k) => Number(k.replace(/\D/g, '')) || 0)) + 1}`;
const labelShifts = (rows: ShiftRow[]) => rows.map((r, i) => ({ ...r, label: `班次${i + 1}` }));

function shiftsOf(d: ActivityInputDraft): ShiftRow[] {
  return labelShifts(d.shifts.map((s) => ({ key: s.key, label: '', date: dayKey(s.startAt), start: clockText(s.startAt), end: clockText(s.endAt) })));
}
function rolesOf(d: ActivityInputDraft): RoleRow[] {
  return d.roles.map((r) => ({
    key: r.key,
    name: r.name,
    skill: r.skill ?? '',
    training: r.training ?? '',
    minAge: r.minAge === null ? '' : String(r.minAge),
    seats: Object.fromEntries(d.seats.filter((x) => x.role === r.key).map((x) => [x.shift, String(x.seats)])),
  }));
}

/**
 * The organiser's form for an activity: team, what and where, shifts and roles with seats
 * per shift and requirements, the sign-up deadline, the 项目负责人 picked by name, risk and
 * insurance, and how hours are counted. Saved as a draft, then 发布; a published activity
 * is fixed (people signed up against it) and can only be cancelled, with a reason.
 */
Component({
  data: {
    loading: true,
    error: '',
    isNew: true,
    status: 'draft',
    statusLabel: '',
    canEdit: true,
    canPublish: false,
    canCancel: false,
    teamNames: [] as string[],
    teamIndex: -1,
    title: '',
    place: '',
    description: '',
    shifts: [] as ShiftRow[],
    roles: [] as RoleRow[],
    deadlineDate: '',
    deadlineTime: '18:00',
    leadName: '',
    risky: false,
    insured: false,
    roundingLabels: ROUNDING_RULES.map((r) => ROUNDING_RULE_LABELS[r]),
    roundingIndex: 0,
    graceMinutes: String(DEFAULT_GRACE_MINUTES),
    dailyCapHours: String(DEFAULT_DAILY_CAP_MINUTES / 60),
    today: '',
    errors: emptyErrors(FIELDS),
    formError: '',
    shiftErrors: {} as Record<number, string>,
    roleErrors: {} as Record<number, string>,
    rowIssues: false,
    publishErrors: emptyErrors(['insured'] as const),
    publishError: '',
    saved: '',
    saving: false,
    cancelOpen: false,
    cancelReason: '',
    cancelErrors: emptyErrors(CANCEL_FIELDS),
    cancelError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).id = query.activityId ? decodeURIComponent(query.activityId) : '';
      void this.load();
    },
    async load() {
      const s = state(this);
      this.setData({ loading: true, error: '' });
      const [teams, activity] = await Promise.all([
        collectPages((cursor) => call(listTeams, { cursor, limit: 50 })),
        s.id ? call(getActivity, { activityId: s.id }) : undefined,
      ]);
      if (!teams.ok || (activity && !activity.ok)) {
        this.setData({ loading: false, error: (!teams.ok ? teams.error : activity && !activity.ok ? activity.error : { message: '' }).message || '加载失败' });
        return;
      }
      s.teams = teams.data.filter((t) => t.active);
      const tomorrow = dayKey(Date.now() + DAY_MS);
      this.setData({ loading: false, today: dayKey(Date.now()), teamNames: s.teams.map((t) => t.name) });
      if (activity?.ok) this.fill(activity.data);
      else
        this.setData({
          isNew: true,
          teamIndex: s.teams.length === 1 ? 0 : -1,
          shifts: labelShifts([{ key: 's1', label: '', date: tomorrow, start: '09:00', end: '11:00' }]),
          roles: [{ key: 'r1', name: '', skill: '', training: '', minAge: '', seats: { s1: '5' } }],
          deadlineDate: dayKey(Date.now()),
          deadlineTime: '20:00',
        });
    },
    fill(v: ActivityView) {
      const s = state(this);
      const d = v.edit;
      s.id = v.id;
      s.leadId = d?.leadId ?? '';
      const base = {
        isNew: false,
        status: v.status,
        statusLabel: v.statusLabel,
        canEdit: allows(v.allowedActions, 'activity.upsert'),
        canPublish: allows(v.allowedActions, 'activity.publish'),
        canCancel: allows(v.allowedActions, 'activity.cancel'),
        title: v.title,
        place: v.place,
        description: v.description,
        risky: v.risky,
        insured: v.insured,
        leadName: v.leadName ?? '',
        teamIndex: s.teams.findIndex((t) => t.id === v.teamId),
        deadlineDate: dayKey(v.signupDeadline),
        deadlineTime: clockText(v.signupDeadline),
      };
      if (!d) {
        this.setData(base);
        return;
      }
      this.setData({
        ...base,
        shifts: shiftsOf(d),
        roles: rolesOf(d),
        roundingIndex: Math.max(0, ROUNDING_RULES.indexOf(d.rounding ?? 'none')),
        graceMinutes: String(d.graceMinutes ?? DEFAULT_GRACE_MINUTES),
        dailyCapHours: String((d.dailyCapMinutes ?? DEFAULT_DAILY_CAP_MINUTES) / 60),
      });
    },

    // —— plain fields ——
    onField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !['title', 'place', 'description', 'graceMinutes', 'dailyCapHours', 'cancelReason'].includes(field)) return;
      const err = field === 'dailyCapHours' ? 'dailyCapMinutes' : field;
      this.setData({ [field]: e.detail.value, [`errors.${err}`]: '', 'cancelErrors.reason': '', saved: '' });
    },
    onTeam(e: WechatMiniprogram.PickerChange) {
      this.setData({ teamIndex: Number(e.detail.value), 'errors.teamId': '', saved: '' });
    },
    onRounding(e: WechatMiniprogram.PickerChange) {
      this.setData({ roundingIndex: Number(e.detail.value), 'errors.rounding': '', saved: '' });
    },
    onDeadline(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      this.setData({ [field === 'time' ? 'deadlineTime' : 'deadlineDate']: e.detail.value, 'errors.signupDeadline': '', saved: '' });
    },
    onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }, Record<string, never>, { field?: string }>) {
      const field = e.currentTarget.dataset.field;
      if (field !== 'risky' && field !== 'insured') return;
      this.setData({ [field]: e.detail.value, 'errors.insured': '', 'publishErrors.insured': '', publishError: '', saved: '' });
    },
    onPickLead(e: WechatMiniprogram.CustomEvent<{ memberId?: string; name?: string; label: string }>) {
      if (!e.detail.memberId) return;
      state(this).leadId = e.detail.memberId;
      this.setData({ leadName: e.detail.name ?? e.detail.label, 'errors.leadId': '', saved: '' });
    },
    onClearLead() {
      state(this).leadId = '';
      this.setData({ leadName: '', 'errors.leadId': '' });
    },

    // —— shifts ——
    addShift() {
      const rows = this.data.shifts;
      const last = rows[rows.length - 1];
      const key = nextKey('s', rows.map((r) => r.key));
      // A new shift follows the last one on the same day: most activities run in blocks.
      const next = last ? { key, label: '', date: last.date, start: last.end, end: last.end < '22:00' ? `${String(Number(last.end.slice(0, 2)) + 2).padStart(2, '0')}${last.end.slice(2)}` : '23:59' } : { key, label: '', date: dayKey(Date.now() + DAY_MS), start: '09:00', end: '11:00' };
      const roles = this.data.roles.map((r) => ({ ...r, seats: { ...r.seats, [key]: last ? r.seats[last.key] ?? '' : '5' } }));
      this.setData({ shifts: labelShifts([...rows, next]), roles, 'errors.shifts': '', shiftErrors: {}, saved: '' });
    },
    removeShift(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      const rows = this.data.shifts;
      if (!(i >= 0 && i < rows.length) || rows.length <= 1) return;
      const gone = rows[i].key;
      const roles = this.data.roles.map((r) => {
        const seats = { ...r.seats };
        delete seats[gone];
        return { ...r, seats };
      });
      this.setData({ shifts: labelShifts(rows.filter((_, j) => j !== i)), roles, shiftErrors: {}, saved: '' });
    },
    onShift(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      const field = e.currentTarget.dataset.field;
      if (!this.data.shifts[i] || !field || !['date', 'start', 'end'].includes(field)) return;
      this.setData({ [`shifts[${i}].${field}`]: e.detail.value, [`shiftErrors.${i}`]: '', 'errors.shifts': '', saved: '' });
    },

    // —— roles ——
    addRole() {
      const key = nextKey('r', this.data.roles.map((r) => r.key));
      const seats = Object.fromEntries(this.data.shifts.map((s) => [s.key, '5']));
      this.setData({ roles: [...this.data.roles, { key, name: '', skill: '', training: '', minAge: '', seats }], 'errors.roles': '', saved: '' });
    },
    removeRole(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      if (!(i >= 0 && i < this.data.roles.length) || this.data.roles.length <= 1) return;
      this.setData({ roles: this.data.roles.filter((_, j) => j !== i), roleErrors: {}, saved: '' });
    },
    onRole(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      const field = e.currentTarget.dataset.field;
      if (!this.data.roles[i] || !field || !['name', 'skill', 'training', 'minAge'].includes(field)) return;
      this.setData({ [`roles[${i}].${field}`]: e.detail.value, [`roleErrors.${i}`]: '', 'errors.roles': '', saved: '' });
    },
    onSeats(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      const shift = e.currentTarget.dataset.shift;
      if (!this.data.roles[i] || !shift) return;
      this.setData({ [`roles[${i}].seats.${shift}`]: e.detail.value, 'errors.seats': '', saved: '' });
    },

    /** What activity.upsert gets; empty boxes go as missing, so the schema names them. */
    input(): ContractInput<typeof upsertActivity> {
      const s = state(this);
      const d = this.data;
      const team = s.teams[d.teamIndex];
      const shiftKeys = new Set(d.shifts.map((x) => x.key));
      const input: Record<string, unknown> = {
        teamId: team?.id ?? '',
        title: d.title,
        place: d.place,
        description: d.description,
        shifts: d.shifts.map((x) => ({ key: x.key, startAt: at(x.date, x.start), endAt: at(x.date, x.end) })),
        roles: d.roles.map((r) => ({
          key: r.key,
          name: r.name,
          skill: r.skill.trim() || null,
          training: r.training.trim() || null,
          minAge: r.minAge.trim() ? Number(r.minAge) : null,
        })),
        seats: d.roles.flatMap((r) =>
          Object.entries(r.seats)
            .filter(([shift, n]) => shiftKeys.has(shift) && n.trim() !== '' && Number(n) !== 0)
            .map(([shift, n]) => ({ shift, role: r.key, seats: Number(n) })),
        ),
        signupDeadline: at(d.deadlineDate, d.deadlineTime),
        risky: d.risky,
        insured: d.insured,
        rounding: ROUNDING_RULES[d.roundingIndex] as RoundingRule,
      };
      if (s.id) input.activityId = s.id;
      if (s.leadId) input.leadId = s.leadId;
      if (d.graceMinutes.trim()) input.graceMinutes = Number(d.graceMinutes);
      if (d.dailyCapHours.trim()) input.dailyCapMinutes = Math.round(Number(d.dailyCapHours) * 60);
      return input as ContractInput<typeof upsertActivity>;
    },
    async save(): Promise<boolean> {
      if (this.data.saving) return false;
      this.setData({ saved: '', shiftErrors: {}, roleErrors: {}, rowIssues: false, publishError: '' });
      const res = await form(this).submit(this.input());
      if (!res) return false;
      if (!res.ok) {
        const shiftErrors = itemErrors(res.error, 'shifts');
        const roleErrors = itemErrors(res.error, 'roles');
        // A row's message sits under the row; the list's own line would only repeat it.
        this.setData({ shiftErrors, roleErrors, rowIssues: Object.keys(shiftErrors).length + Object.keys(roleErrors).length > 0 });
        return false;
      }
      this.fill(res.data);
      this.setData({ saved: '草稿已保存，报名的人还看不到；准备好后点「发布」' });
      return true;
    },
    async publish() {
      if (this.data.saving) return;
      if (this.data.canEdit && !(await this.save())) return;
      const res = await publishForm(this).submit({ activityId: state(this).id });
      if (!res?.ok) {
        // The insurance refusal belongs beside the switch the organiser must turn on.
        if (res && !res.ok && this.data.publishErrors.insured) this.setData({ 'errors.insured': this.data.publishErrors.insured, saved: '' });
        return;
      }
      this.fill(res.data);
      this.setData({ saved: '已发布，居民现在可以报名' });
      wx.showToast({ title: '已发布', icon: 'success' });
    },

    // —— cancel (secondary, confirmed) ——
    openCancel() {
      this.setData({ cancelOpen: true });
    },
    closeCancel() {
      this.setData({ cancelOpen: false, cancelReason: '', cancelError: '', cancelErrors: emptyErrors(CANCEL_FIELDS) });
    },
    submitCancel() {
      if (this.data.saving) return;
      const reason = this.data.cancelReason.trim();
      if (reason.length < 2) {
        this.setData({ 'cancelErrors.reason': '请填写取消原因（报名的人会收到）' });
        return;
      }
      wx.showModal({
        title: '取消活动',
        content: '取消后，所有已报名和候补的人都会收到通知，活动不能恢复。确定取消吗？',
        confirmText: '确定取消',
        cancelText: '再想想',
        confirmColor: '#c62828',
        success: (r) => {
          if (r.confirm) void this.sendCancel(reason);
        },
      });
    },
    async sendCancel(reason: string) {
      const res = await cancelForm(this).submit({ activityId: state(this).id, reason });
      if (!res?.ok) return;
      this.fill(res.data);
      this.setData({ cancelOpen: false, cancelReason: '', saved: '活动已取消，报名的人已收到通知' });
    },
    openRoster() {
      wx.navigateTo({ url: `/staff/activity-roster/index?activityId=${encodeURIComponent(state(this).id)}` });
    },
  },
});
