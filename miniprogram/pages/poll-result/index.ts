import { call } from '../../services/api';
import { getPoll, pollResults } from '../../core/poll/contract';
import { pollTone, resultScreen, stageNote, type ResultScreen } from '../../services/poll-view';

/**
 * A poll's result as residents may read it: while it runs only how many took part (never a
 * count per option); once over, where the count stands; once published, every option with
 * its count and 通过/未通过, the participation tests, the rule, the frozen roll's size and
 * check code, and the server's explanation sentence word for word.
 */
Component({
  data: {
    pollId: '',
    loaded: false,
    error: '',
    title: '',
    statusLabel: '',
    tone: 'muted',
    stageNote: '',
    stageText: '',
    participationText: '',
    published: false,
    result: null as ResultScreen | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ pollId: query.pollId ?? '' });
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      const pollId = this.data.pollId;
      const [poll, res] = await Promise.all([call(getPoll, { pollId }), call(pollResults, { pollId })]);
      if (!poll.ok || !res.ok) {
        this.setData({ loaded: true, error: !poll.ok ? poll.error.message : !res.ok ? res.error.message : '' });
        return;
      }
      const p = poll.data;
      const r = res.data;
      const note = stageNote(r.stage);
      this.setData({
        loaded: true,
        error: '',
        title: p.title,
        statusLabel: p.statusLabel,
        tone: pollTone(p.status),
        stageNote: note,
        // The server's detail (还有3张纸质选票待复核), when it says more than the stage itself.
        stageText: r.stageText && !note.includes(r.stageText) ? r.stageText : '',
        participationText: r.participationText,
        published: r.stage === 'published',
        result: r.result ? resultScreen(r.result, p, Date.now()) : null,
      });
    },
    goPoll() {
      wx.navigateTo({ url: `/pages/poll/index?pollId=${encodeURIComponent(this.data.pollId)}` });
    },
  },
});
