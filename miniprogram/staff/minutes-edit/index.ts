import { call } from '../../services/api';
import { approveMinutes, getMeeting, getMinutes, meetingAttendance, saveMinutes, type AttendanceEntryView, type MeetingView, type MinutesView } from '../../core/council/meeting-contract';
import { DEFAULT_RESOLUTION_DAYS } from '../../core/council/vocabulary';
import { itemErrors } from '../../services/booking-view';
import { DAY_MS, dayKey, dayStartOf } from '../../services/date-strip';
import { dateText } from '../../services/dates';
import { emptyErrors } from '../../services/form';
import { formKeys, formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { allows } from '../../services/view';
import type { Picked } from '../components/member-picker/index';

const SAVE = ['summary', 'items', 'namedMemberIds'] as const;
const APPROVE = ['resolutions'] as const;
/** Due dates are read as the end of the chosen Beijing day. */
const END_OF_DAY = DAY_MS - 60_000;

interface ItemRow {
  id: string;
  title: string;
  discussion: string;
}
interface AdoptedRow {
  id: string;
  title: string;
  ownerText: string;
  due: string;
  procedure: boolean;
}
interface FoundRow {
  key: string;
  label: string;
  people: { index: number; name: string }[];
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; person?: number }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index?: number; field?: string }>;

const saveForm = formSubmit(saveMinutes, { fields: SAVE, keys: formKeys('save') });
const approveForm = formSubmit(approveMinutes, { fields: APPROVE, keys: formKeys('approve') });

const state = instanceState(() => ({
  meetingId: '',
  version: 0,
  named: [] as Array<{ memberId: string; name: string }>,
  found: [] as AttendanceEntryView[],
  owners: new Map<string, string>(),
}));

const ask = (title: string, content: string, confirmText: string): Promise<boolean> =>
  new Promise((resolve) => wx.showModal({ title, content, confirmText, cancelText: '再想想', success: (r) => resolve(r.confirm), fail: () => resolve(false) }));

/**
 * 会议纪要: the record lines the meeting itself wrote (attendance, quorum, the roll's hash,
 * each item and its vote — read only), the secretary's summary and each item's discussion,
 * and the people on the roll who agreed to be named in public. A save carries the version it
 * was read at, so two people never overwrite each other: a CONFLICT says reload. Before
 * approval the page says what the public version will mask. An admin other than the
 * secretary 审定并公布: each adopted item becomes a resolution with an owner and a due date.
 */
Component({
  data: {
    loading: true,
    error: '',
    title: '',
    statusText: '',
    approved: false,
    canSave: false,
    canApprove: false,
    record: [] as string[],
    summary: '',
    items: [] as ItemRow[],
    named: [] as Array<{ name: string }>,
    search: '',
    found: [] as FoundRow[],
    searchError: '',
    searched: false,
    maskedText: '',
    publicText: '',
    secretaryName: '',
    approvedText: '',
    dirty: false,
    conflict: false,
    saved: '',
    saveErrors: emptyErrors(SAVE),
    saveError: '',
    adopted: [] as AdoptedRow[],
    adoptedErrors: {} as Record<number, string>,
    today: '',
    ownerRoles: ['admin', 'gridWorker'],
    approveErrors: emptyErrors(APPROVE),
    approveError: '',
    saving: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).meetingId = query.meetingId ? decodeURIComponent(query.meetingId) : '';
      void this.load();
    },
    async load() {
      const s = state(this);
      if (!s.meetingId) {
        this.setData({ loading: false, error: '没有找到这次会议' });
        return;
      }
      const [minutes, meeting] = await Promise.all([call(getMinutes, { meetingId: s.meetingId }), call(getMeeting, { meetingId: s.meetingId })]);
      if (!minutes.ok || !meeting.ok) {
        this.setData({ loading: false, error: (!minutes.ok ? minutes.error : !meeting.ok ? meeting.error : { message: '' }).message });
        return;
      }
      this.setData({ loading: false, error: '', conflict: false, dirty: false, saveError: '' });
      this.fill(minutes.data, meeting.data);
    },
    fill(v: MinutesView, m?: MeetingView) {
      const s = state(this);
      s.version = v.version;
      s.named = v.named.slice();
      const a = v.allowedActions;
      const patch: Record<string, unknown> = {
        statusText: v.status === 'approved' ? '已审定并公布' : '草稿，待审定',
        approved: v.status === 'approved',
        canSave: allows(a, 'meeting.saveMinutes'),
        canApprove: allows(a, 'meeting.approveMinutes'),
        record: v.record,
        summary: v.summary,
        items: v.items.map((i) => ({ id: i.itemId, title: i.title, discussion: i.discussion })),
        named: s.named.map((p) => ({ name: p.name })),
        maskedText: v.maskedText ?? '',
        publicText: v.publicText ?? '',
        secretaryName: v.secretaryName,
        approvedText: v.approvedByName && v.approvedAt ? `${v.approvedByName} ${dateText(v.approvedAt)} 审定` : '',
      };
      if (m) {
        const now = Date.now();
        const due = dayKey(now + DEFAULT_RESOLUTION_DAYS * DAY_MS);
        patch.title = m.title;
        patch.today = dayKey(now);
        s.owners.clear();
        patch.adopted = m.agenda.filter((i) => i.status === 'adopted').map((i): AdoptedRow => ({ id: i.itemId, title: i.title, ownerText: '', due, procedure: false }));
        patch.adoptedErrors = {};
      }
      this.setData(patch);
    },

    // —— editing ——
    onSummary(e: FieldInput) {
      this.setData({ summary: e.detail.value, dirty: true, saved: '', 'saveErrors.summary': '' });
    },
    onDiscussion(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      if (this.data.items[i]) this.setData({ [`items[${i}].discussion`]: e.detail.value, dirty: true, saved: '', 'saveErrors.items': '' });
    },
    onSearch(e: FieldInput) {
      this.setData({ search: e.detail.value, searchError: '' });
    },
    async searchRoll() {
      const s = state(this);
      const search = this.data.search.trim();
      if (!search) {
        this.setData({ searchError: '请输入房号或姓名' });
        return;
      }
      const res = await call(meetingAttendance, { meetingId: s.meetingId, search, onlyAbsent: false, limit: 20 });
      if (!res.ok) {
        this.setData({ searchError: res.error.message });
        return;
      }
      s.found = res.data.items;
      this.setData({ searched: true, found: s.found.map((e) => ({ key: e.unitKey, label: e.label, people: e.people.map((p, index) => ({ index, name: p.name })) })) });
    },
    addNamed(e: Tap) {
      const s = state(this);
      const person = s.found[Number(e.currentTarget.dataset.index)]?.people[Number(e.currentTarget.dataset.person)];
      if (!person || s.named.some((p) => p.memberId === person.memberId)) return;
      s.named.push({ memberId: person.memberId, name: person.name });
      this.setData({ named: s.named.map((p) => ({ name: p.name })), dirty: true, saved: '' });
    },
    removeNamed(e: Tap) {
      const s = state(this);
      s.named.splice(Number(e.currentTarget.dataset.index), 1);
      this.setData({ named: s.named.map((p) => ({ name: p.name })), dirty: true, saved: '' });
    },
    async save() {
      const s = state(this);
      const d = this.data;
      const res = await saveForm(this).submit({
        meetingId: s.meetingId,
        version: s.version,
        summary: d.summary,
        items: d.items.map((i) => ({ itemId: i.id, discussion: i.discussion })),
        namedMemberIds: s.named.map((p) => p.memberId),
      });
      if (!res) return;
      if (!res.ok) {
        // Someone else saved since this draft was read: their words must not be overwritten.
        if (res.error.code === 'CONFLICT') this.setData({ conflict: true, saveError: '' });
        return;
      }
      this.fill(res.data);
      this.setData({ dirty: false, saved: '已保存' });
    },
    async reload() {
      if (this.data.dirty && !(await ask('重新加载', '重新加载会丢掉您这次没保存的修改，请先把要保留的文字复制下来。确定重新加载吗？', '重新加载'))) return;
      this.setData({ loading: true });
      await this.load();
    },

    // —— 审定并公布 ——
    onPickOwner(e: WechatMiniprogram.CustomEvent<Picked, Record<string, never>, { index?: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      const row = this.data.adopted[i];
      if (!row || !e.detail.memberId) return;
      state(this).owners.set(row.id, e.detail.memberId);
      this.setData({ [`adopted[${i}].ownerText`]: e.detail.label, [`adoptedErrors.${i}`]: '' });
    },
    onDue(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      if (this.data.adopted[i]) this.setData({ [`adopted[${i}].due`]: e.detail.value, [`adoptedErrors.${i}`]: '' });
    },
    onProcedure(e: WechatMiniprogram.CustomEvent<{ value: boolean }, Record<string, never>, { index?: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      if (this.data.adopted[i]) this.setData({ [`adopted[${i}].procedure`]: e.detail.value === true });
    },
    async approve() {
      const s = state(this);
      const d = this.data;
      if (d.dirty) {
        this.setData({ approveError: '还有没保存的修改，请先保存纪要再审定' });
        return;
      }
      const missing: Record<number, string> = {};
      d.adopted.forEach((row, i) => { if (!s.owners.get(row.id)) missing[i] = '请选择负责人'; });
      if (Object.keys(missing).length) {
        this.setData({ adoptedErrors: missing, approveError: '每项通过的议程都须指定负责人和完成期限' });
        return;
      }
      if (!(await ask('审定并公布', '公布后居民能看到隐去个人信息的纪要，通过的议程各成一项决议交负责人落实。确定公布吗？', '确定公布'))) return;
      const res = await approveForm(this).submit({
        meetingId: s.meetingId,
        version: s.version,
        resolutions: d.adopted.map((row) => ({ itemId: row.id, ownerId: s.owners.get(row.id) ?? '', dueAt: dayStartOf(row.due) + END_OF_DAY, procedure: row.procedure })),
      });
      if (!res) return;
      if (!res.ok) {
        this.setData({ adoptedErrors: itemErrors(res.error, 'resolutions') });
        if (res.error.code === 'CONFLICT') this.setData({ conflict: true });
        return;
      }
      this.fill(res.data);
      this.setData({ saved: '纪要已公布，决议已交负责人' });
    },
  },
});
