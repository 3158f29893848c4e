import { ENTRY_KIND_LABELS, type HourEntryView } from '../../../../miniprogram/core/hours/contract';
import { ENTRY_FLAG_LABELS } from '../../../../miniprogram/core/volunteer/check-in-contract';
import { ENTRY_STATUS_LABELS, hoursText } from '../../../../miniprogram/core/volunteer/vocabulary';
import type { Caller } from '../../kernel/caller';
import type { HourEntryRecord } from '../volunteer/records';
import { awaitingSecond, entryActions } from './rules';

export function toEntryView(caller: Caller, e: HourEntryRecord, volunteerName?: string): HourEntryView {
  return {
    id: e._id,
    content: e.content,
    serviceDate: e.serviceDate,
    kind: e.kind,
    kindLabel: ENTRY_KIND_LABELS[e.kind],
    minutes: e.minutes,
    hoursText: hoursText(e.minutes),
    status: e.status,
    statusLabel: awaitingSecond(e) ? '待第二人核验' : ENTRY_STATUS_LABELS[e.status],
    flags: e.flags,
    flagLabels: e.flags.map((f) => ENTRY_FLAG_LABELS[f]),
    reason: e.reason,
    awaitingSecond: awaitingSecond(e),
    ...(volunteerName !== undefined ? { volunteerName } : {}),
    allowedActions: entryActions(caller, e),
  };
}
