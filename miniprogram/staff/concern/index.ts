import type { ActionName } from '../../core/action-names';
import { call } from '../../services/api';
import type { ActionContract, ContractInput } from '../../core/action';
import {
  acceptConcern,
  mergeConcern,
  noteConcern,
  replyConcern,
  reportBack,
  requestInfo,
  resolveConcern,
  transferConcern,
  urgeConcern,
  URGE_NOTE_MAX,
  whistleConcern,
  type ConcernView,
} from '../../core/concern/contract';
import { dateText } from '../../services/dates';
import { listGrids, type GridView } from '../../core/community/contract';
import { transferPeople, type Person } from '../../services/concern-view';
import { concernIdOf, concernPage } from '../../behaviors/concern-page';
import { emptyErrors } from '../../services/form';
import { formSubmit, type FormSpec, type FormSubmit } from '../../services/form-submit';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import { whistlePicker } from './whistle-picker';

type Kind = 'accept' | 'reply' | 'note' | 'requestInfo' | 'transfer' | 'whistle' | 'reportBack' | 'merge' | 'resolve' | 'urge';

/** Button order: the usual next step first; the rarer and weightier ones after. */
const ACTIONS: ReadonlyArray<{ action: ActionName; kind: Kind; label: string; primary?: boolean }> = [
  { action: 'concern.accept', kind: 'accept', label: '签收', primary: true },
  { action: 'concern.reply', kind: 'reply', label: '答复居民', primary: true },
  { action: 'concern.reportBack', kind: 'reportBack', label: '登记部门回复', primary: true },
  { action: 'concern.resolve', kind: 'resolve', label: '办结', primary: true },
  // Only a supervisor (grid leader, admin) over someone else's work is offered 催办.
  { action: 'concern.urge', kind: 'urge', label: '催办', primary: true },
  { action: 'concern.requestInfo', kind: 'requestInfo', label: '请居民补充' },
  { action: 'concern.whistle', kind: 'whistle', label: '吹哨协调' },
  { action: 'concern.transfer', kind: 'transfer', label: '转交' },
  { action: 'concern.merge', kind: 'merge', label: '合并重复' },
  { action: 'concern.note', kind: 'note', label: '内部备注' },
];

const TITLES: Record<Kind, string> = {
  accept: '签收',
  reply: '答复居民（居民可见）',
  note: '内部备注（仅工作人员可见）',
  requestInfo: '请居民补充情况（计时暂停）',
  transfer: '转交',
  whistle: '吹哨：请相关部门协同（计时暂停）',
  reportBack: '登记部门回复（恢复计时）',
  merge: '并入原诉求',
  resolve: '办结',
  urge: '催办：提醒当前办理人尽快办理',
};

const DONE: Record<Kind, string> = {
  accept: '已签收',
  reply: '已答复',
  note: '已备注',
  requestInfo: '已请居民补充',
  transfer: '已转交',
  whistle: '已吹哨',
  reportBack: '已登记',
  merge: '已合并',
  resolve: '已办结',
  urge: '已催办',
};

/** Steps that handle the concern; with none of them the caller reads and notes only. */
const HANDLING_ACTIONS: readonly ActionName[] = [
  'concern.accept', 'concern.reply', 'concern.requestInfo', 'concern.whistle', 'concern.reportBack', 'concern.merge', 'concern.resolve',
];
const OPEN_STATUSES = ['dispatched', 'accepted', 'waitingResident', 'coordinating', 'supervised'];

/** Who handles it now and who signed first, said in one line. */
function handlerLine(c: ConcernView): string {
  const now = c.assignee ? `现由 ${c.assignee.name} 办理` : '社区统一受理中，由社区管理员办理';
  const first = c.firstResponder ? `首接负责人 ${c.firstResponder.name}` : '尚未签收';
  return `${now}；${first}`;
}

/** What the caller's part is, when it is not handling: reading, noting, supervising. */
function roleNote(c: ConcernView): string {
  if (!OPEN_STATUSES.includes(c.status) || c.allowedActions.some((a) => HANDLING_ACTIONS.includes(a))) return '';
  if (c.allowedActions.includes('concern.urge') || (c.allowedActions.includes('concern.transfer') && !c.allowedActions.includes('concern.reply'))) {
    return '您负责督办：可以催办或转交，办理由当前办理人负责。';
  }
  return c.allowedActions.includes('concern.note') ? '您可以查看和添加内部备注，办理由当前办理人负责。' : '';
}

/** Choices rather than free digits: nothing to mistype, and 3 days is the usual ask. */
const REPLY_DAYS = [1, 2, 3, 5, 7, 10, 15, 30];
const DEFAULT_REPLY_DAYS_INDEX = 2;

const FIELDS = ['text', 'question', 'reason', 'departmentId', 'note', 'replyDays', 'intoNumber', 'summary', 'photos', 'toGridId', 'toMemberId'] as const;
type Field = (typeof FIELDS)[number];

// Every action's form shares the field messages and one busy flag: one action at a time.
// An empty transfer target fails the whole-input rule, which shows above the buttons.
const spec: FormSpec<Field> = { fields: FIELDS, keys: { busy: 'sending' } };
const forms = {
  accept: formSubmit(acceptConcern, spec),
  reply: formSubmit(replyConcern, spec),
  note: formSubmit(noteConcern, spec),
  requestInfo: formSubmit(requestInfo, spec),
  transfer: formSubmit(transferConcern, spec),
  whistle: formSubmit(whistleConcern, spec),
  reportBack: formSubmit(reportBack, spec),
  merge: formSubmit(mergeConcern, spec),
  resolve: formSubmit(resolveConcern, spec),
  urge: formSubmit(urgeConcern, spec),
};

const emptyFields = () => ({ text: '', question: '', reason: '', note: '', intoNumber: '', summary: '' });
type FieldName = keyof ReturnType<typeof emptyFields>;

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { kind?: string; field?: string; mode?: string }>;
type Input = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;

const state = instanceState(() => ({
  grids: [] as GridView[],
  people: [] as Person[],
  gridsLoaded: false,
}));

Component({
  behaviors: [concernPage, whistlePicker],
  data: {
    actions: [] as Array<{ kind: Kind; label: string; primary: boolean }>,
    form: '' as '' | Kind,
    formTitle: '',
    fields: emptyFields(),
    templates: [] as string[],
    replyDaysLabels: REPLY_DAYS.map((d) => `${d}天内回复`),
    replyDaysIndex: DEFAULT_REPLY_DAYS_INDEX,
    transferMode: 'grid' as 'grid' | 'member',
    gridNames: [] as string[],
    gridIndex: -1,
    personNames: [] as string[],
    personIndex: -1,
    gridsError: '',
    errors: emptyErrors(FIELDS),
    formError: '',
    sending: false,
    handlerLine: '',
    roleNote: '',
    urgeText: '',
    urgeMax: URGE_NOTE_MAX,
  },
  methods: {
    present(c: ConcernView): Record<string, unknown> {
      const actions = ACTIONS.filter((a) => c.allowedActions.includes(a.action)).map((a) => ({
        kind: a.kind,
        label: a.label,
        primary: a.primary === true,
      }));
      const form = this.data.form;
      return {
        actions,
        handlerLine: handlerLine(c),
        roleNote: roleNote(c),
        urgeText: c.urges ? `已催办 ${c.urges} 次${c.lastUrgedAt ? `，最近一次 ${dateText(c.lastUrgedAt)}` : ''}` : '',
        templates: c.replyTemplates ?? [],
        // A form whose action the server no longer offers closes rather than fail on send.
        ...(form && !actions.some((a) => a.kind === form) ? { form: '' } : {}),
      };
    },
    callAuthor() {
      const phone = this.data.concern?.authorPhone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },
    openForm(e: Tap) {
      const kind = ACTIONS.find((a) => a.kind === e.currentTarget.dataset.kind)?.kind;
      if (!kind) return;
      if (kind === 'accept') {
        void this.submit('accept');
        return;
      }
      this.setData({
        form: kind,
        formTitle: TITLES[kind],
        fields: emptyFields(),
        replyDaysIndex: DEFAULT_REPLY_DAYS_INDEX,
        transferMode: 'grid',
        gridIndex: -1,
        personIndex: -1,
        photos: [],
        errors: emptyErrors(FIELDS),
        formError: '',
      });
      if (kind === 'transfer' && !state(this).gridsLoaded) void this.loadGrids();
      if (kind === 'whistle') void this.loadDepartments();
    },
    closeForm() {
      this.setData({ form: '', formError: '' });
    },
    async loadGrids() {
      const res = await collectPages((cursor) => call(listGrids, { cursor, limit: 50 }));
      if (!res.ok) {
        this.setData({ gridsError: res.error.message });
        return;
      }
      const s = state(this);
      s.grids = res.data;
      s.people = transferPeople(res.data);
      s.gridsLoaded = true;
      this.setData({ gridsError: '', gridNames: s.grids.map((g) => g.name), personNames: s.people.map((p) => p.label) });
    },
    onField(e: Input) {
      const field = e.currentTarget.dataset.field as FieldName | undefined;
      if (!field || !(field in this.data.fields)) return;
      this.setData({ [`fields.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },
    onTemplate(e: WechatMiniprogram.PickerChange) {
      const template = this.data.templates[Number(e.detail.value)];
      // The template is a starting point: it lands in the box for the worker to adjust.
      if (template !== undefined) this.setData({ 'fields.text': template, 'errors.text': '' });
    },
    onReplyDays(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value);
      if (REPLY_DAYS[i] !== undefined) this.setData({ replyDaysIndex: i, 'errors.replyDays': '' });
    },
    setTransferMode(e: Tap) {
      const mode = e.currentTarget.dataset.mode === 'member' ? 'member' : 'grid';
      this.setData({ transferMode: mode, formError: '', 'errors.toGridId': '', 'errors.toMemberId': '' });
    },
    onGrid(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value);
      if (state(this).grids[i]) this.setData({ gridIndex: i, formError: '', 'errors.toGridId': '' });
    },
    onPerson(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value);
      if (state(this).people[i]) this.setData({ personIndex: i, formError: '', 'errors.toMemberId': '' });
    },
    submitForm() {
      if (this.data.form) void this.submit(this.data.form);
    },
    /** Builds the action's input from the form; the shared schema judges it before sending. */
    submit(kind: Kind) {
      const s = state(this);
      const concernId = concernIdOf(this);
      const f = this.data.fields;
      const photos = this.data.photos.map((p) => p.id);
      switch (kind) {
        case 'accept':
          return this.send(kind, forms.accept(this), { concernId });
        case 'reply':
          return this.send(kind, forms.reply(this), { concernId, text: f.text });
        case 'note':
          return this.send(kind, forms.note(this), { concernId, text: f.text });
        case 'requestInfo':
          return this.send(kind, forms.requestInfo(this), { concernId, question: f.question });
        case 'transfer': {
          const grid = this.data.transferMode === 'grid' ? s.grids[this.data.gridIndex] : undefined;
          const person = this.data.transferMode === 'member' ? s.people[this.data.personIndex] : undefined;
          return this.send(kind, forms.transfer(this), {
            concernId,
            reason: f.reason,
            ...(grid ? { toGridId: grid.id } : {}),
            ...(person ? { toMemberId: person.memberId } : {}),
          });
        }
        case 'whistle':
          return this.send(kind, forms.whistle(this), {
            concernId,
            departmentId: this.pickedDepartmentId(),
            note: f.note,
            replyDays: REPLY_DAYS[this.data.replyDaysIndex] ?? REPLY_DAYS[DEFAULT_REPLY_DAYS_INDEX],
            sharePhone: this.data.sharePhone,
          });
        case 'reportBack':
          return this.send(kind, forms.reportBack(this), { concernId, text: f.text, photos });
        case 'merge':
          return this.send(kind, forms.merge(this), { concernId, intoNumber: f.intoNumber.trim(), reason: f.reason });
        case 'resolve':
          return this.send(kind, forms.resolve(this), { concernId, summary: f.summary, photos });
        case 'urge':
          return this.send(kind, forms.urge(this), { concernId, note: f.note });
      }
    },
    async send<C extends ActionContract>(kind: Kind, form: FormSubmit<C, Field>, input: ContractInput<C>) {
      if (this.data.sending || this.data.uploading) return;
      const res = await form.submit(input);
      if (!res?.ok) return;
      this.setData({ form: '', fields: emptyFields(), photos: [] });
      this.show(res.data as ConcernView);
      wx.showToast({ title: DONE[kind], icon: 'success' });
    },
  },
});
