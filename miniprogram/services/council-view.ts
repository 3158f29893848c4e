/**
 * 民主议事 as the residents' pages render it: display strings only, never an id. Motions,
 * meetings and resolutions each get a row for the hub's lists and the few lines their own
 * page needs (the support bar, the quorum line, the progress bar).
 */
import type { MotionView } from '../core/council/motion-contract';
import type { MeetingView } from '../core/council/meeting-contract';
import type { ResolutionView } from '../core/council/resolution-contract';
import type { QuorumView } from '../core/council/quorum';
import type { MeetingRollKind, MeetingStatus, MotionStatus, ResolutionStatus } from '../core/council/vocabulary';
import { clockText } from './date-strip';
import { dateText } from './dates';
import type { Tone } from './view';

/** A bar's filled share, whole percent, 0–100: 38 of 50 supports is 76. */
export function barPercent(part: number, whole: number): number {
  if (whole <= 0) return part > 0 ? 100 : 0;
  return Math.max(0, Math.min(100, Math.floor((part * 100) / whole)));
}

const MOTION_TONES: Record<MotionStatus, Tone> = {
  collecting: 'doing',
  thresholdMet: 'todo',
  scheduled: 'doing',
  decided: 'done',
  answered: 'done',
  expired: 'muted',
  withdrawn: 'muted',
};

export function motionTone(status: MotionStatus): Tone {
  return MOTION_TONES[status] ?? 'muted';
}

/** 「您家已附议」, naming who of the household did when the server says; 「您已附议」 per person. */
export function supportedText(m: Pick<MotionView, 'supportedByMe' | 'supportedByName' | 'supportUnit'>): string {
  if (!m.supportedByMe) return '';
  if (m.supportUnit === 'person') return '您已附议';
  return m.supportedByName ? `您家已附议（${m.supportedByName}）` : '您家已附议';
}

/** While support is collected: until when; after: when it was met or that time ran out. */
export function supportWhenText(m: Pick<MotionView, 'status' | 'supportClosesAt' | 'thresholdMetAt'>, now: number): string {
  if (m.thresholdMetAt !== null) return `${dateText(m.thresholdMetAt, now)}附议达标`;
  if (m.status === 'collecting') return `${dateText(m.supportClosesAt, now)}截止附议`;
  if (m.status === 'expired') return `${dateText(m.supportClosesAt, now)}附议期满`;
  return '';
}

export interface MotionRow {
  key: string;
  title: string;
  statusLabel: string;
  tone: Tone;
  moverName: string;
  supportText: string;
  percent: number;
  whenText: string;
  mineText: string;
}

export function motionRow(m: MotionView, now: number): MotionRow {
  return {
    key: m.id,
    title: m.title,
    statusLabel: m.statusLabel,
    tone: motionTone(m.status),
    moverName: m.moverName,
    supportText: m.supportText,
    percent: barPercent(m.supports, m.threshold),
    whenText: supportWhenText(m, now),
    mineText: supportedText(m),
  };
}

const MEETING_TONES: Record<MeetingStatus, Tone> = {
  noticed: 'todo',
  inSession: 'doing',
  ended: 'muted',
  minutesApproved: 'done',
  cancelled: 'muted',
};

export function meetingTone(status: MeetingStatus): Tone {
  return MEETING_TONES[status] ?? 'muted';
}

/** 「今天 09:30–11:30」「12月9日 14:00–16:00」 */
export function meetingWhenText(m: Pick<MeetingView, 'startsAt' | 'endsAt'>, now: number): string {
  return `${dateText(m.startsAt, now).replace(/ \d\d:\d\d$/, '')} ${clockText(m.startsAt)}–${clockText(m.endsAt)}`;
}

/** The caller's own standing for a meeting, in one line: signed in, registered, waiting, on the roll. */
export function meetingMineText(m: Pick<MeetingView, 'myAttendance' | 'myRegistration' | 'status' | 'seats'>, now: number): { text: string; done: boolean } {
  const a = m.myAttendance;
  if (a?.present) return { text: `已签到${a.at !== null ? ` ${dateText(a.at, now)}` : ''}${a.viaLabel ? `（${a.viaLabel}）` : ''}`, done: true };
  const r = m.myRegistration;
  if (r && r.status === 'registered') return { text: '已报名', done: true };
  if (r && r.status === 'waitlisted') return { text: r.positionText ?? r.statusLabel, done: false };
  if (a && m.status === 'inSession') return { text: '您还没有签到', done: false };
  if (a && m.status === 'noticed') {
    return { text: m.seats && !r ? '您在参会名单上，名额有限，请先报名' : '您在参会名单上', done: false };
  }
  return { text: '', done: false };
}

export interface MeetingRow {
  key: string;
  title: string;
  bodyLabel: string;
  statusLabel: string;
  tone: Tone;
  whenText: string;
  place: string;
  mineText: string;
  mineDone: boolean;
}

export function meetingRow(m: MeetingView, now: number): MeetingRow {
  const mine = meetingMineText(m, now);
  return {
    key: m.id,
    title: m.title,
    bodyLabel: m.bodyLabel,
    statusLabel: m.statusLabel,
    tone: meetingTone(m.status),
    whenText: meetingWhenText(m, now),
    place: m.place,
    mineText: mine.text,
    mineDone: mine.done,
  };
}

/** What the roll counts in: households, people. */
export function rollWord(kind: MeetingRollKind): string {
  return kind === 'household' || kind === 'ownerUnit' ? '户' : '人';
}

export interface QuorumScreen {
  presentText: string;
  baseText: string;
  requiredText: string;
  /** 「本人120，委托8」 */
  splitText: string;
  met: boolean;
  verdict: string;
  /** Each participation test in the rule's words, when there is more than a head count (业主大会: area too). */
  lines: string[];
  /** The server's full line, word for word. */
  text: string;
}

/** The live quorum line as three big numbers (到会 / 应到 / 需) and the verdict. */
export function quorumScreen(q: QuorumView, kind: MeetingRollKind): QuorumScreen {
  const w = rollWord(kind);
  const decides = q.lines.length > 0;
  return {
    presentText: `${q.present}${w}`,
    baseText: `${q.base}${w}`,
    requiredText: decides && q.required > 0 ? `${q.required}${w}` : '不设',
    splitText: `本人${q.inPerson}，委托${q.byProxy}`,
    met: q.met,
    verdict: !decides ? '本次会议不设法定人数' : q.met ? '已达法定人数' : `未达法定人数${q.required > q.present ? `，还差${q.required - q.present}${w}` : ''}`,
    lines: q.lines.length > 1 ? q.lines.map((l) => `${l.passed ? '✓' : '✗'} ${l.text}`) : [],
    text: q.text,
  };
}

const RESOLUTION_TONES: Record<ResolutionStatus, Tone> = { inProgress: 'doing', done: 'done', cancelled: 'muted' };

export function resolutionTone(status: ResolutionStatus): Tone {
  return RESOLUTION_TONES[status] ?? 'muted';
}

/** 「12月30日前完成」, 「已超期（应于12月1日前完成）」, or when it was done. */
export function resolutionDueText(r: Pick<ResolutionView, 'status' | 'dueAt' | 'overdue' | 'doneAt'>, now: number): string {
  if (r.status === 'done') return r.doneAt !== null ? `${dateText(r.doneAt, now)}办结` : '已办结';
  if (r.status === 'cancelled') return '';
  const due = dateText(r.dueAt, now).replace(/ \d\d:\d\d$/, '');
  return r.overdue ? `已超期（应于${due}前完成）` : `${due}前完成`;
}

export interface ResolutionRow {
  key: string;
  title: string;
  statusLabel: string;
  tone: Tone;
  percent: number;
  percentText: string;
  ownerName: string;
  dueText: string;
  overdue: boolean;
  meetingText: string;
}

export function resolutionRow(r: ResolutionView, now: number): ResolutionRow {
  return {
    key: r.id,
    title: r.title,
    statusLabel: r.statusLabel,
    tone: resolutionTone(r.status),
    percent: barPercent(r.percent, 100),
    percentText: r.status === 'done' ? '已完成' : `已完成${r.percent}%`,
    ownerName: r.ownerName,
    dueText: resolutionDueText(r, now),
    overdue: r.overdue && r.status === 'inProgress',
    meetingText: `${r.meeting.bodyLabel} ${dateText(r.meeting.at, now).replace(/ \d\d:\d\d$/, '')}决议`,
  };
}
