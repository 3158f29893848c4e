/**
 * Who may do what with a resolution. Everyone in the community reads it (it is what their
 * meeting decided); its owner and the admins report progress; admins reassign it and keep
 * the 四议两公开 register. Pure; the handlers and `allowedActions` share it.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { PROCEDURE_STAGES } from '../../../../miniprogram/core/council/vocabulary';
import { AppError } from '../../../../miniprogram/core/errors';
import { hasRole, type Caller } from '../../kernel/caller';
import type { ResolutionRecord } from './records';

export const isOwner = (caller: Caller, r: ResolutionRecord) => caller.memberId !== null && caller.memberId === r.ownerId && hasRole(caller, 'gridWorker', 'admin');
export const isAdmin = (caller: Caller) => hasRole(caller, 'admin');
export const isStaff = (caller: Caller) => hasRole(caller, 'gridWorker', 'admin');

export function mayProgress(caller: Caller, r: ResolutionRecord): boolean {
  return isOwner(caller, r) || isAdmin(caller);
}

export function requireOpen(r: ResolutionRecord): void {
  if (r.status !== 'inProgress') throw new AppError('CLOSED', r.status === 'done' ? '该决议已办结' : '该决议已撤销');
}

export function resolutionActions(caller: Caller, r: ResolutionRecord): ActionName[] {
  const out: ActionName[] = ['resolution.get'];
  const open = r.status === 'inProgress';
  if (open && mayProgress(caller, r)) out.push('resolution.progress');
  if (open && isAdmin(caller)) out.push('resolution.reassign');
  // The next stage to enter, unless it is 实施结果公开 and the work is not done yet.
  const nextStage = PROCEDURE_STAGES.find((s) => !r.stages.some((x) => x.stage === s));
  if (r.procedure && isAdmin(caller) && nextStage && (nextStage !== 'discloseResult' || r.status === 'done')) out.push('resolution.recordStage');
  return out;
}
