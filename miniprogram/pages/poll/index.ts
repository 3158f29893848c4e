import { call } from '../../services/api';
import { getPoll, vote, type MyBallotView, type PollView } from '../../core/poll/contract';
import { SECRET_LABELS } from '../../core/poll/vocabulary';
import { dateText } from '../../services/dates';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { choiceProblem, pickHint, pollTone, receiptView, stageNote, statusStage, votedByOtherText, type ReceiptView } from '../../services/poll-view';

const FIELDS = ['choice', 'openText'] as const;
const voteForm = formSubmit(vote, { fields: FIELDS, keys: { errors: 'errors', message: 'voteError', busy: 'sending' } });

/** What the ballot part of the page shows. */
type Mode = '' | 'cannot' | 'byOther' | 'pickUnit' | 'vote' | 'receipt';

interface OptionRow {
  id: string;
  label: string;
  on: boolean;
}

/** The poll as read and the picks so far: kept out of setData, which carries words only. */
const state = instanceState(() => ({ poll: null as PollView | null, picked: [] as string[] }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; key?: string }>;

/**
 * One poll, as a resident takes part: what it decides and how, then — while it is open and
 * the caller's household (or unit) has not voted — the choice, a confirm step that lists
 * what will be sent, and the receipt. A secret ballot's receipt never shows the choice.
 * The result lives on pages/poll-result; here only where it stands.
 */
Component({
  data: {
    pollId: '',
    loaded: false,
    loadError: '',
    title: '',
    description: '',
    statusLabel: '',
    tone: 'muted',
    unitLabel: '',
    ballotLabel: '',
    eligibilityText: '',
    ruleText: '',
    opensText: '',
    closesText: '',
    participationText: '',
    stageText: '',
    published: false,
    mode: '' as Mode,
    cannotText: '',
    byOtherText: '',
    receipt: null as ReceiptView | null,
    units: [] as Array<{ key: string; label: string; voted: boolean }>,
    unitKey: '',
    chosenUnit: '',
    options: [] as OptionRow[],
    multiple: false,
    pickHint: '',
    abstain: false,
    openTextLabel: '',
    openText: '',
    confirming: false,
    confirmLines: [] as string[],
    errors: emptyErrors(FIELDS),
    voteError: '',
    sending: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ pollId: query.pollId ?? '' });
      // Read once here, not on every show: coming back to the page must not wipe a choice in progress.
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      const res = await call(getPoll, { pollId: this.data.pollId });
      if (!res.ok) {
        this.setData({ loaded: true, loadError: res.error.message });
        return;
      }
      this.show(res.data);
    },
    show(p: PollView) {
      const now = Date.now();
      state(this).poll = p;
      state(this).picked = [];
      this.setData({
        loaded: true,
        loadError: '',
        title: p.title,
        description: p.description,
        statusLabel: p.statusLabel,
        tone: pollTone(p.status),
        unitLabel: p.unitLabel,
        ballotLabel: p.ballotLabel || (p.secret ? SECRET_LABELS.secret : SECRET_LABELS.open),
        eligibilityText: p.eligibility.text,
        ruleText: p.ruleText,
        opensText: dateText(p.opensAt, now),
        closesText: dateText(p.closesAt, now),
        participationText: p.status === 'scheduled' ? '' : p.participationText,
        stageText: stageNote(statusStage(p.status)),
        published: p.status === 'published',
        options: p.options.map((o) => ({ id: o.id, label: o.label, on: false })),
        multiple: p.multiple,
        pickHint: pickHint(p),
        abstain: false,
        openTextLabel: p.openTextLabel ?? '',
        openText: '',
        confirming: false,
        errors: emptyErrors(FIELDS),
      });
      this.showBallot(p.myBallot);
    },
    /** The ballot part, from the caller's ballot as the server last said it. */
    showBallot(b: MyBallotView | null) {
      const p = state(this).poll;
      if (!p) return;
      const now = Date.now();
      const open = p.status === 'open';
      const receipt = b && b.voted && b.byMe ? receiptView(b, p.secret, now) : null;
      const units = (b?.units ?? []).map((u) => ({ key: u.unitKey, label: u.label, voted: u.voted }));
      let mode: Mode = '';
      if (open && !b) mode = 'cannot';
      else if (open && b?.cannotVote) mode = 'cannot';
      else if (open && units.length > 1 && units.some((u) => !u.voted)) mode = 'pickUnit';
      else if (receipt) mode = 'receipt';
      else if (b?.voted) mode = 'byOther';
      else if (open) mode = 'vote';
      this.setData({
        mode,
        receipt,
        units,
        unitKey: '',
        chosenUnit: '',
        cannotText: b?.cannotVote ?? (open && !b ? '您不在这次投票的名册上，不能投票' : ''),
        byOtherText: b && b.voted && !b.byMe ? votedByOtherText(b, p.unit, now) : '',
      });
    },
    pickUnit(e: Tap) {
      const unit = this.data.units.find((u) => u.key === e.currentTarget.dataset.key);
      if (!unit || unit.voted) return;
      this.setData({ unitKey: unit.key, chosenUnit: unit.label, mode: 'vote', voteError: '' });
    },
    backToUnits() {
      this.setData({ mode: 'pickUnit', unitKey: '', chosenUnit: '', confirming: false });
    },
    pick(e: Tap) {
      const p = state(this).poll;
      const id = e.currentTarget.dataset.id;
      if (!p || !id || this.data.confirming) return;
      const s = state(this);
      let picked: string[];
      if (!p.multiple) picked = [id];
      else if (s.picked.includes(id)) picked = s.picked.filter((x) => x !== id);
      else if (s.picked.length >= p.maxPicks) {
        // Held back here, not at the server: the resident sees why the tap did nothing.
        this.setData({ 'errors.choice': `最多选择${p.maxPicks}项，请先取消一项` });
        return;
      } else picked = [...s.picked, id];
      s.picked = picked;
      this.setData({
        abstain: false,
        options: this.data.options.map((o) => ({ ...o, on: picked.includes(o.id) })),
        'errors.choice': '',
        voteError: '',
      });
    },
    pickAbstain() {
      if (this.data.confirming) return;
      state(this).picked = [];
      this.setData({ abstain: true, options: this.data.options.map((o) => ({ ...o, on: false })), 'errors.choice': '', voteError: '' });
    },
    onOpenText(e: WechatMiniprogram.Input) {
      this.setData({ openText: e.detail.value, 'errors.openText': '' });
    },
    /** The confirm step: nothing is sent until the resident has read what will be. */
    ask() {
      const p = state(this).poll;
      if (!p) return;
      const picked = state(this).picked;
      const problem = choiceProblem(p, picked.length, this.data.abstain);
      if (problem) {
        this.setData({ 'errors.choice': problem, voteError: '' });
        return;
      }
      const labels = this.data.abstain ? ['弃权'] : p.options.filter((o) => picked.includes(o.id)).map((o) => o.label);
      const lines = [...(this.data.chosenUnit ? [`房屋：${this.data.chosenUnit}`] : []), `您的选择：${labels.join('、')}`];
      if (this.data.openText.trim()) lines.push(`${this.data.openTextLabel || '补充意见'}：${this.data.openText.trim()}`);
      this.setData({ confirming: true, confirmLines: lines, voteError: '', errors: emptyErrors(FIELDS) });
    },
    cancelConfirm() {
      this.setData({ confirming: false });
    },
    async send() {
      const p = state(this).poll;
      if (!p) return;
      const picked = state(this).picked;
      const text = this.data.openText.trim();
      const res = await voteForm(this).submit({
        pollId: p.id,
        choice: this.data.abstain ? { abstain: true } : { optionIds: picked },
        ...(text ? { openText: text } : {}),
        ...(this.data.unitKey ? { unitKey: this.data.unitKey } : {}),
      });
      if (!res) return;
      this.setData({ confirming: false });
      if (!res.ok) {
        // Closed meanwhile, or someone of the household was quicker: the poll as it now stands
        // replaces the form; the server's words stay above it.
        if (res.error.code === 'CLOSED' || res.error.code === 'CONFLICT') await this.reloadKeepingMessage();
        return;
      }
      state(this).picked = [];
      this.setData({ abstain: false, openText: '', options: this.data.options.map((o) => ({ ...o, on: false })) });
      this.showBallot(res.data);
    },
    async reloadKeepingMessage() {
      const message = this.data.voteError;
      await this.load();
      this.setData({ voteError: message });
    },
    goResult() {
      wx.navigateTo({ url: `/pages/poll-result/index?pollId=${encodeURIComponent(this.data.pollId)}` });
    },
  },
});
