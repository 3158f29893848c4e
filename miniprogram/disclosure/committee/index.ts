import { call } from '../../services/api';
import { opinionQueue, type ItemSummaryView, type ItemView } from '../../core/disclosure/contract';
import { getCommittee, type CommitteeView } from '../../core/disclosure/supervision-contract';
import { instanceState } from '../../services/page-state';
import { pagedList } from '../../services/paged-list';
import { dayText, itemRow, sitsToday, termText } from '../view';

type When = 'awaiting' | 'objections';

const queue = pagedList({
  fetch: (when: When, cursor) => call(opinionQueue, { when, cursor, limit: 20 }),
  row: (s: ItemSummaryView) => ({ ...itemRow(s, Date.now(), true), versionLabel: `第${s.versionNumber}版` }),
  keys: { items: 'queue', more: 'queueMore', loadingMore: 'queueLoadingMore', error: 'queueError', moreError: 'queueMoreError', loaded: 'queueLoaded' },
});

const state = instanceState(() => ({ committee: null as CommitteeView | null, shown: false }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; when?: string }>;
type OpinionDone = WechatMiniprogram.CustomEvent<{ item: ItemView }>;

interface MemberRow {
  key: string;
  name: string;
  positionLabel: string;
  isMe: boolean;
  chair: boolean;
}

/**
 * 居务监督委员会: who sits on it this term, how they were chosen, from when to when, and
 * earlier terms. A member who sits today also gets their work: the items waiting for their
 * opinion (each with the opinion form, or opened in full first) and the objections the
 * community has not answered yet.
 */
Component({
  data: {
    loaded: false,
    error: '',
    statusText: '',
    chosenText: '',
    termText: '',
    members: [] as MemberRow[],
    past: [] as Array<{ key: string; text: string; chosenByLabel: string }>,
    sits: false,
    when: 'awaiting' as When,
    queue: [] as ReturnType<typeof itemRow>[],
    queueLoaded: false,
    queueError: '',
    queueMore: false,
    queueLoadingMore: false,
    queueMoreError: '',
    /** The queue row whose opinion form is open (-1: none). */
    openIndex: -1,
    formItemId: '',
    formVersion: 0,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onShow() {
      // Back from reading an item (perhaps giving the opinion there): the queue should follow.
      const s = state(this);
      if (s.shown && this.data.sits) void this.reloadQueue();
      s.shown = true;
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      if (this.data.sits) void queue(this).loadMore();
    },
    loadMore() {
      return queue(this).loadMore();
    },
    async load() {
      const res = await call(getCommittee, {});
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      const c = res.data;
      state(this).committee = c;
      const t = termText(c);
      const sits = sitsToday(c);
      this.setData({
        loaded: true,
        error: '',
        statusText: t.statusText,
        chosenText: t.chosenText,
        termText: t.termText,
        // The chair first, then members in the order the term lists them.
        members: c.members
          .map((m, i) => ({ key: `m${i}`, name: m.name, positionLabel: m.positionLabel, isMe: m.isMe, chair: m.position === 'chair' }))
          .sort((a, b) => Number(b.chair) - Number(a.chair)),
        past: c.past.map((p, i) => ({ key: `p${i}`, text: `${dayText(p.startsOn)} 至 ${dayText(p.endsOn)}`, chosenByLabel: p.chosenByLabel })),
        sits,
      });
      if (sits) await this.reloadQueue();
    },
    retry() {
      void this.load();
    },
    reloadQueue() {
      this.setData({ openIndex: -1 });
      return queue(this).reload(this.data.when);
    },
    pickTab(e: Tap) {
      const when: When = e.currentTarget.dataset.when === 'objections' ? 'objections' : 'awaiting';
      if (when === this.data.when) return;
      this.setData({ when });
      queue(this).clear();
      void this.reloadQueue();
    },
    openForm(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      const s = queue(this).items[i];
      if (!s) return;
      this.setData(this.data.openIndex === i ? { openIndex: -1 } : { openIndex: i, formItemId: s.itemId, formVersion: s.versionNumber });
    },
    openItem(e: Tap) {
      const s = queue(this).items[Number(e.currentTarget.dataset.index)];
      if (s) wx.navigateTo({ url: `/disclosure/item/index?itemId=${encodeURIComponent(s.itemId)}` });
    },
    onOpinion(e: OpinionDone) {
      const itemId = e.detail.item.itemId;
      this.setData({ openIndex: -1 });
      queue(this).remove((s) => s.itemId === itemId);
    },
  },
});
