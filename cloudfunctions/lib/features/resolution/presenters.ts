import { PROCEDURE_STAGES, PROCEDURE_STAGE_LABELS, RESOLUTION_STATUS_LABELS } from '../../../../miniprogram/core/council/vocabulary';
import type { ProcedureStageView, ResolutionView } from '../../../../miniprogram/core/council/resolution-contract';
import type { Caller } from '../../kernel/caller';
import { resolutionActions } from './permissions';
import type { ResolutionRecord } from './records';
import { ratioText } from './stages';

export function isOverdue(r: Pick<ResolutionRecord, 'status' | 'dueAt'>, now: number): boolean {
  return r.status === 'inProgress' && now > r.dueAt;
}

function stagesOf(r: ResolutionRecord): ProcedureStageView[] {
  return PROCEDURE_STAGES.map((stage) => {
    const s = r.stages.find((x) => x.stage === stage);
    return {
      stage,
      label: PROCEDURE_STAGE_LABELS[stage],
      done: !!s,
      date: s?.date ?? null,
      bodyText: s?.bodyText ?? null,
      due: s?.due ?? null,
      present: s?.present ?? null,
      ratioText: s && s.due !== null && s.present !== null ? ratioText(s.due, s.present) : null,
      quorumText: s?.quorumText || null,
      outcome: s?.outcome ?? null,
      recordedByName: s?.recordedByName ?? null,
    };
  });
}

/**
 * `visibleConcerns`: the concern ids the caller may see (their own, or within their reach as
 * staff); the others are left out, not blanked, so a neighbour learns nothing of them.
 */
export function toResolutionView(caller: Caller, r: ResolutionRecord, now: number, visibleConcerns: ReadonlySet<string>): ResolutionView {
  return {
    id: r._id,
    title: r.title,
    text: r.text,
    meeting: { meetingId: r.meetingId, title: r.meetingTitle, bodyLabel: r.bodyLabel, at: r.meetingAt },
    explanation: r.explanation,
    motion: r.motionId ? { motionId: r.motionId, title: r.motionTitle ?? r.title } : null,
    concerns: r.concerns.filter((c) => visibleConcerns.has(c.concernId)),
    ownerName: r.ownerName,
    dueAt: r.dueAt,
    overdue: isOverdue(r, now),
    status: r.status,
    statusLabel: RESOLUTION_STATUS_LABELS[r.status],
    percent: r.percent,
    progress: r.progress.map((p) => ({ percent: p.percent, text: p.text, photoIds: p.photoIds, at: p.at, byName: p.byName })),
    procedure: r.procedure ? stagesOf(r) : null,
    doneAt: r.doneAt,
    allowedActions: resolutionActions(caller, r),
  };
}
