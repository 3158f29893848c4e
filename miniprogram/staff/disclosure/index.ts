import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { disclosureCalendar, getItem, listItems, listQuestions, opinionQueue, type ItemSummaryView, type ItemView, type QuestionView } from '../../core/disclosure/contract';
import { dateText } from '../../services/dates';
import { instanceState } from '../../services/page-state';
import { pagedList, prefixedKeys } from '../../services/paged-list';
import { allows } from '../../services/view';
import { dueGroups, itemRow, monthKey, monthText, questionRow, rateLines, shiftMonth, type DueGroup } from './view';

const PAGE_SIZE = 20;
type Tab = 'calendar' | 'drafts' | 'published' | 'objections' | 'questions';
const TABS: { tab: Tab; label: string }[] = [
  { tab: 'calendar', label: '公开日历' },
  { tab: 'drafts', label: '草稿' },
  { tab: 'published', label: '已公开' },
  { tab: 'objections', label: '监督异议' },
  { tab: 'questions', label: '居民提问' },
];
type ListTab = Exclude<Tab, 'calendar'>;

const rowNow = () => Date.now();
const drafts = pagedList({
  fetch: (_q: undefined, cursor) => call(listItems, { when: 'drafts', cursor, limit: PAGE_SIZE }),
  row: (i: ItemSummaryView) => itemRow(i, rowNow()),
  keys: prefixedKeys('drafts'),
});
const published = pagedList({
  fetch: (_q: undefined, cursor) => call(listItems, { when: 'published', cursor, limit: PAGE_SIZE }),
  row: (i: ItemSummaryView) => itemRow(i, rowNow()),
  keys: prefixedKeys('published'),
});
const objections = pagedList({
  fetch: (_q: undefined, cursor) => call(opinionQueue, { when: 'objections', cursor, limit: PAGE_SIZE }),
  row: (i: ItemSummaryView) => itemRow(i, rowNow()),
  keys: prefixedKeys('objections'),
});
const questions = pagedList({
  fetch: (_q: undefined, cursor) => call(listQuestions, { when: 'open', cursor, limit: PAGE_SIZE }),
  row: (q: QuestionView) => questionRow(q, rowNow()),
  keys: prefixedKeys('questions'),
  sameItem: (a, b) => a.questionId === b.questionId,
});
const lists = { drafts, published, objections, questions };

interface ObjectionRow {
  opinionId: string;
  memberName: string;
  text: string;
  atText: string;
}

const state = instanceState(() => ({ month: '' }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { tab?: string; id?: string; category?: string }>;

/**
 * 居务公开 for staff: the calendar of what is due this month by category (with who has been
 * told of what is late) and the month's 公开及时率 with both counts; drafts waiting for review;
 * what is up; the committee's open objections and residents' open questions, each answered
 * here. Each list is its own tab, read when first opened.
 */
Component({
  data: {
    loaded: false,
    error: '',
    tabs: TABS,
    tab: 'calendar' as Tab,
    canDraft: false,
    canCommittee: false,
    // 日历
    month: '',
    monthText: '',
    atThisMonth: true,
    calendarLoading: false,
    calendarError: '',
    rateText: '',
    countsText: '',
    groups: [] as DueGroup[],
    // 列表
    drafts: [] as ReturnType<typeof itemRow>[],
    draftsMore: false,
    draftsLoadingMore: false,
    draftsError: '',
    draftsMoreError: '',
    draftsLoaded: false,
    published: [] as ReturnType<typeof itemRow>[],
    publishedMore: false,
    publishedLoadingMore: false,
    publishedError: '',
    publishedMoreError: '',
    publishedLoaded: false,
    objections: [] as ReturnType<typeof itemRow>[],
    objectionsMore: false,
    objectionsLoadingMore: false,
    objectionsError: '',
    objectionsMoreError: '',
    objectionsLoaded: false,
    questions: [] as ReturnType<typeof questionRow>[],
    questionsMore: false,
    questionsLoadingMore: false,
    questionsError: '',
    questionsMoreError: '',
    questionsLoaded: false,
    // 一项的异议
    openItemId: '',
    openObjections: [] as ObjectionRow[],
    openLoading: false,
    openError: '',
    saved: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const tab = TABS.find((t) => t.tab === query.tab)?.tab;
      if (tab) this.setData({ tab });
      void this.init();
    },
    onShow() {
      // Back from a draft or a review: what is due and what waits may have changed.
      if (this.data.loaded && !this.data.error) void this.reload();
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      if (this.data.tab !== 'calendar') void lists[this.data.tab](this).loadMore();
    },
    async init() {
      const me = await call(getMe, {});
      if (!me.ok) {
        this.setData({ loaded: true, error: me.error.message });
        return;
      }
      state(this).month = monthKey(Date.now());
      this.setData({
        loaded: true,
        error: '',
        canDraft: allows(me.data.allowedActions, 'disclosure.draft'),
        canCommittee: allows(me.data.allowedActions, 'supervision.committee'),
      });
      await this.reload();
    },
    async reload() {
      if (this.data.tab === 'calendar') await this.loadCalendar();
      else await lists[this.data.tab](this).reload();
    },
    async switchTab(e: Tap) {
      const tab = TABS.find((t) => t.tab === e.currentTarget.dataset.tab)?.tab;
      if (!tab || tab === this.data.tab) return;
      this.setData({ tab, saved: '', openItemId: '' });
      if (tab === 'calendar') await this.loadCalendar();
      else if (!lists[tab](this).loaded) await lists[tab](this).reload();
    },

    // —— 公开日历 ——
    async loadCalendar() {
      const month = state(this).month;
      const now = Date.now();
      this.setData({ calendarLoading: true, month, monthText: monthText(month), atThisMonth: month >= monthKey(now) });
      const res = await call(disclosureCalendar, { month });
      if (state(this).month !== month) return;
      if (!res.ok) {
        this.setData({ calendarLoading: false, calendarError: res.error.message });
        return;
      }
      const lines = rateLines(res.data.rate);
      this.setData({ calendarLoading: false, calendarError: '', rateText: lines.rateText, countsText: lines.countsText, groups: dueGroups(res.data.dues, now) });
    },
    async prevMonth() {
      state(this).month = shiftMonth(state(this).month, -1);
      await this.loadCalendar();
    },
    async nextMonth() {
      if (this.data.atThisMonth) return;
      state(this).month = shiftMonth(state(this).month, 1);
      await this.loadCalendar();
    },
    /** A due with its item opens the item; one without starts a draft in its category. */
    openDue(e: Tap) {
      const id = e.currentTarget.dataset.id;
      const category = e.currentTarget.dataset.category;
      if (id) wx.navigateTo({ url: `/staff/disclosure-review/index?itemId=${encodeURIComponent(id)}` });
      else if (category && this.data.canDraft) wx.navigateTo({ url: `/staff/disclosure-edit/index?categoryKey=${encodeURIComponent(category)}` });
    },
    newItem() {
      wx.navigateTo({ url: '/staff/disclosure-edit/index' });
    },
    openCommittee() {
      wx.navigateTo({ url: '/staff/committee/index' });
    },
    openItem(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/staff/disclosure-review/index?itemId=${encodeURIComponent(id)}` });
    },
    loadMore() {
      if (this.data.tab !== 'calendar') void lists[this.data.tab as ListTab](this).loadMore();
    },

    // —— 监督异议 ——
    /** Unfolds an item's open objections, each with its answer box; a second tap folds it. */
    async toggleObjections(e: Tap) {
      const id = e.currentTarget.dataset.id ?? '';
      if (!id || id === this.data.openItemId) {
        this.setData({ openItemId: '' });
        return;
      }
      this.setData({ openItemId: id, openObjections: [], openLoading: true, openError: '', saved: '' });
      const res = await call(getItem, { itemId: id });
      if (this.data.openItemId !== id) return;
      if (!res.ok) {
        this.setData({ openLoading: false, openError: res.error.message });
        return;
      }
      this.showObjections(res.data);
    },
    showObjections(item: ItemView) {
      const now = Date.now();
      const open = item.opinions.filter((o) => o.stance === 'objection' && o.response === null);
      this.setData({
        openLoading: false,
        openObjections: open.map((o) => ({ opinionId: o.opinionId, memberName: o.memberName, text: o.text, atText: `第${o.versionNumber}版 · ${dateText(o.at, now)}` })),
      });
    },
    onResponded(e: WechatMiniprogram.CustomEvent<ItemView>) {
      const item = e.detail;
      this.showObjections(item);
      this.setData({ saved: '已答复，居务监督委员会和居民都能看到' });
      // Every objection of the item answered: it leaves the list.
      if (item.opinions.every((o) => o.stance !== 'objection' || o.response !== null)) {
        objections(this).remove((x) => x.itemId === item.itemId);
        this.setData({ openItemId: '' });
      }
    },

    // —— 居民提问 ——
    onAnswered(e: WechatMiniprogram.CustomEvent<QuestionView>) {
      const q = e.detail;
      questions(this).remove((x) => x.questionId === q.questionId);
      this.setData({ saved: '已答复，已告知提问的居民并抄送居务监督委员会' });
    },
  },
});
