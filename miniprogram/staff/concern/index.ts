import type { ActionName } from '../../core/action-names';
import { call } from '../../services/api';
import type { Envelope } from '../../core/envelope';
import {
  acceptConcern,
  CONCERN_PHOTOS_MAX,
  getConcern,
  mergeConcern,
  noteConcern,
  replyConcern,
  reportBack,
  requestInfo,
  resolveConcern,
  transferConcern,
  whistleConcern,
  type ConcernView,
} from '../../core/concern/contract';
import { listGrids, type GridView } from '../../core/community/contract';
import {
  detailView,
  photoIdsOf,
  photoPatch,
  previewUrls,
  timelineRows,
  transferPeople,
  type DetailView,
  type Person,
  type PhotoMapper,
  type TimelineRow,
} from '../../services/concern-view';
import { reportContent } from '../../core/moderation/contract';
import { emptyErrors, fieldErrors, formMessage, pickFieldErrors } from '../../services/form';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import { pickPhotos } from '../../services/upload';
import { pagePhotos, type PhotoItem } from '../../services/photos';
import { knownMemberId, pageMemberId } from '../../services/member';

type Kind = 'accept' | 'reply' | 'note' | 'requestInfo' | 'transfer' | 'whistle' | 'reportBack' | 'merge' | 'resolve';

/** Button order: the usual next step first; the rarer and weightier ones after. */
const ACTIONS: ReadonlyArray<{ action: ActionName; kind: Kind; label: string; primary?: boolean }> = [
  { action: 'concern.accept', kind: 'accept', label: '签收', primary: true },
  { action: 'concern.reply', kind: 'reply', label: '答复居民', primary: true },
  { action: 'concern.reportBack', kind: 'reportBack', label: '登记部门回复', primary: true },
  { action: 'concern.resolve', kind: 'resolve', label: '办结', primary: true },
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
};

/** Choices rather than free digits: nothing to mistype, and 3 days is the usual ask. */
const REPLY_DAYS = [1, 2, 3, 5, 7, 10, 15, 30];
const DEFAULT_REPLY_DAYS_INDEX = 2;

const FIELDS = ['text', 'question', 'reason', 'department', 'note', 'replyDays', 'intoId', 'summary', 'photos', 'toGridId', 'toMemberId'] as const;

const emptyFields = () => ({ text: '', question: '', reason: '', department: '', note: '', intoId: '', summary: '' });
type FieldName = keyof ReturnType<typeof emptyFields>;

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { kind?: string; field?: string; mode?: string; group?: string; index?: number; src?: string }>;
type Input = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;

const state = instanceState(() => ({
  id: '',
  busy: false,
  grids: [] as GridView[],
  people: [] as Person[],
  gridsLoaded: false,
  /** The last concern shown, so photos arriving later re-render the right one. */
  view: null as ConcernView | null,
}));

Component({
  data: {
    loading: true,
    error: '',
    concern: null as DetailView | null,
    timeline: [] as TimelineRow[],
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
    photos: [] as PhotoItem[],
    photoMax: CONCERN_PHOTOS_MAX,
    uploading: false,
    errors: emptyErrors(FIELDS),
    formError: '',
    sending: false,
    reportOpen: false,
    reportReason: '',
    reportError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).id = query.id ? decodeURIComponent(query.id) : '';
      void this.load();
    },
    onShow() {
      // Back from the photo picker or another page: refresh the facts, keep the open form.
      if (this.data.concern) void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      const id = state(this).id;
      if (!id) {
        this.setData({ loading: false, error: '没有找到这条诉求' });
        return;
      }
      const [res] = await Promise.all([call(getConcern, { concernId: id }), pageMemberId(this)]);
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      this.show(res.data);
    },
    /** The only render path: loads and every action's answer come through here. */
    show(c: ConcernView) {
      const actions = ACTIONS.filter((a) => c.allowedActions.includes(a.action)).map((a) => ({
        kind: a.kind,
        label: a.label,
        primary: a.primary === true,
      }));
      const form = this.data.form;
      state(this).view = c;
      const photos = this.photoMapper();
      this.setData({
        loading: false,
        error: '',
        concern: detailView(c, photos),
        timeline: timelineRows(c, photos),
        actions,
        templates: c.replyTemplates ?? [],
        // A form whose action the server no longer offers closes rather than fail on send.
        ...(form && !actions.some((a) => a.kind === form) ? { form: '' } : {}),
      });
      void this.loadPhotos(c);
    },
    photoMapper(): PhotoMapper {
      const cache = pagePhotos(this);
      const me = knownMemberId(this);
      return (ids) => cache.items(ids, me);
    },
    /** Asks media.urls for the photos not known yet, then re-renders only the photos. */
    async loadPhotos(c: ConcernView) {
      const cache = pagePhotos(this);
      const ids = photoIdsOf(c);
      if (!cache.needs(ids)) return;
      await cache.load(ids);
      if (state(this).view === c) this.setData(photoPatch(c, this.photoMapper()));
    },
    callAuthor() {
      const phone = this.data.concern?.authorPhone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },
    openReport() {
      this.setData({ reportOpen: true, reportReason: '', reportError: '' });
    },
    closeReport() {
      this.setData({ reportOpen: false, reportError: '' });
    },
    onReportReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reportReason: e.detail.value, reportError: '' });
    },
    async submitReport() {
      const s = state(this);
      if (s.busy) return;
      s.busy = true;
      this.setData({ sending: true, reportError: '' });
      const res = await call(reportContent, { subjectType: 'concernText', subjectId: s.id, reason: this.data.reportReason });
      s.busy = false;
      if (!res.ok) {
        const byField = fieldErrors(res.error);
        this.setData({ sending: false, reportError: byField.reason || res.error.message });
        return;
      }
      this.setData({ sending: false, reportOpen: false, reportReason: '' });
      wx.showToast({ title: res.data.hidden ? '已举报，内容已隐藏待审核' : '已举报', icon: 'success' });
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
    async addPhoto() {
      if (this.data.uploading) return;
      this.setData({ uploading: true, 'errors.photos': '' });
      const memberId = await pageMemberId(this);
      const res = await pickPhotos(this.data.photos.length, CONCERN_PHOTOS_MAX, memberId);
      const photos = this.data.photos.concat(res.photos).slice(0, CONCERN_PHOTOS_MAX);
      this.setData({ uploading: false, photos, 'errors.photos': res.error });
    },
    removePhoto(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ photos: this.data.photos.filter((_, k) => k !== i) });
    },
    previewPhoto(e: Tap) {
      const d = e.currentTarget.dataset;
      const urls = previewUrls(String(d.group ?? ''), { concern: this.data.concern, timeline: this.data.timeline, form: this.data.photos });
      const current = d.src || urls[0];
      if (current) wx.previewImage({ current, urls });
    },
    submitForm() {
      if (this.data.form) void this.submit(this.data.form);
    },
    /** Builds the action's input from the form; the shared schema in `call` judges it. */
    request(kind: Kind): Promise<Envelope<ConcernView>> {
      const s = state(this);
      const concernId = s.id;
      const f = this.data.fields;
      const photos = this.data.photos.map((p) => p.id);
      switch (kind) {
        case 'accept':
          return call(acceptConcern, { concernId });
        case 'reply':
          return call(replyConcern, { concernId, text: f.text });
        case 'note':
          return call(noteConcern, { concernId, text: f.text });
        case 'requestInfo':
          return call(requestInfo, { concernId, question: f.question });
        case 'transfer': {
          const grid = this.data.transferMode === 'grid' ? s.grids[this.data.gridIndex] : undefined;
          const person = this.data.transferMode === 'member' ? s.people[this.data.personIndex] : undefined;
          return call(transferConcern, {
            concernId,
            reason: f.reason,
            ...(grid ? { toGridId: grid.id } : {}),
            ...(person ? { toMemberId: person.memberId } : {}),
          });
        }
        case 'whistle':
          return call(whistleConcern, {
            concernId,
            department: f.department,
            note: f.note,
            replyDays: REPLY_DAYS[this.data.replyDaysIndex] ?? REPLY_DAYS[DEFAULT_REPLY_DAYS_INDEX],
          });
        case 'reportBack':
          return call(reportBack, { concernId, text: f.text, photos });
        case 'merge':
          return call(mergeConcern, { concernId, intoId: f.intoId.trim(), reason: f.reason });
        case 'resolve':
          return call(resolveConcern, { concernId, summary: f.summary, photos });
      }
    },
    async submit(kind: Kind) {
      const s = state(this);
      if (s.busy || this.data.uploading) return;
      s.busy = true;
      this.setData({ sending: true, formError: '', errors: emptyErrors(FIELDS) });
      const res = await this.request(kind);
      s.busy = false;
      if (!res.ok) {
        // An empty transfer target fails the whole-input rule, which shows above the buttons.
        this.setData({ sending: false, errors: pickFieldErrors(res.error, FIELDS), formError: formMessage(res.error, FIELDS) });
        return;
      }
      this.setData({ sending: false, form: '', fields: emptyFields(), photos: [] });
      this.show(res.data);
      wx.showToast({ title: DONE[kind], icon: 'success' });
    },
    copyId() {
      const id = this.data.concern?.id;
      if (id) wx.setClipboardData({ data: id });
    },
  },
});
