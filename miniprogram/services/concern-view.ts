/**
 * A concern's detail as the resident and the staff pages render it. Both pages show the same
 * words for the same facts; what each may do comes from `allowedActions`, not from here.
 */
import { OPEN_STATUSES, type ConcernEventView, type ConcernView } from '../core/concern/contract';
import type { GridView, StaffRef } from '../core/community/contract';
import { dateText as formatDateTime } from './dates';
import type { PhotoItem } from './photos';
import { escalationText, statusText, statusTone, type Audience, type Tone } from './view';

/** Actions only staff take; one of them present means the caller handles this concern. */
export const STAFF_CONCERN_ACTIONS = [
  'concern.accept',
  'concern.reply',
  'concern.note',
  'concern.requestInfo',
  'concern.transfer',
  'concern.whistle',
  'concern.reportBack',
  'concern.merge',
  'concern.resolve',
] as const;

export const INFO_REQUESTED = 'concern.infoRequested';

export function starsText(n: number): string {
  const k = Math.max(0, Math.min(5, Math.round(n)));
  return '★'.repeat(k) + '☆'.repeat(5 - k);
}

export interface TimelineRow {
  key: string;
  label: string;
  atText: string;
  actorName: string;
  note: string;
  internal: boolean;
  photos: PhotoItem[];
}

export interface DetailView {
  id: string;
  number: string;
  statusLabel: string;
  tone: Tone;
  categoryName: string;
  text: string;
  buildingName: string;
  createdText: string;
  assigneeName: string;
  firstResponderName: string;
  authorName: string;
  /** The author's phone: present for the staff handling it, when the author gave one. */
  authorPhone: string;
  /** The text waits for content review (a placeholder may stand in for it). */
  underReview: boolean;
  hideName: boolean;
  photos: PhotoItem[];
  contactDueText: string;
  resolveDueText: string;
  /** '' when the clocks are running. */
  pausedText: string;
  overdue: boolean;
  escalationText: string;
  merged: { id: string; number: string } | null;
  resolution: { summary: string; atText: string; photos: PhotoItem[] } | null;
  rating: { resolvedText: string; stars: string; comment: string; atText: string } | null;
  rateDueText: string;
  whistle: { department: string; sinceText: string; dueText: string } | null;
  /** The staff question the resident is asked to answer, while waiting on them. */
  waitingQuestion: string;
}

/** The newest request for information: staff may ask more than once. */
export function latestQuestion(timeline: readonly ConcernEventView[]): string {
  let best: ConcernEventView | undefined;
  for (const e of timeline) {
    if (e.type === INFO_REQUESTED && (!best || e.at >= best.at)) best = e;
  }
  return best?.note ?? '';
}

/** Turns file ids into what the page shows (see services/photos.ts); none by default. */
export type PhotoMapper = (ids: readonly string[] | undefined) => PhotoItem[];
const noPhotos: PhotoMapper = () => [];

export function detailView(c: ConcernView, photoItems: PhotoMapper = noPhotos, audience: Audience = 'staff'): DetailView {
  // A finished concern's promises are kept or broken already: the resident is not shown a deadline still to come.
  const clocks = audience === 'staff' || OPEN_STATUSES.includes(c.status);
  return {
    id: c.id,
    number: c.number,
    statusLabel: statusText(c, audience),
    tone: statusTone(c.status),
    categoryName: c.categoryName,
    text: c.text,
    buildingName: c.buildingName,
    createdText: formatDateTime(c.createdAt),
    assigneeName: c.assignee?.name ?? '',
    firstResponderName: c.firstResponder?.name ?? '',
    authorName: c.authorName ?? '',
    authorPhone: c.authorPhone ?? '',
    underReview: c.underReview === true,
    hideName: c.hideName,
    photos: photoItems(c.photos),
    contactDueText: clocks && c.contactDueAt ? formatDateTime(c.contactDueAt) : '',
    resolveDueText: clocks && c.resolveDueAt ? formatDateTime(c.resolveDueAt) : '',
    pausedText: c.pausedSince ? formatDateTime(c.pausedSince) : '',
    overdue: c.overdue === true,
    escalationText: escalationText(c.escalationLevel ?? 0),
    merged: c.mergedInto ? { id: c.mergedInto.id, number: c.mergedInto.number } : null,
    resolution: c.resolution
      ? { summary: c.resolution.summary, atText: formatDateTime(c.resolution.at), photos: photoItems(c.resolution.photos) }
      : null,
    rating: c.rating
      ? {
          resolvedText: c.rating.resolved ? '已解决' : '未解决',
          stars: starsText(c.rating.satisfaction),
          comment: c.rating.comment ?? '',
          atText: formatDateTime(c.rating.at),
        }
      : null,
    rateDueText: c.rateDueAt ? formatDateTime(c.rateDueAt) : '',
    whistle: c.whistle
      ? { department: c.whistle.department, sinceText: formatDateTime(c.whistle.since), dueText: formatDateTime(c.whistle.dueAt) }
      : null,
    waitingQuestion: c.status === 'waitingResident' ? latestQuestion(c.timeline) : '',
  };
}

export function timelineRows(c: ConcernView, photoItems: PhotoMapper = noPhotos): TimelineRow[] {
  return c.timeline.map((e, i) => ({
    key: `${i}-${e.at}`,
    label: e.label,
    atText: formatDateTime(e.at),
    actorName: e.actorName ?? '',
    note: e.note ?? '',
    internal: e.internal === true,
    photos: photoItems(e.photos),
  }));
}

/** Every photo a view mentions, to ask media.urls for them in one go. */
export function photoIdsOf(c: ConcernView): string[] {
  const ids = [...c.photos, ...(c.resolution?.photos ?? [])];
  for (const e of c.timeline) ids.push(...(e.photos ?? []));
  return [...new Set(ids)];
}

/**
 * The setData patch that re-renders only a view's photos (after their addresses arrive):
 * the concern's, the resolution's and each timeline entry that has any.
 */
export function photoPatch(c: ConcernView, photoItems: PhotoMapper): Record<string, PhotoItem[]> {
  const patch: Record<string, PhotoItem[]> = { 'concern.photos': photoItems(c.photos) };
  if (c.resolution) patch['concern.resolution.photos'] = photoItems(c.resolution.photos);
  c.timeline.forEach((e, i) => {
    if (e.photos && e.photos.length > 0) patch[`timeline[${i}].photos`] = photoItems(e.photos);
  });
  return patch;
}

export interface Person extends StaffRef {
  label: string;
}

/** The people a concern can go to: each grid's A and B, once each, labelled with the grid. */
export function transferPeople(grids: readonly GridView[]): Person[] {
  const seen = new Set<string>();
  const out: Person[] = [];
  for (const g of grids) {
    for (const [ref, role] of [
      [g.workerA, 'A角'],
      [g.workerB, 'B角'],
    ] as const) {
      if (!ref || seen.has(ref.memberId)) continue;
      seen.add(ref.memberId);
      out.push({ ...ref, label: `${ref.name}（${g.name}${role}）` });
    }
  }
  return out;
}

