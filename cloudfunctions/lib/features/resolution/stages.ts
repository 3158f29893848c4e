/**
 * 四议两公开 as a register: six stages in order, each written once. The three decided by a
 * body meeting carry 应到/实到 and cannot be entered below that body's quorum — the 两委
 * meeting as a representatives' meeting (三分之二以上到会), the Party members' meeting
 * likewise (三分之二以上党员到会); the resolving meeting's own line comes from the meeting.
 * Pure: numbers in, a verdict and the words for it out.
 */
import { fieldError } from '../../../../miniprogram/core/errors';
import { freezeRule, reaches, thresholdText, type Fraction, type RuleId } from '../../../../miniprogram/core/poll/rules';
import { MEETING_STAGES, PROCEDURE_STAGES, PROCEDURE_STAGE_LABELS, type ProcedureStage } from '../../../../miniprogram/core/council/vocabulary';
import type { ResolutionRecord, StageEntry } from './records';

/** The rule pack whose quorum each meeting stage is held to (the resolve stage's is the meeting's own). */
export const STAGE_RULES: Partial<Record<ProcedureStage, RuleId>> = {
  discuss: 'Representatives',
  review: 'PartyMeeting',
};

export const isMeetingStage = (stage: ProcedureStage) => MEETING_STAGES.includes(stage);

export interface StageQuorum {
  met: boolean;
  /** 「应到12人，实到9人（75%）」 */
  ratioText: string;
  /** 「三分之二以上到会（需≥8人）→ 已达法定人数」 */
  quorumText: string;
}

export function ratioText(due: number, present: number): string {
  // Display only; the verdict is decided in integers below.
  return `应到${due}人，实到${present}人（${Math.floor((present * 100) / due)}%）`;
}

function participationOf(stage: ProcedureStage): Fraction | null {
  const rule = STAGE_RULES[stage];
  return rule ? freezeRule(rule, {}).participation.find((t) => t.measure === 'units')?.fraction ?? null : null;
}

/** Whether `present` of `due` holds the stage's quorum, exactly (`den·present ≥ num·due`). */
export function stageQuorum(stage: ProcedureStage, due: number, present: number): StageQuorum {
  const fraction = participationOf(stage);
  if (!fraction) return { met: true, ratioText: ratioText(due, present), quorumText: '' };
  const met = reaches(present, due, fraction);
  const words = fraction.cmp === '>=' ? `${fractionWords(fraction)}以上到会` : `超过${fractionWords(fraction)}到会`;
  return {
    met,
    ratioText: ratioText(due, present),
    quorumText: `${words}（${thresholdText(due, fraction, 'units', '人')}）→ ${met ? '已达法定人数' : '未达法定人数'}`,
  };
}

function fractionWords(f: Fraction): string {
  const words: Record<string, string> = { '1/2': '半数', '2/3': '三分之二', '3/4': '四分之三' };
  return words[`${f.num}/${f.den}`] ?? `${f.num}/${f.den}`;
}

export interface StageInput {
  stage: ProcedureStage;
  date: number;
  due?: number;
  present?: number;
}

/**
 * Refuses a stage out of order, twice, dated in the future or before the one it follows, or
 * — for a meeting stage — without 应到/实到 or below its quorum. Each refusal names its field.
 */
export function checkStage(r: Pick<ResolutionRecord, 'procedure' | 'stages' | 'status'>, input: StageInput, now: number): { due: number | null; present: number | null; quorum: StageQuorum | null } {
  if (!r.procedure) throw fieldError('CONFLICT', 'stage', '这项决议不走四议两公开程序');
  const label = PROCEDURE_STAGE_LABELS[input.stage];
  const done = new Set(r.stages.map((s) => s.stage));
  if (done.has(input.stage)) throw fieldError('CONFLICT', 'stage', `「${label}」已经登记过了`);
  const index = PROCEDURE_STAGES.indexOf(input.stage);
  const missing = PROCEDURE_STAGES.slice(0, index).find((s) => !done.has(s));
  if (missing) throw fieldError('CONFLICT', 'stage', `请先登记「${PROCEDURE_STAGE_LABELS[missing]}」`);
  if (input.stage === 'discloseResult' && r.status !== 'done') throw fieldError('CONFLICT', 'stage', '决议落实完成（进度100%）后才能公开实施结果');
  if (input.date > now) throw fieldError('VALIDATION_ERROR', 'date', '日期不能晚于今天');
  const previous = latestBefore(r.stages, index);
  if (previous && input.date < previous.date) throw fieldError('VALIDATION_ERROR', 'date', `日期不能早于「${PROCEDURE_STAGE_LABELS[previous.stage]}」`);
  const next = earliestAfter(r.stages, index);
  if (next && input.date > next.date) throw fieldError('VALIDATION_ERROR', 'date', `日期不能晚于「${PROCEDURE_STAGE_LABELS[next.stage]}」`);
  if (!isMeetingStage(input.stage)) {
    const both = input.due !== undefined && input.present !== undefined;
    if (both && input.present! > input.due!) throw fieldError('VALIDATION_ERROR', 'present', '实到人数不能多于应到人数');
    return { due: both ? input.due! : null, present: both ? input.present! : null, quorum: null };
  }
  if (input.due === undefined) throw fieldError('VALIDATION_ERROR', 'due', `「${label}」是会议环节，请填写应到人数`);
  if (input.present === undefined) throw fieldError('VALIDATION_ERROR', 'present', `「${label}」是会议环节，请填写实到人数`);
  if (input.present > input.due) throw fieldError('VALIDATION_ERROR', 'present', '实到人数不能多于应到人数');
  const quorum = stageQuorum(input.stage, input.due, input.present);
  if (!quorum.met) throw fieldError('VALIDATION_ERROR', 'present', `${quorum.ratioText}，${quorum.quorumText}，不能登记为完成`);
  return { due: input.due, present: input.present, quorum };
}

/** Stages are appended in register order whatever order they were entered in. */
export function insertStage(stages: readonly StageEntry[], entry: StageEntry): StageEntry[] {
  return [...stages, entry].sort((a, b) => PROCEDURE_STAGES.indexOf(a.stage) - PROCEDURE_STAGES.indexOf(b.stage));
}

function latestBefore(stages: readonly StageEntry[], index: number): StageEntry | undefined {
  return stages.filter((s) => PROCEDURE_STAGES.indexOf(s.stage) < index).sort((a, b) => b.date - a.date)[0];
}

function earliestAfter(stages: readonly StageEntry[], index: number): StageEntry | undefined {
  return stages.filter((s) => PROCEDURE_STAGES.indexOf(s.stage) > index).sort((a, b) => a.date - b.date)[0];
}
