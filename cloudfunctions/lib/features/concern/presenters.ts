import {
  CONCERN_STATUS_LABELS,
  type ConcernEventView,
  type ConcernSummary,
  type ConcernView,
} from '../../../../miniprogram/core/concern/contract';
import { excerpt } from '../../../../miniprogram/core/format';
import type { Caller } from '../../kernel/caller';
import type { EventRecord } from '../audit/events';
import { concernActions, isHandler } from './permissions';
import type { ConcernRecord } from './records';

const EVENT_LABELS: Record<string, string> = {
  'concern.submitted': '已受理',
  'concern.dispatched': '已分派',
};

export function toSummary(c: ConcernRecord): ConcernSummary {
  return {
    id: c._id,
    number: c.number,
    categoryName: c.categoryName,
    excerpt: excerpt(c.text),
    status: c.status,
    statusLabel: CONCERN_STATUS_LABELS[c.status],
    buildingName: c.buildingName,
    createdAt: c.createdAt,
  };
}

/** Whitelisted detail: staff-only fields are added only for handlers. */
export function toConcernView(
  caller: Caller,
  c: ConcernRecord,
  events: EventRecord[],
  names: ReadonlyMap<string, string>,
): ConcernView {
  const staff = isHandler(caller, c);
  const timeline = events
    .filter((e) => staff || e.public)
    .map((e): ConcernEventView => {
      const item: ConcernEventView = { type: e.type, label: EVENT_LABELS[e.type] ?? e.type, at: e.at };
      const actorIsStaff = e.actorRole === 'gridWorker' || e.actorRole === 'admin';
      if (e.actorId && (staff || actorIsStaff)) {
        const name = names.get(e.actorId);
        if (name) item.actorName = name;
      }
      if (e.note && (staff || e.public)) item.note = e.note;
      return item;
    });
  const view: ConcernView = {
    ...toSummary(c),
    category: c.category,
    text: c.text,
    buildingId: c.buildingId,
    gridId: c.gridId,
    hideName: c.hideName,
    timeline,
    allowedActions: concernActions(caller, c),
  };
  if (staff && c.authorName) view.authorName = c.authorName;
  if (c.assigneeId) view.assignee = { memberId: c.assigneeId, name: names.get(c.assigneeId) ?? '社区工作人员' };
  return view;
}
