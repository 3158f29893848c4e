import {
  CONCERN_STATUS_LABELS,
  RESIDENT_STATUS_LABELS,
  RESIDENT_TIMELINE_LABELS,
  type ConcernEventView,
  type ConcernSummary,
  type ConcernView,
  type QueueItem,
  OPEN_STATUSES,
} from '../../../../miniprogram/core/concern/contract';
import { excerpt } from '../../../../miniprogram/core/format';
import { hasRole, type Caller } from '../../kernel/caller';
import { photoVisible, type MediaRecord } from '../media/records';
import { isOverdue } from './lifecycle';
import { CONCERN_EVENTS } from './events';
import { HELD_TEXT } from './notices';
import { concernActions, isAuthor, isStaffViewer } from './permissions';
import { FILING_CHANNEL_LABELS } from '../../../../miniprogram/core/channels';
import { MOTION_STATUS_LABELS } from '../../../../miniprogram/core/council/vocabulary';
import type { ConcernRecord, TrailStep } from './records';

/** Steps whose note is the author's own words. */
const AUTHOR_WORDS = new Set(['concern.supplemented', 'concern.rated', 'concern.reopened', 'concern.withdrawn']);

/** Held words are shown to their author and the admins who moderate them, to nobody else. */
export function mayReadText(caller: Caller, c: ConcernRecord): boolean {
  return c.moderation === 'pass' || isAuthor(caller, c) || hasRole(caller, 'admin');
}

export function toSummary(c: ConcernRecord, caller: Caller): ConcernSummary {
  return {
    id: c._id,
    number: c.number,
    categoryName: c.categoryName,
    excerpt: mayReadText(caller, c) ? excerpt(c.text) : HELD_TEXT,
    status: c.status,
    // Staff read the desk's words (待签收); the resident reads where it stands (正在办理).
    statusLabel: isStaffViewer(caller, c) ? CONCERN_STATUS_LABELS[c.status] : RESIDENT_STATUS_LABELS[c.status],
    buildingName: c.buildingName,
    createdAt: c.createdAt,
  };
}

export function toQueueItem(c: ConcernRecord, caller: Caller, now: number, names: ReadonlyMap<string, string>): QueueItem {
  const item: QueueItem = { ...toSummary(c, caller), gridId: c.gridId, overdue: c.overdue || isOverdue(c, now), escalationLevel: c.escalationLevel };
  const dueAt = runningDeadline(c);
  if (dueAt !== null) item.dueAt = dueAt;
  const name = c.assigneeId ? names.get(c.assigneeId) : undefined;
  if (name) item.assigneeName = name;
  return item;
}

/** The deadline the workbench counts down: contact while unsigned, else resolve; none while paused or finished. */
function runningDeadline(c: ConcernRecord): number | null {
  if (c.pausedAt !== null || !OPEN_STATUSES.includes(c.status)) return null;
  if (c.status === 'dispatched' && c.acceptedAt === null) return c.contactDueAt;
  return c.resolveDueAt;
}

function staffRef(id: string | null, names: ReadonlyMap<string, string>) {
  return id ? { memberId: id, name: names.get(id) ?? '社区工作人员' } : undefined;
}

/**
 * Whitelisted detail. Staff see everything; the author and followers see the public
 * timeline, and staff names only as staff. The author's name reaches staff only.
 */
export interface ViewExtras {
  templates?: string[];
  /** Media records of every photo in the view, by file id: decides who sees which photo. */
  media?: ReadonlyMap<string, MediaRecord>;
  /** The author's phone, decrypted, for staff handling it. */
  authorPhone?: string;
}

export function toConcernView(
  caller: Caller,
  c: ConcernRecord,
  events: readonly TrailStep[],
  names: ReadonlyMap<string, string>,
  now: number,
  extras: ViewExtras = {},
): ConcernView {
  const { templates = [], media = new Map<string, MediaRecord>() } = extras;
  const staff = isStaffViewer(caller, c);
  const visible = (ids: readonly string[]) => ids.filter((f) => photoVisible(media.get(f), caller.memberId));
  // Text the check could not clear is shown to its author and the moderators only.
  const held = !mayReadText(caller, c);
  // A follower (author of a merged duplicate) hears how it goes, but another resident's
  // own words and photos stay with that resident and the staff.
  const follower = !staff && !isAuthor(caller, c);
  const timeline = events
    .filter((e) => staff || e.public)
    .map((e): ConcernEventView => {
      const audit = CONCERN_EVENTS[e.type as keyof typeof CONCERN_EVENTS] ?? '进展';
      const item: ConcernEventView = { type: e.type, label: (!staff && RESIDENT_TIMELINE_LABELS[e.type]) || audit, at: e.at };
      const actorIsStaff = e.actorRole === 'gridWorker' || e.actorRole === 'admin';
      if (e.actorId && (staff || actorIsStaff)) {
        const name = names.get(e.actorId);
        if (name) item.actorName = name;
      }
      // A 催办 is public (the resident sees it was chased), its words are between staff.
      // The author's own words (supplement, rating comment, reopen reason) stay with the author.
      const privateNote = (follower && AUTHOR_WORDS.has(e.type)) || (!staff && e.type === 'concern.urged');
      if (e.note && !privateNote) item.note = e.note;
      const shown = follower ? [] : visible(e.photos ?? []);
      if (shown.length) item.photos = shown;
      if (!e.public) item.internal = true;
      return item;
    });
  const view: ConcernView = {
    ...toSummary(c, caller),
    category: c.category,
    text: follower ? '（您反映的问题已与此诉求合并办理，原文仅提交人和工作人员可见）' : held ? '（内容审核中，审核通过后显示）' : c.text,
    photos: follower ? [] : visible(c.photos),
    ...(follower ? { excerpt: '与您反映的问题合并办理' } : {}),
    buildingId: c.buildingId,
    gridId: c.gridId,
    hideName: c.hideName,
    contactDueAt: c.contactDueAt,
    resolveDueAt: c.resolveDueAt,
    overdue: c.overdue || isOverdue(c, now),
    escalationLevel: c.escalationLevel,
    timeline,
    allowedActions: concernActions(caller, c, now),
  };
  if (staff && c.authorName) view.authorName = c.authorName;
  if (staff && extras.authorPhone) view.authorPhone = extras.authorPhone;
  if (held || c.moderation === 'review') view.underReview = true;
  const assignee = staffRef(c.assigneeId, names);
  if (assignee) view.assignee = assignee;
  const first = staffRef(c.firstResponderId, names);
  if (first) view.firstResponder = first;
  if (c.pausedAt !== null) view.pausedSince = c.pausedAt;
  // Only the author can answer the question: a merge follower gets no countdown.
  if (c.status === 'waitingResident' && c.residentWait && !follower) view.residentWaitUntil = c.residentWait.closeAt;
  if (staff && c.urges) view.urges = c.urges;
  if (staff && c.lastUrgedAt) view.lastUrgedAt = c.lastUrgedAt;
  if (c.resolution) view.resolution = { summary: c.resolution.summary, photos: visible(c.resolution.photos), at: c.resolution.at };
  if (c.rating) {
    view.rating = { resolved: c.rating.resolved, satisfaction: c.rating.satisfaction, at: c.rating.at };
    // The comment is the author's words: a follower of a merge sees the verdict, not them.
    if (c.rating.comment && !follower) view.rating.comment = c.rating.comment;
  }
  // Only the author rates: a follower is not shown a deadline for something they cannot do.
  if (c.rateDueAt !== null && c.status === 'resolved' && !follower) view.rateDueAt = c.rateDueAt;
  if (c.mergedInto) view.mergedInto = c.mergedInto;
  if (c.whistle) view.whistle = { department: c.whistle.department, since: c.whistle.since, dueAt: c.whistle.dueAt };
  if (staff && templates.length) view.replyTemplates = templates;
  if (c.motion) view.motion = { motionId: c.motion.motionId, title: c.motion.title, statusLabel: MOTION_STATUS_LABELS[c.motion.status] };
  if (c.filedBy) {
    const f = c.filedBy;
    view.filedBy = { channel: f.channel, channelLabel: FILING_CHANNEL_LABELS[f.channel] };
    if (staff) {
      view.filedBy.staffName = f.name;
      view.filedBy.reason = f.reason;
      if (f.contactName) view.filedBy.contactName = f.contactName;
    }
  }
  return view;
}
