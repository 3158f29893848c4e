/**
 * The few strings the staff 民主议事 pages render from council views, so each page words a
 * meeting, a motion, a resolution and a quorum the same way.
 */
import type { AttendanceEntryView, MeetingView, ProxyView } from '../../core/council/meeting-contract';
import type { MotionView } from '../../core/council/motion-contract';
import type { QuorumView } from '../../core/council/quorum';
import type { ResolutionView } from '../../core/council/resolution-contract';
import type { MeetingStatus } from '../../core/council/vocabulary';
import { clockText } from '../../services/date-strip';
import { dateText } from '../../services/dates';
import { allows, type Tone } from '../../services/view';

const MEETING_TONES: Record<MeetingStatus, Tone> = { noticed: 'todo', inSession: 'doing', ended: 'todo', minutesApproved: 'done', cancelled: 'muted' };
export const meetingTone = (s: MeetingStatus): Tone => MEETING_TONES[s] ?? 'muted';

export const meetingWhen = (m: Pick<MeetingView, 'startsAt' | 'endsAt'>, now = Date.now()): string => `${dateText(m.startsAt, now)}–${clockText(m.endsAt)}`;

/** The live gauge: how full the bar is, where the line of quorum sits, and the words. */
export interface Gauge {
  present: number;
  inPerson: number;
  byProxy: number;
  base: number;
  required: number;
  met: boolean;
  /** Bar width and quorum mark, in % of the roll. */
  fill: number;
  mark: number;
  needText: string;
  verdict: string;
  lines: { text: string; passed: boolean }[];
  text: string;
}

export function gauge(q: QuorumView): Gauge {
  const pct = (n: number) => (q.base > 0 ? Math.min(100, Math.round((n / q.base) * 100)) : 0);
  const short = Math.max(0, q.required - q.present);
  return {
    present: q.present,
    inPerson: q.inPerson,
    byProxy: q.byProxy,
    base: q.base,
    required: q.required,
    met: q.met,
    fill: pct(q.present),
    mark: pct(q.required),
    needText: q.required > 0 ? `需${q.required}` : '不设法定人数',
    verdict: q.lines.length === 0 ? '本次会议不设法定人数' : q.met ? '已达法定人数' : short > 0 ? `未达法定人数，还差${short}` : '未达法定人数',
    lines: q.lines.map((l) => ({ text: l.text, passed: l.passed })),
    text: q.text,
  };
}

export interface MeetingRow {
  id: string;
  title: string;
  bodyLabel: string;
  whenText: string;
  place: string;
  statusLabel: string;
  tone: Tone;
  quorumText: string;
  /** The door, the roll and the votes: before and during the meeting. */
  canRun: boolean;
  /** The minutes: once it has ended. */
  canMinutes: boolean;
}

export function meetingRow(m: MeetingView, now = Date.now()): MeetingRow {
  return {
    id: m.id,
    title: m.title,
    bodyLabel: m.bodyLabel,
    whenText: meetingWhen(m, now),
    place: m.place,
    statusLabel: m.statusLabel,
    tone: meetingTone(m.status),
    quorumText: m.status === 'inSession' && m.quorum ? m.quorum.text : '',
    canRun: m.status === 'noticed' || m.status === 'inSession',
    canMinutes: (m.status === 'ended' || m.status === 'minutesApproved') && (m.minutes !== 'none' || allows(m.allowedActions, 'meeting.saveMinutes', 'meeting.minutes')),
  };
}

export interface MotionRow {
  id: string;
  title: string;
  moverText: string;
  statusLabel: string;
  tone: Tone;
  supportText: string;
  dueText: string;
  overdue: boolean;
  canAnswer: boolean;
}

export function motionRow(m: MotionView, now = Date.now()): MotionRow {
  return {
    id: m.id,
    title: m.title,
    moverText: `${m.sourceLabel} · ${m.moverName}`,
    statusLabel: m.statusLabel,
    tone: m.overdue ? 'todo' : m.status === 'thresholdMet' ? 'todo' : m.status === 'collecting' ? 'doing' : 'muted',
    supportText: m.supportText,
    dueText: m.answerDueAt ? `${m.overdue ? '已超期：应在' : '须在'}${dateText(m.answerDueAt, now)}前列入议程或答复` : '',
    overdue: m.overdue,
    canAnswer: allows(m.allowedActions, 'motion.answer'),
  };
}

/** Overdue first, then those past threshold waiting for a meeting, then the rest as listed. */
export function motionOrder(a: MotionView, b: MotionView): number {
  const rank = (m: MotionView) => (m.overdue ? 0 : m.status === 'thresholdMet' ? 1 : 2);
  return rank(a) - rank(b);
}

export interface ResolutionRow {
  id: string;
  title: string;
  ownerName: string;
  percent: number;
  statusLabel: string;
  tone: Tone;
  dueText: string;
  overdue: boolean;
  meetingText: string;
}

export function resolutionRow(r: ResolutionView, now = Date.now()): ResolutionRow {
  return {
    id: r.id,
    title: r.title,
    ownerName: r.ownerName,
    percent: r.percent,
    statusLabel: r.statusLabel,
    tone: r.status === 'done' ? 'done' : r.status === 'cancelled' ? 'muted' : r.overdue ? 'todo' : 'doing',
    dueText: r.status === 'inProgress' ? `${r.overdue ? '已超期，期限' : '期限'} ${dateText(r.dueAt, now)}` : '',
    overdue: r.overdue && r.status === 'inProgress',
    meetingText: `${r.meeting.bodyLabel}「${r.meeting.title}」`,
  };
}

export interface EntryRow {
  key: string;
  label: string;
  peopleText: string;
  present: boolean;
  left: boolean;
  /** Short, for the tag beside the room: 未到 / 已签到 / 委托出席 / 已离场. */
  stateText: string;
  /** How and when, on its own line: 「扫码签到 今天 19:05」「马大爷代为出席」. */
  detailText: string;
  tone: Tone;
  people: { index: number; name: string }[];
}

export function entryRow(e: AttendanceEntryView, now = Date.now()): EntryRow {
  const state = !e.present ? '未到' : e.left ? '已离场' : e.via === 'proxy' ? '委托出席' : '已签到';
  const how = e.via === 'proxy' ? (e.agentName ? `${e.agentName}代为出席` : e.viaLabel ?? '') : e.viaLabel ?? '';
  return {
    key: e.unitKey,
    label: e.label,
    peopleText: e.people.map((p) => p.name).join('、'),
    present: e.present,
    left: e.left,
    stateText: state,
    detailText: e.present ? [how, e.at ? dateText(e.at, now) : ''].filter(Boolean).join(' ') : '',
    tone: !e.present ? 'muted' : e.left ? 'todo' : 'done',
    people: e.people.map((p, index) => ({ index, name: p.name })),
  };
}

export interface ProxyRow {
  id: string;
  principalLabel: string;
  agentName: string;
  scopeText: string;
  statusLabel: string;
  tone: Tone;
  viaText: string;
  usesText: string;
  canConfirm: boolean;
}

export function proxyRow(p: ProxyView): ProxyRow {
  return {
    id: p.proxyId,
    principalLabel: p.principalLabel,
    agentName: p.agentName ?? '（尚未接受）',
    scopeText: p.scopeText,
    statusLabel: p.statusLabel,
    tone: p.status === 'active' ? 'done' : p.status === 'pendingConfirm' || p.status === 'offered' ? 'todo' : 'muted',
    viaText: p.via === 'paper' ? `纸质委托书${p.recordedByName ? `，${p.recordedByName}登记` : ''}${p.confirmedByName ? `，${p.confirmedByName}复核` : ''}` : '小程序委托',
    usesText: p.uses.join('；'),
    canConfirm: p.status === 'pendingConfirm' && allows(p.allowedActions, 'meeting.confirmProxy'),
  };
}
