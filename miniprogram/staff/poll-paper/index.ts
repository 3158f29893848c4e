import { call } from '../../services/api';
import { confirmPaperBallot, enterPaperBallot, getPoll, pendingPaperBallots, pollRoll, type PaperBallotView, type PollRollEntryView, type PollView } from '../../core/poll/contract';
import { emptyErrors } from '../../services/form';
import { formKeys, formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { pagedList, prefixedKeys } from '../../services/paged-list';
import { allows } from '../../services/view';

type Tab = 'enter' | 'pending';
const ENTRY = ['unitKey', 'choice', 'openText', 'channel'] as const;
const REVIEW = ['choice', 'reject'] as const;

interface Choice {
  id: string;
  label: string;
  checked: boolean;
}
interface UnitRow {
  key: string;
  label: string;
  areaText: string;
  voted: boolean;
  votedText: string;
}
interface PendingRow {
  key: string;
  unitLabel: string;
  channelLabel: string;
  enteredText: string;
  mine: boolean;
}
type RollQuery = { pollId: string; search: string };

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; tab?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;

/** The roll's size comes with its first page; pagedList keeps only the rows. */
let lastTotal: number | undefined;

const units = pagedList({
  fetch: async (q: RollQuery, cursor) => {
    const res = await call(pollRoll, { pollId: q.pollId, search: q.search, cursor, limit: 20 });
    if (res.ok && !cursor) lastTotal = res.data.total;
    return res;
  },
  row: (u: PollRollEntryView): UnitRow => ({
    key: u.unitKey,
    label: u.label,
    areaText: u.areaText ?? '',
    voted: u.voted,
    votedText: u.voted ? `已投${u.channelLabel ? ` · ${u.channelLabel}` : ''}` : '',
  }),
  keys: prefixedKeys('units'),
});

const pending = pagedList({
  fetch: (pollId: string, cursor) => call(pendingPaperBallots, { pollId, cursor, limit: 20 }),
  // Who entered it and how, never what they chose: the second entry must be made blind.
  row: (b: PaperBallotView): PendingRow => ({ key: b.ballotId, unitLabel: b.unitLabel, channelLabel: b.channelLabel, enteredText: b.enteredByMe ? '本人录入，须由其他工作人员复核' : `录入：${b.enteredByName}`, mine: b.enteredByMe }),
  keys: prefixedKeys('pending'),
});

const state = instanceState(() => ({ pollId: '', poll: null as PollView | null, unitKey: '', reviewing: null as PaperBallotView | null }));

const entryForm = formSubmit(enterPaperBallot, { fields: ENTRY, keys: formKeys('entry') });
const reviewForm = formSubmit(confirmPaperBallot, { fields: REVIEW, keys: formKeys('review') });

const freshChoices = (p: PollView | null): Choice[] => (p?.options ?? []).map((o) => ({ id: o.id, label: o.label, checked: false }));

/** Ticks one option as the paper shows it: a single choice moves, several are capped at the most allowed. */
function toggled(choices: Choice[], i: number, multiple: boolean, max: number): { choices: Choice[]; capped: boolean } {
  if (!choices[i]) return { choices, capped: false };
  if (!multiple) return { choices: choices.map((c, j) => ({ ...c, checked: j === i ? !c.checked : false })), capped: false };
  const on = choices.filter((c) => c.checked).length;
  if (!choices[i].checked && on >= max) return { choices, capped: true };
  return { choices: choices.map((c, j) => (j === i ? { ...c, checked: !c.checked } : c)), capped: false };
}

const choiceOf = (choices: Choice[], abstain: boolean) => (abstain ? { abstain: true as const } : { optionIds: choices.filter((c) => c.checked).map((c) => c.id) });

/**
 * Paper ballots (and a meeting's person-by-person votes), in two steps by two people. 录入:
 * find the household on the poll's frozen roll by its room, by address — those already voted
 * by any channel show 已投 and cannot be picked — tick what the paper says (or 弃权) and send.
 * 待复核: another staff member takes the same paper, keys it in again without seeing the first
 * entry, and it counts only when both agree; or returns it with a reason. A mismatch is
 * shown as the server words it.
 */
Component({
  data: {
    loading: true,
    error: '',
    title: '',
    tab: 'enter' as Tab,
    canEnter: false,
    canPending: false,
    closedNote: '',
    multiple: false,
    maxPicks: 1,
    pickHint: '',
    openTextLabel: '',
    meetingToggle: false,
    meeting: false,
    search: '',
    rollTotal: '',
    units: [] as UnitRow[],
    unitsMore: false,
    unitsLoadingMore: false,
    unitsError: '',
    unitsMoreError: '',
    unitsLoaded: false,
    picked: '',
    choices: [] as Choice[],
    abstain: false,
    openText: '',
    entryErrors: emptyErrors(ENTRY),
    entryError: '',
    entered: '',
    saving: false,
    pending: [] as PendingRow[],
    pendingMore: false,
    pendingLoadingMore: false,
    pendingError: '',
    pendingMoreError: '',
    pendingLoaded: false,
    reviewOpen: false,
    reviewLabel: '',
    reviewChoices: [] as Choice[],
    reviewAbstain: false,
    rejectOpen: false,
    rejectReason: '',
    reviewErrors: emptyErrors(REVIEW),
    reviewError: '',
    reviewed: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).pollId = query.pollId ? decodeURIComponent(query.pollId) : '';
      this.setData({ tab: query.tab === 'pending' ? 'pending' : 'enter' });
      void this.load();
    },
    async load() {
      const s = state(this);
      if (!s.pollId) {
        this.setData({ loading: false, error: '没有找到这个投票' });
        return;
      }
      this.setData({ loading: true, error: '' });
      const res = await call(getPoll, { pollId: s.pollId });
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      const p = res.data;
      s.poll = p;
      const paper = p.channels.includes('paper');
      const meetingOnly = !paper && p.channels.includes('meeting');
      const canEnter = allows(p.allowedActions, 'poll.enterPaperBallot');
      this.setData({
        loading: false,
        title: p.title,
        canEnter,
        canPending: allows(p.allowedActions, 'poll.pendingPaper', 'poll.confirmPaperBallot'),
        closedNote: canEnter ? '' : p.status === 'scheduled' ? '投票还没开始，开始后才能录入。' : '投票已结束，不能再录入；待复核的选票仍可复核。',
        multiple: p.multiple,
        maxPicks: p.maxPicks,
        pickHint: p.multiple ? (p.minPicks === p.maxPicks ? `请选${p.maxPicks}项` : `可选${p.minPicks}到${p.maxPicks}项`) : '单选',
        openTextLabel: p.openTextLabel ?? '',
        meetingToggle: paper && p.channels.includes('meeting'),
        meeting: meetingOnly,
        choices: freshChoices(p),
        reviewChoices: freshChoices(p),
      });
      if (this.data.tab === 'pending') await this.loadPending();
      else if (canEnter) await this.loadUnits();
    },
    async loadUnits() {
      lastTotal = undefined;
      const shown = await units(this).reload({ pollId: state(this).pollId, search: this.data.search.trim() });
      if (shown && lastTotal !== undefined) this.setData({ rollTotal: this.data.search.trim() ? `找到${lastTotal}户` : `名册共${lastTotal}户` });
    },
    async loadPending() {
      await pending(this).reload(state(this).pollId);
    },
    switchTab(e: Tap) {
      const tab: Tab = e.currentTarget.dataset.tab === 'pending' ? 'pending' : 'enter';
      if (tab === this.data.tab) return;
      this.setData({ tab, entered: '', reviewed: '' });
      // Each visit reads its list again: the other tab's work may have changed it.
      if (tab === 'pending') void this.loadPending();
      else if (this.data.canEnter) void this.loadUnits();
    },

    // —— 录入 ——
    onSearch(e: FieldInput) {
      this.setData({ search: e.detail.value });
    },
    search() {
      void this.loadUnits();
    },
    moreUnits() {
      void units(this).loadMore();
    },
    pick(e: Tap) {
      const u = units(this).items[Number(e.currentTarget.dataset.index)];
      if (!u || u.voted) return;
      state(this).unitKey = u.unitKey;
      entryForm(this).clear();
      // The ballot takes the roll's place; a row picked far down must not leave it out of sight.
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
      this.setData({ picked: u.label, choices: freshChoices(state(this).poll), abstain: false, openText: '', entered: '' });
    },
    unpick() {
      state(this).unitKey = '';
      this.setData({ picked: '' });
    },
    toggle(e: Tap) {
      const { choices, capped } = toggled(this.data.choices, Number(e.currentTarget.dataset.index), this.data.multiple, this.data.maxPicks);
      this.setData({ choices, abstain: false, 'entryErrors.choice': capped ? `最多选${this.data.maxPicks}项` : '' });
    },
    toggleAbstain() {
      const abstain = !this.data.abstain;
      this.setData({ abstain, choices: abstain ? freshChoices(state(this).poll) : this.data.choices, 'entryErrors.choice': '' });
    },
    onOpenText(e: FieldInput) {
      this.setData({ openText: e.detail.value, 'entryErrors.openText': '' });
    },
    onMeeting(e: WechatMiniprogram.SwitchChange) {
      this.setData({ meeting: e.detail.value, 'entryErrors.channel': '' });
    },
    /** Picks short of the least allowed, said before sending (the server would say it too). */
    tooFew(choices: Choice[], abstain: boolean): string {
      const p = state(this).poll;
      const n = choices.filter((c) => c.checked).length;
      return p && !abstain && n > 0 && n < p.minPicks ? `这次投票至少要选${p.minPicks}项` : '';
    },
    async submitEntry() {
      if (this.data.saving) return;
      const s = state(this);
      if (!s.unitKey) {
        this.setData({ 'entryErrors.unitKey': '请先在上面的名册里选出这张选票的户' });
        return;
      }
      const d = this.data;
      const few = this.tooFew(d.choices, d.abstain);
      if (few) {
        this.setData({ 'entryErrors.choice': few });
        return;
      }
      const input = { pollId: s.pollId, unitKey: s.unitKey, channel: d.meeting ? ('meeting' as const) : ('paper' as const), choice: choiceOf(d.choices, d.abstain), ...(d.openTextLabel && d.openText.trim() ? { openText: d.openText } : {}) };
      const res = await entryForm(this).submit(input);
      if (!res?.ok) return;
      const b = res.data;
      const at = units(this).items.findIndex((u) => u.unitKey === s.unitKey);
      if (at >= 0) units(this).put({ ...units(this).items[at], voted: true, channelLabel: b.channelLabel }, (x, y) => x.unitKey === y.unitKey);
      s.unitKey = '';
      this.setData({
        picked: '',
        choices: freshChoices(s.poll),
        abstain: false,
        openText: '',
        entered: b.pending ? `已录入${b.unitLabel}的${b.channelLabel}，等另一位工作人员复核一致后计入` : `已计入${b.unitLabel}的${b.channelLabel}`,
      });
    },

    // —— 待复核 ——
    morePending() {
      void pending(this).loadMore();
    },
    openReview(e: Tap) {
      const b = pending(this).items[Number(e.currentTarget.dataset.index)];
      // The second keying is someone else's: one's own entry is listed, not opened.
      if (!b || b.enteredByMe) return;
      state(this).reviewing = b;
      reviewForm(this).clear();
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
      this.setData({ reviewOpen: true, reviewLabel: `${b.unitLabel} · ${b.channelLabel}`, reviewChoices: freshChoices(state(this).poll), reviewAbstain: false, rejectOpen: false, rejectReason: '', reviewed: '' });
    },
    closeReview() {
      state(this).reviewing = null;
      this.setData({ reviewOpen: false, rejectOpen: false });
    },
    toggleReview(e: Tap) {
      const { choices, capped } = toggled(this.data.reviewChoices, Number(e.currentTarget.dataset.index), this.data.multiple, this.data.maxPicks);
      this.setData({ reviewChoices: choices, reviewAbstain: false, 'reviewErrors.choice': capped ? `最多选${this.data.maxPicks}项` : '' });
    },
    toggleReviewAbstain() {
      const abstain = !this.data.reviewAbstain;
      this.setData({ reviewAbstain: abstain, reviewChoices: abstain ? freshChoices(state(this).poll) : this.data.reviewChoices, 'reviewErrors.choice': '' });
    },
    async confirmReview() {
      const b = state(this).reviewing;
      if (!b || this.data.saving) return;
      const d = this.data;
      const few = this.tooFew(d.reviewChoices, d.reviewAbstain);
      if (few) {
        this.setData({ 'reviewErrors.choice': few });
        return;
      }
      const res = await reviewForm(this).submit({ ballotId: b.ballotId, choice: choiceOf(d.reviewChoices, d.reviewAbstain) });
      if (!res) return;
      if (!res.ok) {
        // A mismatch (or the same person reviewing) is the server's to word; the list may have moved.
        if (res.error.code === 'CONFLICT' || res.error.code === 'FORBIDDEN') {
          state(this).reviewing = null;
          this.setData({ reviewOpen: false });
          await this.loadPending();
        }
        return;
      }
      this.settled(b, `${b.unitLabel}的选票两次录入一致，已计入`);
    },
    openReject() {
      this.setData({ rejectOpen: true });
    },
    onRejectReason(e: FieldInput) {
      this.setData({ rejectReason: e.detail.value, 'reviewErrors.reject': '' });
    },
    async submitReject() {
      const b = state(this).reviewing;
      if (!b || this.data.saving) return;
      const reject = this.data.rejectReason.trim();
      if (reject.length < 2) {
        this.setData({ 'reviewErrors.reject': '请填写退回原因（至少2个字），录入人会看到' });
        return;
      }
      const res = await reviewForm(this).submit({ ballotId: b.ballotId, reject });
      if (!res?.ok) return;
      this.settled(b, `已退回${b.unitLabel}的选票，需重新录入`);
    },
    settled(b: PaperBallotView, message: string) {
      state(this).reviewing = null;
      pending(this).remove((x) => x.ballotId === b.ballotId);
      this.setData({ reviewOpen: false, rejectOpen: false, rejectReason: '', reviewed: message });
    },
  },
});
