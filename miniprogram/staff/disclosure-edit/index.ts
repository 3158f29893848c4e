import { call } from '../../services/api';
import type { ContractInput } from '../../core/action';
import { draftItem, getItem, listCatalogue, type CategoryView, type DraftView, type LinkView, type ReliefDraft } from '../../core/disclosure/contract';
import type { FinanceTable } from '../../core/disclosure/finance';
import { periodLabel, type Period } from '../../core/disclosure/vocabulary';
import { getMe } from '../../core/member/contract';
import { dayKey } from '../../services/date-strip';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { pagePhotos, type PhotoItem } from '../../services/photos';
import { pickPhotos } from '../../services/upload';
import type { FinanceChange } from '../components/finance-editor/index';
import type { ReliefChange } from '../components/relief-editor/index';
import { defaultPeriod, issuesUnder, MONTH_LABELS, periodKindFor, QUARTER_LABELS, yearChoices } from '../disclosure/view';

const FIELDS = ['categoryKey', 'title', 'period', 'body', 'finance', 'relief', 'attachments', 'links'] as const;
const form = formSubmit(draftItem, {
  fields: FIELDS,
  messages: { CONFLICT: '这份草稿刚被别人改过。请返回后重新打开，再修改。' },
});

type PeriodKind = 'quarter' | 'month' | 'date';

/** A table switched on and left untouched: no balances, so the shared schema asks for them. */
const NOTHING_TYPED = { income: [], expense: [] } as unknown as FinanceTable;

const state = instanceState(() => ({
  itemId: '',
  draftVersion: undefined as number | undefined,
  memberId: '',
  categories: [] as CategoryView[],
  years: [] as number[],
  finance: null as FinanceTable | null,
  financeBad: 0,
  relief: null as ReliefDraft | null,
  reliefBad: 0,
  attachments: [] as string[],
  /** Opened from the item's review: go back to it after saving. */
  fromReview: false,
}));

interface LinkRow extends LinkView {
  key: string;
  kindLabel: string;
}
const LINK_KIND_LABELS: Record<LinkView['kind'], string> = { resolution: '决议', poll: '投票', meeting: '会议', concern: '诉求' };
const linkRow = (l: LinkView): LinkRow => ({ ...l, key: `${l.kind}:${l.refId}`, kindLabel: LINK_KIND_LABELS[l.kind] });

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; field?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;

/**
 * 起草公开事项: the category (with its cadence), the period it covers — a quarter or a month
 * for the periodic categories, a date otherwise — title and body, the 财务收支表 (typed in 元,
 * reconciled as it is typed), the 救助名单 with how its recipients may appear, links to the
 * resolutions, polls, meetings and concerns behind it, and photos. Saving runs the privacy
 * check on the server; the review page comes next. A correction shows its reason at the top.
 */
Component({
  data: {
    loading: true,
    error: '',
    /** Published with no correction under way: nothing here to edit. */
    blocked: '',
    heading: '起草公开事项',
    correctionReason: '',
    categoryLabels: [] as string[],
    categoryIndex: -1,
    categoryLocked: false,
    cadenceText: '',
    periodKind: 'date' as PeriodKind,
    periodText: '',
    yearLabels: [] as string[],
    yearIndex: 0,
    quarterLabels: QUARTER_LABELS,
    quarterIndex: 0,
    monthLabels: MONTH_LABELS,
    monthIndex: 0,
    periodDate: '',
    periodNone: false,
    today: '',
    title: '',
    body: '',
    financeOn: false,
    financeRequired: false,
    financeValue: null as FinanceTable | null,
    financeIssues: {} as Record<string, string>,
    reliefOn: false,
    reliefRequired: false,
    reliefValue: null as ReliefDraft | null,
    reliefIssues: {} as Record<string, string>,
    links: [] as LinkRow[],
    linkTaken: [] as string[],
    linkPickerOpen: false,
    photos: [] as PhotoItem[],
    uploading: false,
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const s = state(this);
      s.itemId = query.itemId ? decodeURIComponent(query.itemId) : '';
      s.fromReview = query.from === 'review';
      void this.load(query.categoryKey ? decodeURIComponent(query.categoryKey) : '');
    },
    async load(presetCategory = '') {
      const s = state(this);
      this.setData({ loading: true, error: '' });
      const [catalogue, me, item] = await Promise.all([call(listCatalogue, {}), call(getMe, {}), s.itemId ? call(getItem, { itemId: s.itemId }) : Promise.resolve(null)]);
      const failed = !catalogue.ok ? catalogue : !me.ok ? me : item && !item.ok ? item : null;
      if (failed && !failed.ok) {
        this.setData({ loading: false, error: failed.error.message });
        return;
      }
      if (!catalogue.ok || !me.ok) return;
      s.memberId = me.data.memberId;
      s.categories = catalogue.data.categories;
      const now = Date.now();
      this.setData({ loading: false, today: dayKey(now), categoryLabels: s.categories.map((c) => c.label) });
      if (item?.ok) {
        if (!item.data.draft) {
          this.setData({ blocked: '这一项已经公开，公开的内容不能修改。如需改正，请在审核页点「更正」，写明原因后起草新版本。' });
          return;
        }
        this.setData({ heading: item.data.currentNumber > 0 ? `更正：${item.data.draft.title}` : '修改草稿' });
        await this.fillDraft(item.data.draft, item.data.currentNumber > 0);
        return;
      }
      const preset = s.categories.findIndex((c) => c.key === presetCategory);
      if (preset >= 0) this.chooseCategory(preset);
    },
    async fillDraft(d: DraftView, published: boolean) {
      const s = state(this);
      s.draftVersion = d.draftVersion;
      s.finance = d.finance;
      s.relief = d.relief;
      s.attachments = d.attachments.slice();
      const index = s.categories.findIndex((c) => c.key === d.categoryKey);
      this.chooseCategory(index, d.period);
      const photos = pagePhotos(this);
      await photos.load(d.attachments);
      this.setData({
        // A published item keeps its category: its versions are one thread in one place.
        categoryLocked: published,
        correctionReason: d.correctionReason ?? '',
        title: d.title,
        body: d.body,
        financeOn: d.finance !== null || this.data.financeRequired,
        financeValue: d.finance,
        reliefOn: d.relief !== null || this.data.reliefRequired,
        reliefValue: d.relief,
        links: d.links.map(linkRow),
        linkTaken: d.links.map((l) => `${l.kind}:${l.refId}`),
        photos: photos.items(d.attachments, s.memberId),
      });
    },

    // —— 类别和期间 ——
    chooseCategory(index: number, period?: Period) {
      const s = state(this);
      const c = s.categories[index];
      if (!c) return;
      const now = Date.now();
      const kind = periodKindFor(c.cadence);
      // A saved period of the right kind is kept; otherwise the one the calendar is chasing.
      const p = period && (period.kind === kind || (kind === 'date' && period.kind === 'none')) ? period : defaultPeriod(c.cadence, now);
      s.years = yearChoices(now, p.kind === 'quarter' || p.kind === 'month' ? p.year : undefined);
      const financeRequired = c.key === 'finance';
      const reliefRequired = c.key === 'relief';
      this.setData({
        categoryIndex: index,
        cadenceText: c.cadenceText,
        periodKind: kind,
        yearLabels: s.years.map((y) => `${y}年`),
        yearIndex: p.kind === 'quarter' || p.kind === 'month' ? s.years.indexOf(p.year) : s.years.length - 1,
        quarterIndex: p.kind === 'quarter' ? p.quarter - 1 : 0,
        monthIndex: p.kind === 'month' ? p.month - 1 : 0,
        periodDate: p.kind === 'date' ? p.date : dayKey(now),
        periodNone: p.kind === 'none',
        financeRequired,
        reliefRequired,
        financeOn: this.data.financeOn || financeRequired,
        reliefOn: this.data.reliefOn || reliefRequired,
        'errors.categoryKey': '',
        'errors.period': '',
      });
      this.showPeriod();
    },
    onCategory(e: WechatMiniprogram.PickerChange) {
      if (this.data.categoryLocked) return;
      this.chooseCategory(Number(e.detail.value));
    },
    period(): Period {
      const d = this.data;
      const year = state(this).years[d.yearIndex];
      if (d.periodKind === 'quarter') return { kind: 'quarter', year, quarter: (d.quarterIndex + 1) as 1 | 2 | 3 | 4 };
      if (d.periodKind === 'month') return { kind: 'month', year, month: d.monthIndex + 1 };
      return d.periodNone ? { kind: 'none' } : { kind: 'date', date: d.periodDate };
    },
    showPeriod() {
      this.setData({ periodText: periodLabel(this.period()) });
    },
    onPeriod(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>) {
      const field = e.currentTarget.dataset.field;
      if (field === 'periodDate') this.setData({ periodDate: e.detail.value, 'errors.period': '' });
      else if (field === 'yearIndex' || field === 'quarterIndex' || field === 'monthIndex') this.setData({ [field]: Number(e.detail.value), 'errors.period': '' });
      else return;
      this.showPeriod();
    },
    onPeriodNone(e: WechatMiniprogram.SwitchChange) {
      this.setData({ periodNone: e.detail.value, 'errors.period': '' });
      this.showPeriod();
    },

    // —— 内容 ——
    onField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (field !== 'title' && field !== 'body') return;
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }, Record<string, never>, { field?: string }>) {
      const field = e.currentTarget.dataset.field;
      const s = state(this);
      // Switched back on, the editor starts again from the saved draft: so does what is sent.
      if (field === 'financeOn' && !this.data.financeRequired) {
        s.finance = this.data.financeValue;
        s.financeBad = 0;
        this.setData({ financeOn: e.detail.value, 'errors.finance': '' });
      }
      if (field === 'reliefOn' && !this.data.reliefRequired) {
        s.relief = this.data.reliefValue;
        s.reliefBad = 0;
        this.setData({ reliefOn: e.detail.value, 'errors.relief': '' });
      }
    },
    onFinance(e: WechatMiniprogram.CustomEvent<FinanceChange>) {
      const s = state(this);
      s.finance = e.detail.table;
      s.financeBad = e.detail.bad;
      this.setData({ 'errors.finance': '' });
    },
    onRelief(e: WechatMiniprogram.CustomEvent<ReliefChange>) {
      const s = state(this);
      s.relief = e.detail.relief;
      s.reliefBad = e.detail.bad;
      this.setData({ 'errors.relief': '' });
    },

    // —— 关联 ——
    toggleLinkPicker() {
      this.setData({ linkPickerOpen: !this.data.linkPickerOpen });
    },
    onPickLink(e: WechatMiniprogram.CustomEvent<LinkView>) {
      const links = [...this.data.links, linkRow(e.detail)];
      this.setData({ links, linkTaken: links.map((l) => l.key), 'errors.links': '' });
    },
    removeLink(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      const links = this.data.links.filter((_, j) => j !== i);
      this.setData({ links, linkTaken: links.map((l) => l.key) });
    },

    // —— 图片 ——
    async addPhoto() {
      const s = state(this);
      this.setData({ uploading: true });
      const res = await pickPhotos(s.attachments.length, 9, s.memberId);
      s.attachments = [...s.attachments, ...res.fileIds];
      this.setData({ uploading: false, photos: [...this.data.photos, ...res.photos], 'errors.attachments': res.error });
    },
    removePhoto(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const s = state(this);
      const i = e.detail.index;
      s.attachments = s.attachments.filter((_, j) => j !== i);
      this.setData({ photos: this.data.photos.filter((_, j) => j !== i) });
    },

    // —— 保存 ——
    async save() {
      const s = state(this);
      const d = this.data;
      this.setData({ financeIssues: {}, reliefIssues: {} });
      // A figure that is not an amount has nothing to send: the editor marks it, the form says so.
      if ((d.financeOn && s.financeBad > 0) || (d.reliefOn && s.reliefBad > 0)) {
        this.setData({
          'errors.finance': d.financeOn && s.financeBad > 0 ? `有${s.financeBad}个金额写得不对，请按元填写数字` : '',
          'errors.relief': d.reliefOn && s.reliefBad > 0 ? `有${s.reliefBad}个金额写得不对，请按元填写数字` : '',
          formError: '',
        });
        return;
      }
      const category = s.categories[d.categoryIndex];
      const input: ContractInput<typeof draftItem> = {
        ...(s.itemId ? { itemId: s.itemId, draftVersion: s.draftVersion } : {}),
        categoryKey: category?.key ?? '',
        title: d.title.trim(),
        period: this.period(),
        body: d.body.trim(),
        finance: d.financeOn ? s.finance ?? NOTHING_TYPED : null,
        relief: d.reliefOn ? s.relief ?? { programme: '', form: 'surname', rows: [] } : null,
        attachments: s.attachments,
        links: d.links.map((l) => ({ kind: l.kind, refId: l.refId })),
      };
      const res = await form(this).submit(input);
      if (!res) return;
      if (!res.ok) {
        // An open editor shows the messages in its own rows; the line under it is for a closed one.
        const financeIssues = issuesUnder(res.error, 'finance');
        const reliefIssues = issuesUnder(res.error, 'relief');
        this.setData({
          financeIssues,
          reliefIssues,
          ...(d.financeOn && Object.keys(financeIssues).length > 0 ? { 'errors.finance': '' } : {}),
          ...(d.reliefOn && Object.keys(reliefIssues).length > 0 ? { 'errors.relief': '' } : {}),
        });
        return;
      }
      const item = res.data;
      s.itemId = item.itemId;
      s.draftVersion = item.draft?.draftVersion;
      const url = `/staff/disclosure-review/index?itemId=${encodeURIComponent(item.itemId)}`;
      if (s.fromReview) wx.navigateBack({ delta: 1 });
      else wx.redirectTo({ url });
    },
  },
});
