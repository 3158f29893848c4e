/**
 * Hours ledger entries as the pages render them: display strings only. What a caller may do
 * comes from `allowedActions`, never from the status here.
 */
import type { HourEntryView } from '../core/hours/contract';
import { allows } from './view';

export interface EntryRow {
  id: string;
  content: string;
  /** 2026-05-06 → 2026年5月6日 */
  dateText: string;
  kindLabel: string;
  hoursText: string;
  statusLabel: string;
  tone: 'todo' | 'done' | 'muted';
  flagText: string;
  reason: string;
  volunteerName: string;
  secondText: string;
  disputeLabel: string;
  disputeText: string;
  answer: string;
  canDispute: boolean;
  canVerify: boolean;
  canAdjust: boolean;
}

export function serviceDateText(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : isoDate;
}

export function entryRow(e: HourEntryView): EntryRow {
  return {
    id: e.id,
    content: e.content,
    dateText: serviceDateText(e.serviceDate),
    kindLabel: e.kindLabel,
    // A correction reads as what it changes: +0.5小时 / -1.0小时.
    hoursText: e.kind === 'adjustment' && e.minutes > 0 ? `+${e.hoursText}` : e.hoursText,
    statusLabel: e.statusLabel,
    tone: e.status === 'verified' ? 'done' : e.status === 'declined' ? 'muted' : 'todo',
    flagText: e.flagLabels.join('；'),
    reason: e.reason ?? '',
    volunteerName: e.volunteerName ?? '',
    secondText: e.awaitingSecond ? '已有一人核验，需另一位负责人再核验' : '',
    disputeLabel: e.dispute?.statusLabel ?? '',
    disputeText: e.dispute?.text ?? '',
    answer: e.dispute?.answer ?? '',
    canDispute: allows(e.allowedActions, 'hours.dispute'),
    canVerify: allows(e.allowedActions, 'hours.verify'),
    canAdjust: allows(e.allowedActions, 'hours.adjust'),
  };
}
