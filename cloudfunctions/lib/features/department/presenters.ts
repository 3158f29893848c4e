import type { ActionName } from '../../../../miniprogram/core/action-names';
import {
  DEPARTMENT_KIND_LABELS,
  type DepartmentRequestSummary,
  type DepartmentRequestView,
  type DepartmentView,
} from '../../../../miniprogram/core/department/contract';
import { excerpt } from '../../../../miniprogram/core/format';
import { hasRole, type Caller } from '../../kernel/caller';
import type { MemberRecord } from '../../kernel/members';
import type { EventRecord } from '../../kernel/audit';
import { HELD_TEXT } from '../concern/notices';
import type { ConcernRecord } from '../concern/records';
import type { DepartmentRecord } from './records';

/** The contact as recorded on the entry, if that member still holds the post. */
export function currentContact(d: DepartmentRecord, members: ReadonlyMap<string, MemberRecord>): MemberRecord | undefined {
  const m = d.contactId ? members.get(d.contactId) : undefined;
  return m && !m.deletedAt && m.roles.includes('department') && m.departmentId === d._id ? m : undefined;
}

export function toDepartmentView(
  caller: Caller,
  d: DepartmentRecord,
  members: ReadonlyMap<string, MemberRecord>,
  owners: ReadonlyMap<string, string>,
): DepartmentView {
  const mine = d.communityId === caller.communityId;
  const view: DepartmentView = { id: d._id, name: d.name, kind: d.kind, kindLabel: DEPARTMENT_KIND_LABELS[d.kind], active: d.active, shared: d.shared, hasContact: false, allowedActions: [] };
  if (d.phone) view.phone = d.phone;
  if (!mine) view.ownerName = owners.get(d.communityId) ?? '其他社区';
  // The contact's name is for the community that appointed them.
  const holder = currentContact(d, members);
  view.hasContact = !!holder;
  const contact = mine ? holder : undefined;
  if (contact) view.contact = { name: contact.name ?? '部门联系人', since: d.contactSince ?? d.updatedAt };
  if (mine && hasRole(caller, 'admin')) {
    const actions: ActionName[] = ['department.upsert', 'department.issueCode'];
    if (contact) actions.push('department.removeContact');
    view.allowedActions = actions;
  }
  return view;
}

export function isOpenFor(c: ConcernRecord, departmentId: string): boolean {
  return c.status === 'coordinating' && c.whistle?.departmentId === departmentId;
}

/** Whether the department was ever called into this concern (and so its contact may read it). */
export function calledIn(c: ConcernRecord, departmentId: string): boolean {
  return c.whistle?.departmentId === departmentId || (c.departmentIds ?? []).includes(departmentId);
}

const readable = (c: ConcernRecord) => (c.moderation === 'pass' ? c.text : HELD_TEXT);

export function toRequestSummary(c: ConcernRecord, departmentId: string, communityName: string, now: number): DepartmentRequestSummary {
  const open = isOpenFor(c, departmentId);
  return {
    concernId: c._id,
    number: c.number,
    categoryName: c.categoryName,
    excerpt: c.moderation === 'pass' ? excerpt(c.text) : HELD_TEXT,
    buildingName: c.buildingName,
    communityName,
    askedAt: c.whistle?.since ?? c.updatedAt,
    dueAt: c.whistle?.dueAt ?? c.updatedAt,
    open,
    overdue: open && !!c.whistle && now > c.whistle.dueAt,
  };
}

export interface RequestExtras {
  communityName: string;
  photoUrls: string[];
  events: EventRecord[];
  handlerName?: string;
  residentPhone?: string;
  /** What was asked, kept with the answer once the whistle is over. */
  ask?: string;
}

/**
 * The problem and what was asked, for the department. Never the resident's name or room;
 * their phone only while the request is open and the handler shared it.
 */
export function toRequestView(caller: Caller, c: ConcernRecord, departmentId: string, now: number, x: RequestExtras): DepartmentRequestView {
  const summary = toRequestSummary(c, departmentId, x.communityName, now);
  const view: DepartmentRequestView = {
    ...summary,
    text: readable(c),
    photos: x.photoUrls,
    ask: summary.open && c.whistle ? c.whistle.note : x.ask ?? '',
    answers: x.events.filter((e) => e.type === 'concern.reportedBack' && e.actorId === caller.memberId).map((e) => ({ text: answerText(e.note), at: e.at })),
    allowedActions: summary.open ? ['department.answer'] : [],
  };
  if (x.handlerName) view.handlerName = x.handlerName;
  if (summary.open && c.whistle?.sharePhone && x.residentPhone) view.residentPhone = x.residentPhone;
  return view;
}

/** Steps read `物业公司：已修复`; the department knows its own name. */
function answerText(note: string | null): string {
  const s = note ?? '';
  const at = s.indexOf('：');
  return at >= 0 ? s.slice(at + 1) : s;
}
