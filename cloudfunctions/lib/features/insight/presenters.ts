import { CASE_STATE_LABELS, CLUSTER_WINDOW_DAYS, type CaseView, type MonthlyTopicView } from '../../../../miniprogram/core/insight/contract';
import type { IdentifiedCaller } from '../../kernel/caller';
import { hasRole } from '../../kernel/caller';
import type { InsightCaseRecord, MonthlyTopicRecord } from './records';
import { inScope, scopeOf } from './scope';

/** Who may close an accepted case: the task's owner, whoever accepted it, or an admin. */
export function mayClose(caller: IdentifiedCaller, c: InsightCaseRecord): boolean {
  if (c.state !== 'accepted' || !c.decision) return false;
  return hasRole(caller, 'admin') || c.decision.owner?.memberId === caller.memberId || c.decision.byId === caller.memberId;
}

export function caseView(caller: IdentifiedCaller, c: InsightCaseRecord, now: number): CaseView {
  const allowed: CaseView['allowedActions'] = [];
  if (c.state === 'proposed' && inScope(scopeOf(caller), c.gridId)) allowed.push('insight.decideCase');
  if (mayClose(caller, c)) allowed.push('insight.closeCase');
  const d = c.decision;
  return {
    caseId: c._id,
    state: c.state,
    stateLabel: CASE_STATE_LABELS[c.state],
    buildingId: c.buildingId,
    buildingName: c.buildingName,
    gridId: c.gridId,
    category: c.category,
    categoryName: c.categoryName,
    title: `${c.buildingName} · ${c.categoryName}`,
    reason: `${CLUSTER_WINDOW_DAYS}天内${c.itemCount}件（${c.k}件起提示）`,
    itemCount: c.itemCount,
    items: c.items,
    windowFrom: c.windowFrom,
    windowTo: c.windowTo,
    proposedAt: c.proposedAt,
    decision: d
      ? { by: d.byName, at: d.at, kind: d.kind, reason: d.reason, motionId: d.motionId, owner: d.owner, dueAt: d.dueAt, overdue: c.state === 'accepted' && d.dueAt !== null && now > d.dueAt }
      : null,
    closed: c.closed ? { at: c.closed.at, by: c.closed.byName, summary: c.closed.summary } : null,
    allowedActions: allowed,
  };
}

export function topicView(caller: IdentifiedCaller, t: MonthlyTopicRecord, now: number): MonthlyTopicView {
  const done = t.milestones.filter((m) => m.doneAt !== null).length;
  return {
    month: t.month,
    topic: { category: t.category, title: t.title },
    owner: { memberId: t.ownerId, name: t.ownerName },
    target: t.target,
    milestones: t.milestones.map((m, index) => ({ index, title: m.title, dueAt: m.dueAt, doneAt: m.doneAt, note: m.note, overdue: m.doneAt === null && now > m.dueAt })),
    progress: { done, of: t.milestones.length, text: `${done}/${t.milestones.length}个节点完成` },
    setAt: t.setAt,
    canEdit: hasRole(caller, 'admin') || (hasRole(caller, 'gridWorker') && caller.memberId === t.ownerId),
  };
}
