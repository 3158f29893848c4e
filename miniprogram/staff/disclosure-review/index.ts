import { call } from '../../services/api';
import type { ContractInput } from '../../core/action';
import { correctItem, getItem, publishItem, reviewDraft, type DraftView, type ItemView, type LinkView, type ReliefView } from '../../core/disclosure/contract';
import { reconciliationText } from '../../core/disclosure/finance';
import { periodLabel, RELIEF_FORM_LABELS, SMALL_COUNT } from '../../core/disclosure/vocabulary';
import { getMe } from '../../core/member/contract';
import { dateText } from '../../services/dates';
import { emptyErrors } from '../../services/form';
import { formKeys, formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { pagePhotos, type PhotoItem } from '../../services/photos';
import { allows } from '../../services/view';
import { deadlineText, flagRow, issuesUnder, publishBlocks, questionRow, type FlagRow, type QuestionRow } from '../disclosure/view';

const REVIEW = ['decisions', 'marks'] as const;
const CORRECT = ['reason'] as const;
const STALE = '这份草稿刚被别人改过，已重新载入，请再核对一遍。';
const reviewForm = formSubmit(reviewDraft, { fields: REVIEW, keys: formKeys('review'), messages: { CONFLICT: STALE } });
const publishForm = formSubmit(publishItem, { fields: [], keys: formKeys('publish'), messages: { CONFLICT: STALE } });
const correctForm = formSubmit(correctItem, { fields: CORRECT, keys: formKeys('correct') });

type Decisions = ContractInput<typeof reviewDraft>['decisions'];
type Marks = ContractInput<typeof reviewDraft>['marks'];

interface MarkField {
  field: string;
  label: string;
}
interface MarkRow extends MarkField {
  key: string;
  text: string;
}
interface VersionRow {
  number: number;
  text: string;
  reason: string;
  superseded: boolean;
  shown: boolean;
}

const state = instanceState(() => ({
  itemId: '',
  memberId: '',
  view: null as ItemView | null,
  /** The review form's decisions in the order sent: issues name them by index. */
  sentFlags: [] as string[],
  markFields: [] as MarkField[],
  nextMark: 0,
}));

/** Where a reviewer may mark text the scan missed: the draft's own fields, by name. */
function markFields(d: DraftView): MarkField[] {
  const out: MarkField[] = [
    { field: 'title', label: '标题' },
    { field: 'body', label: '正文' },
  ];
  d.finance?.income.forEach((l, i) => out.push({ field: `finance.income.${i}.label`, label: `收入「${l.label}」` }));
  d.finance?.expense.forEach((l, i) => out.push({ field: `finance.expense.${i}.label`, label: `支出「${l.label}」` }));
  if (d.relief) out.push({ field: 'relief.programme', label: '救助项目名称' });
  return out;
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; decision?: string; index?: number; number?: number }>;

/**
 * 隐私审核与公开: every place the privacy check found a name, a phone or ID number, a room
 * number or a count under five — shown in its sentence — is masked or kept with a reason;
 * text the check missed can be marked. Below, what residents will read with those decisions
 * applied. 公开 stays disabled, and says why, until every flag is decided and saved and the
 * books reconcile. For a published item: the version up now, its history, and 「更正」.
 */
Component({
  data: {
    loading: true,
    error: '',
    saved: '',
    itemId: '',
    title: '',
    meta: '',
    stateLabel: '',
    stateTone: 'todo',
    sourceText: '',
    dueText: '',
    hasDraft: false,
    correctionReason: '',
    draftByText: '',
    canEdit: false,
    canReview: false,
    canPublish: false,
    canCorrect: false,
    // 个人信息
    flags: [] as FlagRow[],
    flagSummary: '',
    unsaved: 0,
    markFieldLabels: [] as string[],
    markFieldIndex: 1,
    markText: '',
    markError: '',
    marks: [] as MarkRow[],
    reviewErrors: emptyErrors(REVIEW),
    reviewError: '',
    saving: false,
    // 预览 / 现行版本
    previewTitle: '',
    previewMeta: '',
    previewBody: '',
    finance: null as DraftView['finance'],
    financeText: '',
    financeOk: true,
    relief: null as ReliefView | null,
    reliefNote: '',
    links: [] as LinkView[],
    photos: [] as PhotoItem[],
    versions: [] as VersionRow[],
    // 公开
    blocks: [] as string[],
    publishError: '',
    publishErrors: {},
    // 待答复
    questions: [] as QuestionRow[],
    objections: [] as { opinionId: string; memberName: string; text: string; atText: string }[],
    canAnswer: false,
    canRespond: false,
    // 更正
    correctOpen: false,
    reason: '',
    correctErrors: emptyErrors(CORRECT),
    correctError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      // Lists open it with `itemId`; a notice (disclosure/notices.ts) with `id`.
      const id = query.itemId ?? query.id;
      state(this).itemId = id ? decodeURIComponent(id) : '';
      void this.load();
    },
    onShow() {
      // Back from editing the draft: its flags and preview are new.
      if (state(this).view) void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load(version?: number) {
      const s = state(this);
      if (!s.itemId) {
        this.setData({ loading: false, error: '没有找到这一项公开事项' });
        return;
      }
      const [res, me] = await Promise.all([call(getItem, { itemId: s.itemId, ...(version ? { version } : {}) }), s.memberId ? Promise.resolve(null) : call(getMe, {})]);
      if (me?.ok) s.memberId = me.data.memberId;
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      this.setData({ loading: false, error: '' });
      await this.fill(res.data);
    },
    async fill(item: ItemView) {
      const s = state(this);
      s.view = item;
      const now = Date.now();
      const a = item.allowedActions;
      const d = item.draft;
      const photos = pagePhotos(this);
      const fileIds = d ? d.attachments : item.shown?.attachments ?? [];
      await photos.load(fileIds);
      const base = {
        itemId: item.itemId,
        stateLabel: item.stateLabel,
        stateTone: item.state === 'published' ? 'done' : item.state === 'correcting' ? 'doing' : 'todo',
        sourceText: item.source && item.source.kind !== 'manual' ? `来自：${item.source.title}` : '',
        dueText: item.dueAt && item.state === 'draft' ? `最迟 ${deadlineText(item.dueAt, now)} 公开` : '',
        photos: photos.items(fileIds, s.memberId),
        versions: item.versions
          .map((v) => ({
            number: v.number,
            text: `第${v.number}版 · ${dateText(v.publishedAt, now)} 公开${v.superseded ? ' · 已被更正' : ''}`,
            reason: v.reason ? `更正原因：${v.reason}` : '',
            superseded: v.superseded,
            shown: item.shown?.number === v.number,
          }))
          .reverse(),
        correctOpen: false,
        // Open on the published versions whatever is being drafted: answered here too.
        questions: item.questions.filter((q) => q.state === 'open').map((q) => questionRow(q, now)),
        objections: item.opinions
          .filter((o) => o.stance === 'objection' && o.response === null)
          .map((o) => ({ opinionId: o.opinionId, memberName: o.memberName, text: o.text, atText: `第${o.versionNumber}版 · ${dateText(o.at, now)}` })),
        canAnswer: allows(a, 'disclosure.answer'),
        canRespond: allows(a, 'disclosure.respond'),
      };
      if (d) {
        s.markFields = markFields(d);
        const flags = d.flags.map(flagRow);
        const finance = d.finance;
        this.setData({
          ...base,
          hasDraft: true,
          title: d.title,
          meta: [item.categoryLabel, this.periodOf(item)].filter(Boolean).join(' · '),
          correctionReason: d.correctionReason ?? '',
          draftByText: `${d.byName} ${dateText(d.updatedAt, now)} 保存`,
          canEdit: allows(a, 'disclosure.draft'),
          canReview: allows(a, 'disclosure.review'),
          canPublish: allows(a, 'disclosure.publish'),
          canCorrect: false,
          flags,
          unsaved: 0,
          flagSummary: d.flags.length === 0 ? '没有发现姓名、电话、证件号、门牌号等个人信息。发布前仍请通读一遍。' : `发现${d.flags.length}处个人信息，还有${d.unresolved}处未处理`,
          markFieldLabels: s.markFields.map((f) => f.label),
          markFieldIndex: 1,
          marks: [],
          markText: '',
          previewTitle: d.preview.title,
          previewMeta: this.periodOf(item),
          previewBody: d.preview.body,
          finance,
          financeText: finance ? reconciliationText(finance) : '',
          financeOk: d.reconciliation?.ok ?? true,
          relief: null,
          reliefNote: d.relief
            ? `${d.relief.programme}：${d.relief.rows.length}人，按「${RELIEF_FORM_LABELS[d.relief.form]}」公开，全名不会出现在公开栏${d.relief.rows.length < SMALL_COUNT ? `；不足${SMALL_COUNT}人，人数写作「<${SMALL_COUNT}」` : ''}。`
            : '',
          links: d.links,
          blocks: publishBlocks(d, 0),
        });
        return;
      }
      const v = item.shown;
      this.setData({
        ...base,
        hasDraft: false,
        title: v?.title ?? '',
        meta: item.categoryLabel,
        correctionReason: '',
        canEdit: false,
        canReview: false,
        canPublish: false,
        canCorrect: allows(a, 'disclosure.correct') && item.state === 'published',
        flags: [],
        previewTitle: v?.title ?? '',
        previewMeta: v ? [v.periodLabel, `第${v.number}版`, `${dateText(v.publishedAt, now)} ${v.publishedByName}公开`, v.superseded ? '已被更正' : ''].filter(Boolean).join(' · ') : '',
        previewBody: v?.body ?? '',
        finance: v?.finance ?? null,
        financeText: v?.financeText ?? '',
        financeOk: true,
        relief: v?.relief ?? null,
        reliefNote: '',
        links: v?.links ?? [],
        blocks: [],
      });
    },
    periodOf(item: ItemView): string {
      return item.draft ? periodLabel(item.draft.period) : item.shown?.periodLabel ?? '';
    },

    // —— 逐项处理 ——
    decide(e: Tap) {
      const { id, decision } = e.currentTarget.dataset;
      const i = this.data.flags.findIndex((f) => f.flagId === id);
      if (i < 0 || (decision !== 'mask' && decision !== 'keep')) return;
      this.setData({ [`flags[${i}].decision`]: decision, [`flags[${i}].changed`]: true, [`flags[${i}].error`]: '', saved: '' });
      this.countUnsaved();
    },
    onKeepReason(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { id?: string }>) {
      const i = this.data.flags.findIndex((f) => f.flagId === e.currentTarget.dataset.id);
      if (i < 0) return;
      this.setData({ [`flags[${i}].reason`]: e.detail.value, [`flags[${i}].changed`]: true, [`flags[${i}].error`]: '' });
      this.countUnsaved();
    },
    countUnsaved() {
      const unsaved = this.data.flags.filter((f) => f.changed).length + this.data.marks.length;
      const d = state(this).view?.draft;
      this.setData({ unsaved, blocks: d ? publishBlocks(d, unsaved) : [] });
    },
    onMarkField(e: WechatMiniprogram.PickerChange) {
      this.setData({ markFieldIndex: Number(e.detail.value), markError: '' });
    },
    onMarkText(e: WechatMiniprogram.Input) {
      this.setData({ markText: e.detail.value, markError: '' });
    },
    addMark() {
      const s = state(this);
      const f = s.markFields[this.data.markFieldIndex];
      const text = this.data.markText.trim();
      if (!f) return;
      if (!text) {
        this.setData({ markError: '请填写要遮盖的内容，照原文抄下来' });
        return;
      }
      s.nextMark += 1;
      this.setData({ marks: [...this.data.marks, { ...f, key: `m${s.nextMark}`, text }], markText: '' });
      this.countUnsaved();
    },
    removeMark(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ marks: this.data.marks.filter((_, j) => j !== i) });
      this.countUnsaved();
    },
    async saveReview() {
      const s = state(this);
      const d = s.view?.draft;
      if (!s.view || !d) return;
      const changed = this.data.flags.filter((f) => f.changed && f.decision);
      s.sentFlags = changed.map((f) => f.flagId);
      // A keep without words goes without a reason: the shared schema asks for one under the flag.
      const decisions: Decisions = changed.map((f) => ({ flagId: f.flagId, decision: f.decision as 'mask' | 'keep', ...(f.decision === 'keep' && f.reason.trim() ? { reason: f.reason.trim() } : {}) }));
      const marks: Marks = this.data.marks.map((m) => ({ field: m.field, text: m.text }));
      const res = await reviewForm(this).submit({ itemId: s.view.itemId, draftVersion: d.draftVersion, decisions, marks });
      if (!res) return;
      if (!res.ok) {
        if (res.error.code === 'CONFLICT') await this.load();
        // Issues name a decision by its place in what was sent: shown under that flag.
        const issues = issuesUnder(res.error, 'decisions');
        const patch: Record<string, string> = {};
        s.sentFlags.forEach((flagId, k) => {
          const msg = issues[`${k}.reason`] ?? issues[`${k}.decision`] ?? issues[`${k}.flagId`] ?? issues[String(k)];
          const i = this.data.flags.findIndex((f) => f.flagId === flagId);
          if (msg && i >= 0) patch[`flags[${i}].error`] = msg;
        });
        this.setData(patch);
        return;
      }
      await this.fill(res.data);
      const left = res.data.draft?.unresolved ?? 0;
      this.setData({ saved: left > 0 ? `已保存，还有${left}处未处理` : '已保存，个人信息都已处理' });
    },

    // —— 公开 ——
    publish() {
      const s = state(this);
      const d = s.view?.draft;
      if (!s.view || !d || this.data.blocks.length > 0) return;
      const correction = s.view.currentNumber > 0;
      wx.showModal({
        title: correction ? '公开更正' : '公开',
        content: correction ? `公开第${s.view.currentNumber + 1}版后，第${s.view.currentNumber}版标为「已被更正」，仍可查看。公开的内容不能修改。` : '公开后居民即可看到，内容不能再修改，只能更正。',
        confirmText: '公开',
        cancelText: '再看看',
        success: (r) => {
          if (r.confirm) void this.doPublish(s.view?.itemId ?? '', d.draftVersion);
        },
      });
    },
    async doPublish(itemId: string, draftVersion: number) {
      const res = await publishForm(this).submit({ itemId, draftVersion });
      if (!res) return;
      if (!res.ok) {
        if (res.error.code === 'CONFLICT') await this.load();
        return;
      }
      await this.fill(res.data);
      this.setData({ saved: `已公开第${res.data.currentNumber}版，居民现在可以看到` });
    },

    // —— 答复 ——
    async onAnswered() {
      await this.load();
      this.setData({ saved: '已答复，已告知提问的居民并抄送居务监督委员会' });
    },
    async onResponded(e: WechatMiniprogram.CustomEvent<ItemView>) {
      await this.fill(e.detail);
      this.setData({ saved: '已答复监督委员会的异议' });
    },

    // —— 更正 ——
    openCorrect() {
      correctForm(this).clear();
      this.setData({ correctOpen: true, reason: '' });
    },
    closeCorrect() {
      this.setData({ correctOpen: false });
    },
    onReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, 'correctErrors.reason': '' });
    },
    async submitCorrect() {
      const s = state(this);
      if (!s.view) return;
      const res = await correctForm(this).submit({ itemId: s.view.itemId, reason: this.data.reason.trim() });
      if (!res?.ok) return;
      await this.fill(res.data);
      wx.navigateTo({ url: `/staff/disclosure-edit/index?itemId=${encodeURIComponent(s.view.itemId)}&from=review` });
    },
    edit() {
      const id = state(this).view?.itemId;
      if (id) wx.navigateTo({ url: `/staff/disclosure-edit/index?itemId=${encodeURIComponent(id)}&from=review` });
    },
    showVersion(e: Tap) {
      const n = Number(e.currentTarget.dataset.number);
      if (n > 0) void this.load(n);
    },
  },
});
