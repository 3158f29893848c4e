/**
 * 居务公开 as the residents' pages render it: display strings only, never an id. The board's
 * rows, an item's tables, versions, opinions and questions, the committee's term.
 */
import type { CategoryView, ItemSummaryView, ItemView, LinkKind, LinkView, OpinionView, QuestionView, ReliefView, SourceKind, VersionEntry } from '../core/disclosure/contract';
import { reconcile, yuanText, type FinanceTable } from '../core/disclosure/finance';
import type { CommitteeView } from '../core/disclosure/supervision-contract';
import { dateText } from '../services/dates';

/** What the server puts as a link's title when the caller may not open what it points at. */
export const UNREADABLE_LINK = '（已不可见）';

/** 「2026年3月1日」 from a term's 「2026-03-01」. */
export function dayText(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : day;
}

export interface CategoryRow {
  key: string;
  label: string;
  cadenceText: string;
  countText: string;
  /** 「最新：2026年第三季度财务收支公开（10月12日）」, '' before the first. */
  latestText: string;
}

export function categoryRow(c: CategoryView, now: number): CategoryRow {
  return {
    key: c.key,
    label: c.label,
    cadenceText: c.cadenceText,
    countText: c.publishedCount > 0 ? `已公开${c.publishedCount}项` : '还没有公开事项',
    latestText: c.latest ? `最新：${c.latest.title}（${dateText(c.latest.publishedAt, now)}）` : '',
  };
}

export interface ItemRow {
  key: string;
  title: string;
  /** 「财务收支 · 2026年第三季度」, or just the period on a category's own list. */
  whereText: string;
  publishedText: string;
  /** 「已更正，现为第2版」 once corrected. */
  versionText: string;
  correcting: boolean;
  objection: boolean;
  /** 「2个提问待答复」. */
  questionsText: string;
}

export function itemRow(s: ItemSummaryView, now: number, withCategory: boolean): ItemRow {
  return {
    key: s.itemId,
    title: s.title,
    whereText: [withCategory ? s.categoryLabel : '', s.periodLabel].filter((x) => x).join(' · '),
    publishedText: s.publishedAt !== null ? `${dateText(s.publishedAt, now)}公开` : '',
    versionText: s.versionNumber > 1 ? `已更正，现为第${s.versionNumber}版` : '',
    correcting: s.state === 'correcting',
    objection: s.openObjections > 0,
    questionsText: s.openQuestions > 0 ? `${s.openQuestions}个提问待答复` : '',
  };
}

export interface AmountLine {
  key: string;
  label: string;
  note: string;
  amount: string;
}

export interface FinanceRows {
  opening: string;
  income: AmountLine[];
  incomeTotal: string;
  expense: AmountLine[];
  expenseTotal: string;
  closing: string;
}

/** The table as 期初 / 收入 lines and total / 支出 lines and total / 期末, in 元. */
export function financeRows(t: FinanceTable): FinanceRows {
  const r = reconcile(t);
  const lines = (side: string, items: FinanceTable['income']) => items.map((l, i) => ({ key: `${side}${i}`, label: l.label, note: l.note ?? '', amount: yuanText(l.amountFen) }));
  return {
    opening: yuanText(t.openingFen),
    income: lines('i', t.income),
    incomeTotal: yuanText(r.incomeFen),
    expense: lines('e', t.expense),
    expenseTotal: yuanText(r.expenseFen),
    closing: yuanText(t.closingFen),
  };
}

export interface ReliefRows {
  programme: string;
  formLabel: string;
  countText: string;
  total: string;
  /** Empty when the programme publishes counts only. */
  rows: Array<{ key: string; who: string; building: string; amount: string }>;
}

export function reliefRows(r: ReliefView): ReliefRows {
  return {
    programme: r.programme,
    formLabel: r.formLabel,
    countText: r.countText,
    total: yuanText(r.totalFen),
    rows: r.rows
      .filter((x) => x.recipient !== null || x.buildingName !== null)
      .map((x, i) => ({ key: `r${i}`, who: x.recipient ?? '', building: x.buildingName ?? '', amount: yuanText(x.amountFen) })),
  };
}

export interface VersionRow {
  number: number;
  label: string;
  dateText: string;
  /** 「现行版本」 or 「已被第3版更正」. */
  stateText: string;
  superseded: boolean;
  reason: string;
  shown: boolean;
}

/** Newest first; a superseded version names the one that corrected it (the next one published). */
export function versionRows(versions: VersionEntry[], shownNumber: number, now: number): VersionRow[] {
  const sorted = versions.slice().sort((a, b) => b.number - a.number);
  return sorted.map((v) => {
    const next = sorted.filter((x) => x.number > v.number).map((x) => x.number);
    const by = next.length > 0 ? Math.min(...next) : v.number + 1;
    return {
      number: v.number,
      label: `第${v.number}版`,
      dateText: `${dateText(v.publishedAt, now)}公开`,
      stateText: v.superseded ? `已被第${by}版更正` : '现行版本',
      superseded: v.superseded,
      reason: v.reason ? `更正原因：${v.reason}` : '',
      shown: v.number === shownNumber,
    };
  });
}

const LINK_LABELS: Record<LinkKind, string> = { resolution: '决议', poll: '投票', concern: '群众诉求', meeting: '会议' };

export interface LinkRow {
  key: string;
  kindLabel: string;
  title: string;
  /** '' when the caller may not open it. */
  url: string;
}

export function linkRow(l: LinkView, i: number): LinkRow {
  const id = encodeURIComponent(l.refId);
  const urls: Record<LinkKind, string> = {
    resolution: `/pages/resolution/index?resolutionId=${id}`,
    poll: `/pages/poll-result/index?pollId=${id}`,
    concern: `/pages/concern-detail/index?id=${id}`,
    meeting: `/pages/meeting/index?meetingId=${id}`,
  };
  const readable = l.title !== UNREADABLE_LINK;
  return { key: `l${i}`, kindLabel: LINK_LABELS[l.kind], title: l.title, url: readable ? urls[l.kind] : '' };
}

export interface OpinionRow {
  key: string;
  memberName: string;
  stanceLabel: string;
  objection: boolean;
  text: string;
  /** 「针对第1版　10月13日」. */
  whenText: string;
  response: { text: string; byText: string } | null;
  /** An objection nobody has answered yet. */
  waiting: boolean;
}

export function opinionRow(o: OpinionView, now: number, manyVersions: boolean): OpinionRow {
  return {
    key: o.opinionId,
    memberName: o.memberName,
    stanceLabel: o.stanceLabel,
    objection: o.stance === 'objection',
    text: o.text,
    whenText: [manyVersions ? `针对第${o.versionNumber}版` : '', dateText(o.at, now)].filter((x) => x).join('　'),
    response: o.response ? { text: o.response.text, byText: `${o.response.byName} ${dateText(o.response.at, now)}答复` } : null,
    waiting: o.stance === 'objection' && o.response === null,
  };
}

export interface QuestionRow {
  key: string;
  itemTitle: string;
  askerText: string;
  mine: boolean;
  text: string;
  askedText: string;
  stateLabel: string;
  /** Tag colour: waiting, answered, or late. */
  tone: 'todo' | 'done' | 'danger';
  /** 「社区须在12月12日 10:00前答复」 while open; the late line once the deadline passed. */
  dueText: string;
  answer: { text: string; byText: string } | null;
}

export function questionRow(q: QuestionView, now: number): QuestionRow {
  const late = q.state === 'open' && (q.overdue || q.dueAt <= now);
  return {
    key: q.questionId,
    itemTitle: q.itemTitle,
    askerText: q.askerText,
    mine: q.mine,
    text: q.text,
    askedText: `${dateText(q.askedAt, now)}提问`,
    stateLabel: q.state === 'answered' ? '已答复' : late ? '答复已超期' : '待答复',
    tone: q.state === 'answered' ? 'done' : late ? 'danger' : 'todo',
    dueText: q.state === 'answered' ? '' : late ? `社区应在${dateText(q.dueAt, now)}前答复，已超期，已告知居务监督委员会` : `社区须在${dateText(q.dueAt, now)}前答复`,
    answer: q.answer ? { text: q.answer.text, byText: `${q.answer.byName} ${dateText(q.answer.at, now)}答复` } : null,
  };
}

export interface TermText {
  /** 「居民会议推选（幸福里社区2026年第一次居民会议）」. */
  chosenText: string;
  termText: string;
  /** Said when no term is in force. */
  statusText: string;
}

export function termText(c: CommitteeView): TermText {
  if (!c.termId) return { chosenText: '', termText: '', statusText: '本社区还没有登记居务监督委员会。' };
  const chosen = c.chosenByLabel ?? '';
  return {
    chosenText: c.meeting ? `${chosen}（${c.meeting.title}）` : chosen,
    termText: c.startsOn && c.endsOn ? `${dayText(c.startsOn)} 至 ${dayText(c.endsOn)}` : '',
    statusText: c.current ? '' : '本届任期不在今天之内，新一届尚未登记。',
  };
}

const SOURCE_LABELS: Record<SourceKind, string> = { manual: '', minutes: '会议纪要', poll: '投票结果', resolution: '决议落实' };

/** 「来自会议纪要「…」」 for an item the minutes, a poll or a resolution brought; '' for one staff wrote. */
export function sourceText(source: ItemView['source']): string {
  if (!source || source.kind === 'manual' || !SOURCE_LABELS[source.kind]) return '';
  return `来自${SOURCE_LABELS[source.kind]}「${source.title}」`;
}

/** A committee member who sits today: the queue and the opinion form are theirs. */
export function sitsToday(c: CommitteeView): boolean {
  return c.current && c.members.some((m) => m.isMe);
}
