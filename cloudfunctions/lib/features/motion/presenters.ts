import type { MotionLinkView, MotionView } from '../../../../miniprogram/core/council/motion-contract';
import {
  AGENDA_ITEM_STATUS_LABELS,
  MOTION_ANSWER_LABELS,
  MOTION_SOURCE_LABELS,
  MOTION_STATUS_LABELS,
  RESOLUTION_STATUS_LABELS,
} from '../../../../miniprogram/core/council/vocabulary';
import type { Caller } from '../../kernel/caller';
import { isOverdue, motionActions } from './permissions';
import type { MotionRecord, MotionSupportRecord } from './records';
import { unitWord } from './settings';

export interface ViewExtras {
  /** The support of the caller's unit (household or self), if any. */
  support: MotionSupportRecord | null;
  /** The concern it came from, for its author and staff only; null for everyone else. */
  concern: MotionLinkView['concern'];
}

/** 「已有38户附议，需50户」; once met 「已有52户附议（需50户），已达标」. */
export function supportText(m: Pick<MotionRecord, 'supports' | 'threshold' | 'supportUnit'>): string {
  const w = unitWord(m.supportUnit);
  return m.supports >= m.threshold ? `已有${m.supports}${w}附议（需${m.threshold}${w}），已达标` : `已有${m.supports}${w}附议，需${m.threshold}${w}`;
}

export function toMotionView(caller: Caller, m: MotionRecord, now: number, extras: ViewExtras): MotionView {
  const { support } = extras;
  // Who of the household pressed the button is the household's own business.
  const ownHousehold = support !== null && support.householdId !== null && support.householdId === caller.householdId;
  const links: MotionLinkView = {
    concern: extras.concern,
    meeting: m.meetingId && m.meeting
      ? { meetingId: m.meetingId, title: m.meeting.title, startsAt: m.meeting.startsAt, itemStatusLabel: AGENDA_ITEM_STATUS_LABELS[m.meeting.itemStatus] ?? null }
      : null,
    resolution: m.resolutionId && m.resolution
      ? { resolutionId: m.resolutionId, title: m.resolution.title, percent: m.resolution.percent, statusLabel: RESOLUTION_STATUS_LABELS[m.resolution.status] }
      : null,
  };
  return {
    id: m._id,
    title: m.title,
    body: m.body,
    source: m.source,
    sourceLabel: MOTION_SOURCE_LABELS[m.source],
    moverName: m.moverName,
    scopeText: m.scopeText,
    status: m.status,
    statusLabel: MOTION_STATUS_LABELS[m.status],
    supportUnit: m.supportUnit,
    supports: m.supports,
    threshold: m.threshold,
    supportText: supportText(m),
    supportClosesAt: m.supportClosesAt,
    thresholdMetAt: m.thresholdMetAt,
    answerDueAt: m.answerDueAt,
    overdue: isOverdue(m, now),
    answer: m.answer ? { kind: m.answer.kind, label: MOTION_ANSWER_LABELS[m.answer.kind], reason: m.answer.reason, at: m.answer.at, byName: m.answer.byName } : null,
    supportedByMe: support !== null,
    supportedByName: ownHousehold || (support !== null && support.memberId === caller.memberId) ? support?.memberName ?? null : null,
    links,
    createdAt: m.createdAt,
    allowedActions: motionActions(caller, m, now, support !== null),
  };
}
