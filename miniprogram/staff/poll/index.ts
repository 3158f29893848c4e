import { call } from '../../services/api';
import { cancelPoll, closePoll, getPoll, pollResults, publishPoll, recordHands, type PollResultView, type PollView } from '../../core/poll/contract';
import type { Envelope } from '../../core/envelope';
import { emptyErrors } from '../../services/form';
import { formKeys, formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { allows, type Tone } from '../../services/view';
import { channelsText, pollTone, resultBlock, ruleSentences, whenText, type ResultBlock } from '../polls/view';

const REASON = ['reason'] as const;
const HANDS = ['present', 'counts', 'abstain'] as const;

interface Fact {
  label: string;
  value: string;
}
interface CountRow {
  id: string;
  label: string;
  value: string;
}

type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string; index?: number }>;

const state = instanceState(() => ({ pollId: '', poll: null as PollView | null }));

const closeForm = formSubmit(closePoll, { fields: REASON, keys: formKeys('close') });
const cancelForm = formSubmit(cancelPoll, { fields: REASON, keys: formKeys('cancel') });
const publishForm = formSubmit(publishPoll, { fields: [], keys: formKeys('publish') });
const handsForm = formSubmit(recordHands, { fields: HANDS, keys: formKeys('hands') });

const ask = (title: string, content: string, confirmText: string, warn = false): Promise<boolean> =>
  new Promise((resolve) =>
    wx.showModal({ title, content, confirmText, cancelText: '再想想', ...(warn ? { confirmColor: '#c62828' } : {}), success: (r) => resolve(r.confirm), fail: () => resolve(false) }),
  );

function facts(p: PollView, now: number): Fact[] {
  return [
    { label: '计票单位', value: p.unitLabel },
    { label: '投票范围', value: p.eligibility.text },
    { label: '记名', value: p.ballotLabel },
    { label: '选项', value: `${p.options.map((o) => o.label).join('、')}${p.multiple ? `（可选${p.minPicks === p.maxPicks ? p.maxPicks : `${p.minPicks}到${p.maxPicks}`}项）` : '（单选）'}` },
    { label: '投票方式', value: channelsText(p.channels) },
    { label: '时间', value: whenText(p, now) },
    { label: '名册', value: p.rollSize === null ? '投票开始时冻结' : `已冻结，共${p.rollSize}${p.unit === 'person' ? '人' : p.unit === 'household' ? '户' : '套'}` },
    { label: '发起人', value: p.createdByName },
  ];
}

/**
 * One poll for the staff running it: what it asks, who counts and under which rule (in
 * words), the frozen roll's size and how many have voted — never a count of choices while it
 * runs — and the steps the server allows: 结束投票 (early: with a reason), 撤销 before it
 * opens, 公布结果 (another admin than its starter), paper entry and review, and a meeting's
 * show of hands. After it closes, the sealed result: every line of the rule's arithmetic,
 * the explanation as the server wrote it, ballots per channel, open answers, for open
 * ballots who chose what, and the roll's hash.
 */
Component({
  data: {
    loading: true,
    error: '',
    title: '',
    description: '',
    status: '' as PollView['status'] | '',
    statusLabel: '',
    tone: 'muted' as Tone,
    ruleText: '',
    ruleLines: [] as string[],
    facts: [] as Fact[],
    participationText: '',
    canClose: false,
    canCancel: false,
    canPublish: false,
    canPaper: false,
    canPending: false,
    canHands: false,
    early: false,
    saved: '',
    saving: false,
    closeOpen: false,
    closeReason: '',
    closeErrors: emptyErrors(REASON),
    closeError: '',
    cancelOpen: false,
    cancelReason: '',
    cancelErrors: emptyErrors(REASON),
    cancelError: '',
    publishErrors: {},
    publishError: '',
    present: '',
    counts: [] as CountRow[],
    abstain: '',
    handsErrors: emptyErrors(HANDS),
    handsError: '',
    stageText: '',
    result: null as ResultBlock | null,
    resultsError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).pollId = query.pollId ? decodeURIComponent(query.pollId) : '';
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      const s = state(this);
      if (!s.pollId) {
        this.setData({ loading: false, error: '没有找到这个投票' });
        return;
      }
      const [poll, results] = await Promise.all([call(getPoll, { pollId: s.pollId }), call(pollResults, { pollId: s.pollId })]);
      if (!poll.ok) {
        this.setData({ loading: false, error: poll.error.message });
        return;
      }
      this.setData({ loading: false, error: '' });
      this.fill(poll.data);
      this.showResults(results);
    },
    fill(p: PollView) {
      const s = state(this);
      s.poll = p;
      const now = Date.now();
      const a = p.allowedActions;
      const keep = new Map(this.data.counts.map((c) => [c.id, c.value]));
      this.setData({
        title: p.title,
        description: p.description,
        status: p.status,
        statusLabel: p.statusLabel,
        tone: pollTone(p.status),
        ruleText: p.ruleText,
        ruleLines: ruleSentences(p.rule, p.unit),
        facts: facts(p, now),
        participationText: p.status === 'scheduled' || p.status === 'cancelled' ? '' : p.participationText,
        canClose: allows(a, 'poll.close'),
        canCancel: allows(a, 'poll.cancel'),
        canPublish: allows(a, 'poll.publish'),
        canPaper: allows(a, 'poll.enterPaperBallot'),
        canPending: allows(a, 'poll.pendingPaper', 'poll.confirmPaperBallot'),
        canHands: allows(a, 'poll.recordHands') && p.channels.includes('hands'),
        early: now < p.closesAt,
        counts: p.options.map((o) => ({ id: o.id, label: o.label, value: keep.get(o.id) ?? '' })),
      });
    },
    showResults(res: Envelope<PollResultView>) {
      const p = state(this).poll;
      if (!res.ok) {
        this.setData({ resultsError: res.error.message });
        return;
      }
      this.setResults(res.data, p);
    },
    setResults(r: PollResultView, p: PollView | null) {
      this.setData({
        resultsError: '',
        stageText: r.stageText,
        result: r.result && p ? resultBlock(r.result, p.unit) : null,
      });
    },
    async reloadResults() {
      const s = state(this);
      this.showResults(await call(pollResults, { pollId: s.pollId }));
    },
    async reloadPoll() {
      const s = state(this);
      const res = await call(getPoll, { pollId: s.pollId });
      if (res.ok) this.fill(res.data);
    },
    onField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (field === 'closeReason') this.setData({ closeReason: e.detail.value, 'closeErrors.reason': '' });
      else if (field === 'cancelReason') this.setData({ cancelReason: e.detail.value, 'cancelErrors.reason': '' });
      else if (field === 'present' || field === 'abstain') this.setData({ [field]: e.detail.value, [`handsErrors.${field}`]: '' });
    },
    onCount(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      if (!this.data.counts[i]) return;
      this.setData({ [`counts[${i}].value`]: e.detail.value, 'handsErrors.counts': '' });
    },

    // —— 结束投票 ——
    openClose() {
      closeForm(this).clear();
      this.setData({ closeOpen: true, cancelOpen: false, early: Date.now() < (state(this).poll?.closesAt ?? 0) });
    },
    closeClose() {
      this.setData({ closeOpen: false, closeReason: '' });
    },
    async submitClose() {
      if (this.data.saving) return;
      const reason = this.data.closeReason.trim();
      // Ending before the announced time takes a voice from whoever meant to vote later: say why.
      if (this.data.early && reason.length < 2) {
        this.setData({ 'closeErrors.reason': '提前结束须说明原因（至少2个字），会记录在案' });
        return;
      }
      const sure = await ask('结束投票', this.data.early ? '还没到截止时间。结束后谁都不能再投票，开始计票。确定提前结束吗？' : '结束后谁都不能再投票，开始计票。确定结束吗？', '确定结束', true);
      if (!sure) return;
      const res = await closeForm(this).submit({ pollId: state(this).pollId, reason });
      if (!res?.ok) return;
      this.fill(res.data);
      this.setData({ closeOpen: false, closeReason: '', saved: '投票已结束，正在计票' });
      await this.reloadResults();
    },

    // —— 撤销 ——
    openCancel() {
      cancelForm(this).clear();
      this.setData({ cancelOpen: true, closeOpen: false });
    },
    closeCancel() {
      this.setData({ cancelOpen: false, cancelReason: '' });
    },
    async submitCancel() {
      if (this.data.saving) return;
      const reason = this.data.cancelReason.trim();
      if (reason.length < 2) {
        this.setData({ 'cancelErrors.reason': '请填写撤销原因（至少2个字）' });
        return;
      }
      const sure = await ask('撤销投票', '撤销后这次投票作废，不能恢复。确定撤销吗？', '确定撤销', true);
      if (!sure) return;
      const res = await cancelForm(this).submit({ pollId: state(this).pollId, reason });
      if (!res?.ok) return;
      this.fill(res.data);
      this.setData({ cancelOpen: false, cancelReason: '', saved: '投票已撤销' });
      await this.reloadResults();
    },

    // —— 公布结果 ——
    async publish() {
      if (this.data.saving) return;
      const sure = await ask('公布结果', '公布后，可以参加这次投票的居民都能看到结果，不能撤回。确定公布吗？', '确定公布');
      if (!sure) return;
      const res = await publishForm(this).submit({ pollId: state(this).pollId });
      if (!res?.ok) return;
      this.setResults(res.data, state(this).poll);
      this.setData({ saved: '结果已公布' });
      await this.reloadPoll();
    },

    // —— 举手表决 ——
    async submitHands() {
      if (this.data.saving) return;
      const d = this.data;
      const n = (v: string) => (v.trim() === '' ? 0 : Number(v.trim()));
      const counts = Object.fromEntries(d.counts.map((c) => [c.id, n(c.value)]));
      const input = { pollId: state(this).pollId, present: d.present.trim() === '' ? undefined : Number(d.present.trim()), counts, abstain: n(d.abstain) };
      // One hand per person on a single choice: more hands than people present is a miscount.
      const raised = Object.values(counts).reduce((x, y) => x + y, 0) + input.abstain;
      if (input.present !== undefined && !state(this).poll?.multiple && raised > input.present) {
        this.setData({ 'handsErrors.counts': `举手数合计${raised}，多于到会的${input.present}人，请核对` });
        return;
      }
      const sure = await ask('记录举手表决', '举手表决结果只能记录一次，记录后不能修改。确定记录吗？', '确定记录');
      if (!sure) return;
      const res = await handsForm(this).submit(input as Parameters<ReturnType<typeof handsForm>['submit']>[0]);
      if (!res?.ok) return;
      this.fill(res.data);
      this.setData({ saved: '举手表决结果已记录' });
      await this.reloadResults();
    },

    openPaper() {
      wx.navigateTo({ url: `/staff/poll-paper/index?pollId=${encodeURIComponent(state(this).pollId)}` });
    },
    openPending() {
      wx.navigateTo({ url: `/staff/poll-paper/index?pollId=${encodeURIComponent(state(this).pollId)}&tab=pending` });
    },
  },
});
