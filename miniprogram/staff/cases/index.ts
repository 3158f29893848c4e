import { call, newIdempotencyKey } from '../../services/api';
import { formatDay } from '../../core/format';
import { closeCase, decideCase, insightCases, type CaseView } from '../../core/insight/contract';
import { getMe } from '../../core/member/contract';
import type { Envelope } from '../../core/envelope';
import { pagedList } from '../../services/paged-list';

const PAGE_SIZE = 20;
const DAY = 86_400_000;
/** A task accepted here is due this many days on; its owner is whoever accepts it. */
const TASK_DAYS = 14;

type When = 'open' | 'closed';

interface Row {
  caseId: string;
  title: string;
  reason: string;
  stateLabel: string;
  tone: 'todo' | 'doing' | 'done' | 'muted';
  decisionText: string;
  items: { id: string; ref: string; page: string }[];
  canDecide: boolean;
  canClose: boolean;
}

function decisionText(c: CaseView): string {
  const d = c.decision;
  if (c.closed) return `${formatDay(c.closed.at)} ${c.closed.by}办结：${c.closed.summary}`;
  if (!d) return `${formatDay(c.proposedAt)}提示，待研判`;
  if (d.kind === 'dismiss') return `${d.by}不予立项：${d.reason ?? ''}`;
  if (d.kind === 'motion') return `${d.by}转为议题`;
  return `任务：${d.reason ?? ''}，${d.owner?.name ?? ''}负责，${d.dueAt ? formatDay(d.dueAt) : ''}前${d.overdue ? '（已逾期）' : ''}`;
}

export function caseRow(c: CaseView): Row {
  return {
    caseId: c.caseId,
    title: c.title,
    reason: c.reason,
    stateLabel: c.stateLabel,
    tone: c.state === 'proposed' ? 'todo' : c.state === 'accepted' ? 'doing' : c.state === 'closed' ? 'done' : 'muted',
    decisionText: decisionText(c),
    items: c.items.map((i) => ({ id: i.id, ref: i.ref, page: i.page })),
    canDecide: c.allowedActions.includes('insight.decideCase'),
    canClose: c.allowedActions.includes('insight.closeCase'),
  };
}

const cases = pagedList({ fetch: (when: When, cursor) => call(insightCases, { when, cursor, limit: PAGE_SIZE }), row: caseRow });

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; when?: When; page?: string }>;

/** 未诉先办: proposed cases to decide (立项为任务 / 转为议题 / 不予立项), accepted ones to close, and the done list. */
Component({
  data: {
    when: 'open' as When,
    loaded: false,
    error: '',
    items: [] as Row[],
    hasMore: false,
    loadingMore: false,
    moreError: '',
    busy: '',
    /** The case a notice or 今日待办 row opened (`?id=`): marked in the list. */
    focus: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      if (query.id) this.setData({ focus: query.id });
    },
    onShow() {
      void cases(this).reload(this.data.when);
    },
    async onPullDownRefresh() {
      await cases(this).reload(this.data.when);
      wx.stopPullDownRefresh();
    },
    retry() {
      void cases(this).reload(this.data.when);
    },
    loadMore() {
      void cases(this).loadMore();
    },
    switchTab(e: Tap) {
      const when = e.currentTarget.dataset.when === 'closed' ? 'closed' : 'open';
      if (when === this.data.when) return;
      this.setData({ when });
      void cases(this).reload(when);
    },
    openItem(e: Tap) {
      const page = e.currentTarget.dataset.page;
      if (page) wx.navigateTo({ url: page });
    },
    async ask(title: string, placeholderText: string, confirmText: string): Promise<string | null> {
      const asked = await wx.showModal({ title, editable: true, placeholderText, confirmText });
      return asked.confirm ? asked.content ?? '' : null;
    },
    async run(caseId: string, send: () => Promise<Envelope<CaseView>>) {
      this.setData({ busy: caseId });
      const res = await send();
      this.setData({ busy: '' });
      if (!res.ok) {
        wx.showToast({ title: res.error.message, icon: 'none' });
        return;
      }
      wx.showToast({ title: '已保存', icon: 'success' });
      void cases(this).reload(this.data.when);
    },
    async acceptTask(e: Tap) {
      const caseId = e.currentTarget.dataset.id;
      if (!caseId || this.data.busy) return;
      const note = await this.ask('立项为任务', `任务说明，${TASK_DAYS}天内由您负责完成`, '立项');
      if (note === null) return;
      const me = await call(getMe, {});
      if (!me.ok) {
        wx.showToast({ title: me.error.message, icon: 'none' });
        return;
      }
      await this.run(caseId, () => call(decideCase, { caseId, kind: 'task', ownerId: me.data.memberId, dueAt: Date.now() + TASK_DAYS * DAY, note }, { idempotencyKey: newIdempotencyKey() }));
    },
    async toMotion(e: Tap) {
      const caseId = e.currentTarget.dataset.id;
      const c = this.data.items.find((i) => i.caseId === caseId);
      if (!caseId || !c || this.data.busy) return;
      const body = await this.ask('转为议题', '议题内容：问题、建议的做法（不少于10字）', '提出议题');
      if (body === null) return;
      await this.run(caseId, () => call(decideCase, { caseId, kind: 'motion', title: `${c.title}问题集中反映`, body }, { idempotencyKey: newIdempotencyKey() }));
    },
    async dismiss(e: Tap) {
      const caseId = e.currentTarget.dataset.id;
      if (!caseId || this.data.busy) return;
      const reason = await this.ask('不予立项', '请写明理由，如：已列入物业月度计划', '确定');
      if (reason === null) return;
      await this.run(caseId, () => call(decideCase, { caseId, kind: 'dismiss', reason }, { idempotencyKey: newIdempotencyKey() }));
    },
    async close(e: Tap) {
      const caseId = e.currentTarget.dataset.id;
      if (!caseId || this.data.busy) return;
      const summary = await this.ask('办结', '办结情况，如：已更换全部灯具', '办结');
      if (summary === null) return;
      await this.run(caseId, () => call(closeCase, { caseId, summary }));
    },
  },
});
