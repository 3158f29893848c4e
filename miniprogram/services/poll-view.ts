/**
 * 投票表决 as the residents' pages render it: display strings only. Participation is always
 * worded as participation (the server's participationText says 投票人次，非结果), never
 * beside an option; counts appear only on a published result. No id is ever rendered.
 */
import type { MyBallotView, PollResultView, PollView } from '../core/poll/contract';
import type { BallotUnit, FrozenRule } from '../core/poll/rules';
import type { PollStatus, ResultStage } from '../core/poll/vocabulary';
import { dateText } from './dates';
import type { Tone } from './view';

const STATUS_TONES: Record<PollStatus, Tone> = {
  scheduled: 'todo',
  open: 'doing',
  closed: 'muted',
  published: 'done',
  cancelled: 'muted',
};

export function pollTone(status: PollStatus): Tone {
  return STATUS_TONES[status] ?? 'muted';
}

/** 「12月10日 18:00截止」; before it opens 「明天 09:00开始」; once over 「12月2日结束」. */
export function pollWhenText(p: Pick<PollView, 'status' | 'opensAt' | 'closesAt'>, now: number): string {
  if (p.status === 'scheduled') return `${dateText(p.opensAt, now)}开始`;
  if (p.status === 'open') return `${dateText(p.closesAt, now)}截止`;
  if (p.status === 'cancelled') return '';
  return `${dateText(p.closesAt, now)}结束`;
}

/** Whose ballot a poll counts, as the resident reads "you": 您家 for a household, 您 for a person. */
function whoWord(unit: BallotUnit): string {
  return unit === 'person' ? '您' : '您家';
}

/** The list's line about the caller's own ballot: 「您家已投票」「未投票」, or nothing. */
export function myBallotLine(p: Pick<PollView, 'status' | 'unit' | 'myBallot'>): { text: string; done: boolean } {
  const b = p.myBallot;
  if (!b || b.cannotVote) return { text: '', done: false };
  if (b.units.length > 1) {
    const left = b.units.filter((u) => !u.voted).length;
    if (left === 0) return { text: '您的房屋都已投票', done: true };
    if (p.status === 'open') return { text: `还有${left}套房屋未投票`, done: false };
    return { text: '', done: false };
  }
  if (b.voted) return { text: `${whoWord(p.unit)}已投票`, done: true };
  return p.status === 'open' ? { text: '未投票', done: false } : { text: '', done: false };
}

export interface PollRow {
  id: string;
  title: string;
  unitLabel: string;
  statusLabel: string;
  tone: Tone;
  whenText: string;
  ballotText: string;
  ballotDone: boolean;
  participationText: string;
  published: boolean;
}

export function pollRow(p: PollView, now: number): PollRow {
  const mine = myBallotLine(p);
  return {
    id: p.id,
    title: p.title,
    unitLabel: p.unitLabel,
    statusLabel: p.statusLabel,
    tone: pollTone(p.status),
    whenText: pollWhenText(p, now),
    ballotText: mine.text,
    ballotDone: mine.done,
    // Before it opens nobody has voted; the line would only read as a zero result.
    participationText: p.status === 'scheduled' || p.status === 'cancelled' ? '' : p.participationText,
    published: p.status === 'published',
  };
}

/** 「请选择一项」「请选择2项」「请选择1至3项」 */
export function pickHint(p: Pick<PollView, 'multiple' | 'minPicks' | 'maxPicks'>): string {
  if (!p.multiple || p.maxPicks <= 1) return '请选择一项';
  if (p.minPicks === p.maxPicks) return `请选择${p.maxPicks}项`;
  return `请选择${p.minPicks}至${p.maxPicks}项`;
}

/** What is wrong with a choice before it is sent ('' = nothing). */
export function choiceProblem(p: Pick<PollView, 'multiple' | 'minPicks' | 'maxPicks'>, picked: number, abstain: boolean): string {
  if (abstain) return '';
  if (picked === 0) return p.multiple ? `${pickHint(p)}，或选择弃权` : '请选择一项，或选择弃权';
  if (p.multiple && picked < p.minPicks) return `请至少选择${p.minPicks}项（${pickHint(p)}）`;
  if (picked > (p.multiple ? p.maxPicks : 1)) return `最多选择${p.multiple ? p.maxPicks : 1}项`;
  return '';
}

export interface ReceiptView {
  /** 「您的选票已计入」, or that a paper ballot waits for its second check. */
  heading: string;
  code: string;
  atText: string;
  channelLabel: string;
  secret: boolean;
  /** Open ballots: what the voter chose; '' for a secret one. */
  choiceText: string;
}

export const SECRET_RECEIPT_NOTE = '不记名投票：这里不显示您选了什么，别人也无法知道';

export function receiptView(b: MyBallotView, secret: boolean, now: number): ReceiptView {
  const labels = b.choiceLabels ?? [];
  return {
    heading: b.counted ? '您的选票已计入' : '您的选票已录入，工作人员复核后计入',
    code: b.receipt ?? '',
    atText: b.at !== null ? dateText(b.at, now) : '',
    channelLabel: b.channelLabel ?? '',
    secret,
    choiceText: secret ? '' : labels.length > 0 ? labels.join('、') : b.choiceLabels ? '弃权' : '',
  };
}

/** 「您家已由 王某某 于12月8日投票，一户一票，不能再投」 */
export function votedByOtherText(b: MyBallotView, unit: BallotUnit, now: number): string {
  const who = b.byName ? ` ${b.byName} ` : '家人';
  const when = b.at !== null ? `于${dateText(b.at, now)}` : '';
  if (unit === 'ownerUnit') return `这套房屋已由${who}${when}投票，每套房屋一票，不能再投`;
  return `您家已由${who}${when}投票，一户一票，不能再投`;
}

/** What a result page says before there is a result to show. */
export function stageNote(stage: ResultStage): string {
  switch (stage) {
    case 'notOpen':
      return '投票还没有开始';
    case 'sealed':
      return '投票进行中，结果在投票结束并公布后才能查看';
    case 'counting':
      return '投票已结束，正在计票';
    case 'ready':
    case 'awaitingPublish':
      return '投票已结束，等待公布结果';
    case 'cancelled':
      return '这次投票已撤销';
    case 'published':
      return '';
  }
}

/** The same words, on the poll page, from the poll's own status (no second call). */
export function statusStage(status: PollStatus): ResultStage {
  const stages: Record<PollStatus, ResultStage> = { scheduled: 'notOpen', open: 'sealed', closed: 'awaitingPublish', published: 'published', cancelled: 'cancelled' };
  return stages[status];
}

/** What a count is counted in: 户, 人, or for owners 人 / 套 as the rule counts heads. */
export function countWord(unit: BallotUnit, rule: Pick<FrozenRule, 'headCount'>): string {
  if (unit === 'household') return '户';
  if (unit === 'person') return '人';
  return rule.headCount === 'perUnit' ? '套' : '人';
}

/** What the roll lists: households, adults, or owner units. */
function rollWord(unit: BallotUnit): string {
  return unit === 'household' ? '户' : unit === 'person' ? '人' : '套房屋';
}

export interface ResultLineRow {
  text: string;
  passed: boolean;
}

export interface ResultOptionRow {
  key: string;
  label: string;
  countText: string;
  areaText: string;
  /** '' when the rule adopts nothing (征求意见): no badge. */
  badge: '' | '通过' | '未通过';
  lines: ResultLineRow[];
}

export interface ResultScreen {
  validText: string;
  valid: boolean;
  ruleName: string;
  headCountText: string;
  participationLines: ResultLineRow[];
  options: ResultOptionRow[];
  ballotsText: string;
  channels: string[];
  explanation: string;
  rollText: string;
  closedText: string;
  publishedText: string;
}

export function resultScreen(r: NonNullable<PollResultView['result']>, poll: Pick<PollView, 'unit' | 'rule'>, now: number): ResultScreen {
  const word = countWord(poll.unit, poll.rule);
  const decides = poll.rule.approval.length > 0;
  return {
    valid: r.valid,
    validText: !decides ? '征求意见，不作表决' : r.valid ? '参与人数达到规定，表决有效' : '参与人数不足，表决无效',
    ruleName: r.ruleName,
    headCountText: r.headCountText ?? '',
    participationLines: r.participationLines.map((l) => ({ text: l.text, passed: l.passed })),
    options: r.options.map((o, i) => ({
      // Option ids stay out of the page; the row's position keys it.
      key: `o${i}`,
      label: o.label,
      countText: `${o.units}${word}`,
      areaText: o.areaText ?? '',
      badge: decides ? (o.adopted ? '通过' : '未通过') : '',
      lines: o.lines.map((l) => ({ text: l.text, passed: l.passed })),
    })),
    ballotsText: `共收到选票${r.ballots}张${r.abstain > 0 ? `，其中弃权${r.abstain}张` : ''}`,
    channels: r.byChannel.filter((c) => c.ballots > 0).map((c) => `${c.channelLabel} ${c.ballots}张`),
    explanation: r.explanation,
    rollText: `名册共${r.rollSize}${rollWord(poll.unit)}，校验码 ${r.rollHash}`,
    closedText: `${dateText(r.closedAt, now)}结束投票`,
    publishedText: r.publishedAt !== null ? `${r.publishedByName ? `由${r.publishedByName}于` : ''}${dateText(r.publishedAt, now)}公布` : '',
  };
}
