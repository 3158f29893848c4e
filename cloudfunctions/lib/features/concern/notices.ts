import { excerpt } from '../../../../miniprogram/core/format';
import type { NoticeSpec } from '../../kernel/feature';
import type { ConcernRecord } from './records';

/** Every kind of message this feature sends, who reads it and the subscription template it may push as. */
export const CONCERN_NOTICES = {
  'concern.dispatched': { audience: 'staff', template: 'staffTask' },
  'concern.rated': { audience: 'staff' },
  'concern.accepted': { audience: 'resident', template: 'concernProgress' },
  'concern.filedFor': { audience: 'resident', template: 'concernProgress' },
  'concern.replied': { audience: 'resident', template: 'concernProgress' },
  'concern.infoRequested': { audience: 'resident', template: 'concernProgress' },
  'concern.whistled': { audience: 'resident', template: 'concernProgress' },
  'concern.merged': { audience: 'resident', template: 'concernProgress' },
  'concern.resolved': { audience: 'resident', template: 'concernResolved' },
  'concern.moderated': { audience: 'resident' },
  'concern.supervised': { audience: 'staff', template: 'staffTask' },
  'concern.supplemented': { audience: 'staff' },
  'concern.withdrawn': { audience: 'staff' },
  'concern.unsigned': { audience: 'staff', template: 'staffTask' },
  'concern.rerouted': { audience: 'staff', template: 'staffTask' },
  'concern.overdue': { audience: 'staff', template: 'staffTask' },
  'concern.escalated': { audience: 'staff', template: 'staffTask' },
  'concern.whistleLate': { audience: 'staff', template: 'staffTask' },
  'concern.urged': { audience: 'staff', template: 'staffTask' },
  'concern.waitClosed': { audience: 'staff' },
  'concern.residentSilent': { audience: 'resident', template: 'concernProgress' },
  // To a department's contact person (they allow the staff template from their page).
  'concern.departmentRequested': { audience: 'staff', template: 'staffTask' },
  'concern.departmentChased': { audience: 'staff', template: 'staffTask' },
  // To the handler: the department answered, or its wait ran out.
  'concern.departmentAnswered': { audience: 'staff', template: 'staffTask' },
  'concern.departmentLapsed': { audience: 'staff', template: 'staffTask' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof CONCERN_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}

export type ConcernNoticeKind = keyof typeof CONCERN_NOTICES;

/** Where a notice of this kind opens: staff work from the workbench page, residents from theirs. */
export function noticePage(kind: ConcernNoticeKind, concernId: string): string {
  if (kind === 'concern.departmentRequested' || kind === 'concern.departmentChased') return `/staff/department/request?id=${concernId}`;
  return CONCERN_NOTICES[kind].audience === 'staff' ? `/staff/concern/index?id=${concernId}` : `/pages/concern-detail/index?id=${concernId}`;
}

/** Words held by the content check stay out of every message, push and queue line. */
export const HELD_TEXT = '（内容审核中）';

export function concernWords(c: Pick<ConcernRecord, 'text' | 'moderation'>, max = 30): string {
  return c.moderation === 'pass' ? excerpt(c.text, max) : HELD_TEXT;
}

/** The one line staff read about a concern in a notice: where, and what (if it passed the check). */
export function staffLine(c: Pick<ConcernRecord, 'buildingName' | 'text' | 'moderation'>): string {
  return `${c.buildingName}：${concernWords(c)}`;
}
