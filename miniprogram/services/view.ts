/**
 * Turns contract views into the few strings a page renders, so setData carries display
 * text only and every page words things the same way.
 */
import { RESIDENT_STATUS_LABELS, type ConcernStatus, type ConcernSummary, type QueueItem } from '../core/concern/contract';
import type { BindingRequestView, BindingStatus, HouseholdView } from '../core/member/contract';
import type { GridView } from '../core/community/contract';
import { ROLE_LABELS, type CallerRole } from '../core/roles';
import { dateText, timeLeftText } from './dates';

/** Residents type "3" or "3单元"; show the unit word once either way. */
export function formatAddress(a: Pick<HouseholdView, 'buildingName' | 'unit' | 'room'>): string {
  const unit = /^\d+$/.test(a.unit) ? `${a.unit}单元` : a.unit;
  const room = /^\d+$/.test(a.room) ? `${a.room}室` : a.room;
  return `${a.buildingName} ${unit} ${room}`;
}

export function roleText(roles: readonly CallerRole[]): string {
  const list = roles.length > 0 ? roles : (['visitor'] as const);
  return list.map((r) => ROLE_LABELS[r]).join('、');
}

/** Colour family of a status tag: waiting on staff, in progress, finished, or ended. */
export type Tone = 'todo' | 'doing' | 'done' | 'muted';

const STATUS_TONES: Record<ConcernStatus, Tone> = {
  dispatched: 'todo',
  accepted: 'doing',
  waitingResident: 'todo',
  coordinating: 'doing',
  resolved: 'done',
  supervised: 'doing',
  closed: 'done',
  withdrawn: 'muted',
  merged: 'muted',
};

export function statusTone(status: string): Tone {
  return (STATUS_TONES as Record<string, Tone | undefined>)[status] ?? 'muted';
}

export interface ConcernRow {
  id: string;
  number: string;
  categoryName: string;
  excerpt: string;
  statusLabel: string;
  tone: Tone;
  buildingName: string;
  createdText: string;
  overdue: boolean;
}

/** Whose words a page speaks: the resident's plain ones (正在办理) or the desk's (办理中). */
export type Audience = 'resident' | 'staff';

/** The status as `audience` reads it; residents never see 待签收 or 督办中. */
export function statusText(c: Pick<ConcernSummary, 'status' | 'statusLabel'>, audience: Audience): string {
  return audience === 'resident' ? (RESIDENT_STATUS_LABELS as Record<string, string | undefined>)[c.status] ?? c.statusLabel : c.statusLabel;
}

export function concernRow(c: ConcernSummary & { overdue?: boolean }, audience: Audience = 'staff'): ConcernRow {
  return {
    id: c.id,
    number: c.number,
    categoryName: c.categoryName,
    excerpt: c.excerpt,
    statusLabel: statusText(c, audience),
    tone: statusTone(c.status),
    buildingName: c.buildingName,
    createdText: dateText(c.createdAt),
    overdue: c.overdue === true,
  };
}

/** 0 none; 1 the grid leader was chased; 2 community admins were chased. */
export function escalationText(level: number): string {
  if (level >= 2) return '社区督办';
  if (level === 1) return '网格长督办';
  return '';
}

export interface QueueRow extends ConcernRow {
  /** '网格长督办' / '社区督办', '' when nobody has been chased. */
  escalationText: string;
  assigneeName: string;
  /** 剩4小时 / 剩2天 / 超期; '' while the clocks stand still or it is finished. */
  dueText: string;
}

/** A workbench row: what the worker needs to triage without opening it. */
export function queueRow(item: QueueItem): QueueRow {
  const left = timeLeftText(item.dueAt, item.overdue);
  return {
    ...concernRow(item),
    escalationText: escalationText(item.escalationLevel ?? 0),
    assigneeName: item.assigneeName ?? '',
    dueText: left.text,
    // The 超期 tag says it already; the row's own overdue flag stays for the tag's colour.
    overdue: left.late,
  };
}

export const BINDING_STATUS_LABELS: Record<BindingStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  expired: '已过期',
  ended: '已搬离',
};

export interface RequestRow {
  id: string;
  name: string;
  address: string;
  statusLabel: string;
  reason: string;
  createdText: string;
  canReview: boolean;
}

export function requestRow(r: BindingRequestView): RequestRow {
  return {
    id: r.id,
    name: r.name,
    address: formatAddress(r),
    statusLabel: BINDING_STATUS_LABELS[r.status] ?? r.status,
    reason: r.reason ?? '',
    createdText: dateText(r.createdAt),
    canReview: r.allowedActions.includes('member.reviewRequest'),
  };
}

export interface GridRow {
  id: string;
  name: string;
  workerA: string;
  workerB: string;
}

export function gridRow(g: GridView): GridRow {
  return { id: g.id, name: g.name, workerA: g.workerA?.name ?? '', workerB: g.workerB?.name ?? '' };
}

/** True when any of `actions` is among what the server says the caller may do. */
export function allows(allowed: readonly string[] | undefined, ...actions: string[]): boolean {
  return !!allowed && actions.some((a) => allowed.includes(a));
}
