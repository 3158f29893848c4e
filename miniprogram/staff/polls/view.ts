/**
 * What the staff poll pages show of a poll, in words: the rows of the list, a rule as plain
 * sentences, and the 试算 (dry run) of a rule's thresholds. The arithmetic is rules.ts's —
 * the same code the server decides with — so the numbers staff read before a poll are the
 * numbers the result will be judged by.
 */
import type { ActionName } from '../../core/action-names';
import type { PollResultView, PollView } from '../../core/poll/contract';
import { areaText, fractionText, reaches, thresholdText, type BallotUnit, type FrozenRule, type Measure } from '../../core/poll/rules';
import { CHANNEL_LABELS, type PollChannel, type PollStatus } from '../../core/poll/vocabulary';
import { dateText } from '../../services/dates';
import type { Tone } from '../../services/view';

const STATUS_TONES: Record<PollStatus, Tone> = {
  scheduled: 'todo',
  open: 'doing',
  closed: 'todo',
  published: 'done',
  cancelled: 'muted',
};

export function pollTone(status: PollStatus): Tone {
  return STATUS_TONES[status] ?? 'muted';
}

/** The buttons a list row offers, by what the server says the caller may do next. */
const ENTRIES: ReadonlyArray<{ action: ActionName; key: string; label: string }> = [
  { action: 'poll.enterPaperBallot', key: 'paper', label: '录入纸质选票' },
  { action: 'poll.pendingPaper', key: 'pending', label: '待复核' },
  { action: 'poll.recordHands', key: 'hands', label: '记录举手表决' },
  { action: 'poll.close', key: 'close', label: '结束投票' },
  { action: 'poll.publish', key: 'publish', label: '公布结果' },
];

export interface PollEntry {
  key: string;
  label: string;
}

export interface PollRow {
  id: string;
  title: string;
  statusLabel: string;
  tone: Tone;
  /** 一户一票 · 不记名投票 · 第一网格 */
  scopeText: string;
  /** 「已投票42户（投票人次，非结果）」: the server's words, never a count of choices. */
  participationText: string;
  whenText: string;
  entries: PollEntry[];
}

export function whenText(p: Pick<PollView, 'status' | 'opensAt' | 'closesAt'>, now = Date.now()): string {
  if (p.status === 'scheduled') return `${dateText(p.opensAt, now)} 开始，${dateText(p.closesAt, now)} 截止`;
  if (p.status === 'open') return `${dateText(p.closesAt, now)} 截止`;
  return `${dateText(p.opensAt, now)} 至 ${dateText(p.closesAt, now)}`;
}

export function pollRow(p: PollView, now = Date.now()): PollRow {
  return {
    id: p.id,
    title: p.title,
    statusLabel: p.statusLabel,
    tone: pollTone(p.status),
    scopeText: [p.unitLabel, p.ballotLabel, p.eligibility.text].filter(Boolean).join(' · '),
    // Before it opens nobody has voted; a row saying 「已投票0户」 would only be noise.
    participationText: p.status === 'scheduled' || p.status === 'cancelled' ? '' : p.participationText,
    whenText: whenText(p, now),
    entries: ENTRIES.filter((e) => p.allowedActions.includes(e.action)).map(({ key, label }) => ({ key, label })),
  };
}

export function channelsText(channels: readonly PollChannel[]): string {
  return channels.map((c) => CHANNEL_LABELS[c]).join('、');
}

/** What one ballot unit is called in a count: 户, 人, or an owner by head (人) or by unit (套). */
export function unitWord(unit: BallotUnit, rule: Pick<FrozenRule, 'headCount'>): string {
  if (unit === 'household') return '户';
  if (unit === 'person') return '人';
  return rule.headCount === 'perUnit' ? '套' : '人';
}

/** Who the units are, in a sentence: 「户」「成年居民」「业主（按人数）」. */
function unitNoun(unit: BallotUnit, rule: Pick<FrozenRule, 'headCount'>): string {
  if (unit === 'household') return '户';
  if (unit === 'person') return '成年居民';
  return rule.headCount === 'perUnit' ? '专有部分（按套数）' : '业主（按人数）';
}

/**
 * The rule in two or three plain sentences: who must take part, what makes an option pass.
 * 「参与：名册上超过半数的户参加」「通过：参加的户中超过半数赞成，选项才算通过」.
 */
export function ruleSentences(rule: FrozenRule, unit: BallotUnit): string[] {
  if (rule.approval.length === 0 && rule.participation.length === 0) return ['不作表决：只统计每个选项有多少票，不设参与和通过的门槛。'];
  const noun = unitNoun(unit, rule);
  const joined = (parts: string[]) => parts.join('，并且');
  const take = rule.participation.map((t) => (t.measure === 'area' ? `专有面积${fractionText(t.fraction)}参与` : `名册上${fractionText(t.fraction)}的${noun}参加`));
  const pass = rule.approval.map((t) => (t.measure === 'area' ? `参与表决的专有面积中${fractionText(t.fraction)}同意` : `参加的${noun}中${fractionText(t.fraction)}赞成`));
  const out: string[] = [];
  if (take.length) out.push(`参与：${joined(take)}，表决才有效。`);
  if (pass.length) out.push(`通过：${joined(pass)}，选项才算通过。`);
  out.push('没有投票的不算赞成。');
  return out;
}

/** What staff type into the 试算: roll size and turnout, and for owners' area rules the areas (hundredths of ㎡). */
export interface DryRunInput {
  roll: number;
  turnout: number;
  area: number | null;
  turnoutArea: number | null;
}

export interface DryRun {
  lines: string[];
  /** 「按这个参与数，表决有效」 or why not. */
  verdict: string;
  ok: boolean;
}

const needsArea = (rule: FrozenRule) => [...rule.participation, ...rule.approval].some((t) => t.measure === 'area');

export function dryRunNeedsArea(rule: FrozenRule): boolean {
  return needsArea(rule);
}

/**
 * The thresholds for an expected roll and turnout, as thresholdText words them: 「参与：需>150.5户
 * （名册共301户，须超过半数）」, then each option's. Null when what was typed cannot be counted.
 */
export function dryRun(rule: FrozenRule, unit: BallotUnit, x: DryRunInput): DryRun | null {
  const word = unitWord(unit, rule);
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  if (!whole(x.roll) || !whole(x.turnout) || x.roll === 0) return null;
  if (x.turnout > x.roll) return { lines: [], verdict: `参与的${word}数不能多于名册的${x.roll}${word}`, ok: false };
  const area = needsArea(rule);
  if (area && (x.area === null || x.turnoutArea === null)) return null;
  if (area && (x.turnoutArea as number) > (x.area as number)) return { lines: [], verdict: '参与面积不能大于总面积', ok: false };
  const base = (m: Measure) => (m === 'area' ? (x.area as number) : x.roll);
  const part = (m: Measure) => (m === 'area' ? (x.turnoutArea as number) : x.turnout);
  const baseText = (m: Measure) => (m === 'area' ? `总面积${areaText(base(m))}` : `名册共${x.roll}${word}`);
  const partText = (m: Measure) => (m === 'area' ? `参与面积${areaText(part(m))}` : `参与${x.turnout}${word}`);
  const lines: string[] = [];
  let valid = true;
  for (const t of rule.participation) {
    const label = t.measure === 'area' ? '参与面积' : unit === 'ownerUnit' ? '参与业主' : '参与';
    lines.push(`${label}：${thresholdText(base(t.measure), t.fraction, t.measure, word)}（${baseText(t.measure)}，须${fractionText(t.fraction)}）`);
    if (!reaches(part(t.measure), base(t.measure), t.fraction)) valid = false;
  }
  for (const t of rule.approval) {
    const label = t.measure === 'area' ? '每个选项的同意面积' : '每个选项的赞成';
    lines.push(`${label}：${thresholdText(part(t.measure), t.fraction, t.measure, word)}（${partText(t.measure)}，须${fractionText(t.fraction)}）`);
  }
  if (rule.participation.length === 0) return { lines, verdict: '不设参与门槛：多少人参加都有效。', ok: true };
  return valid
    ? { lines, verdict: '按这个参与数，表决有效；各选项按上面的赞成数判断是否通过。', ok: true }
    : { lines, verdict: '按这个参与数，参与不足，表决无效。', ok: false };
}

/** 「89.37」 from hundredths of a ㎡, as the correction form's input shows it. */
export function areaInput(centi: number): string {
  return areaText(centi).replace('㎡', '');
}

export interface ResultOptionRow {
  id: string;
  label: string;
  countText: string;
  adopted: boolean;
  lines: Array<{ text: string; passed: boolean }>;
}

export interface ResultBlock {
  valid: boolean;
  ruleName: string;
  headCountText: string;
  summary: string;
  participationLines: Array<{ text: string; passed: boolean }>;
  options: ResultOptionRow[];
  explanation: string;
  byChannel: Array<{ label: string; ballots: number }>;
  openTexts: string[];
  voters: Array<{ key: string; unitLabel: string; name: string; choice: string }>;
  rollHash: string;
  closedText: string;
  publishedText: string;
}

/** The sealed result as staff read it; the explanation is the server's, word for word. */
export function resultBlock(r: NonNullable<PollResultView['result']>, unit: BallotUnit, now = Date.now()): ResultBlock {
  const word = unit === 'ownerUnit' ? '套' : unit === 'household' ? '户' : '人';
  return {
    valid: r.valid,
    ruleName: r.ruleName,
    headCountText: r.headCountText ?? '',
    summary: `名册${r.rollSize}${word}，收到选票${r.ballots}张，其中弃权${r.abstain}张`,
    participationLines: r.participationLines,
    options: r.options.map((o) => ({
      id: o.id,
      label: o.label,
      countText: o.areaText ? `${o.units}票 · ${o.areaText}` : `${o.units}票`,
      adopted: o.adopted,
      lines: o.lines,
    })),
    explanation: r.explanation,
    byChannel: r.byChannel.map((c) => ({ label: c.channelLabel, ballots: c.ballots })),
    openTexts: r.openTexts ?? [],
    voters: (r.voters ?? []).map((v, i) => ({ key: String(i), unitLabel: v.unitLabel, name: v.name, choice: v.choiceLabels.length ? v.choiceLabels.join('、') : '弃权' })),
    rollHash: r.rollHash.slice(0, 16),
    closedText: dateText(r.closedAt, now),
    publishedText: r.publishedAt ? `${dateText(r.publishedAt, now)}${r.publishedByName ? ` 由${r.publishedByName}公布` : ''}` : '',
  };
}
