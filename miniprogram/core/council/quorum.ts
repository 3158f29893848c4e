/**
 * A meeting's quorum and decisions, under the rule pack it froze at notice. A quorum is the
 * rule's participation tests taken against the frozen roll — present (in person and by
 * proxy) over the roll — and a decision the rule's approval tests against those present
 * (出席人的过半数). All of it exact, in integers, through poll/rules.ts.
 */
import { areaText, freezeRule, leastReaching, participationLines, thresholdText, type BallotUnit, type CustomRuleInput, type FrozenRule, type RuleId, type TestLine } from '../poll/rules';
import type { MeetingBody, MeetingRollKind } from './vocabulary';

/** The packs each body may decide under, its usual one first. */
export const BODY_RULES: Record<MeetingBody, readonly RuleId[]> = {
  residentsMeeting: ['URC-2018', 'Custom'],
  representatives: ['Representatives', 'Custom'],
  council: ['Representatives', 'Custom'],
  ownersAssembly: ['CivilCode-278', 'Custom'],
  consultation: ['URC-2018', 'Custom', 'none'],
  partyMembers: ['PartyMeeting', 'Custom'],
  twoCommittees: ['Representatives', 'Custom'],
};

/** Roll kinds each body may invite. */
export const BODY_ROLLS: Record<MeetingBody, readonly MeetingRollKind[]> = {
  residentsMeeting: ['household', 'person'],
  representatives: ['invitees'],
  council: ['invitees'],
  ownersAssembly: ['ownerUnit'],
  consultation: ['household', 'person', 'ownerUnit', 'invitees'],
  partyMembers: ['invitees'],
  twoCommittees: ['invitees'],
};

export const ballotUnitOf = (kind: MeetingRollKind): BallotUnit => (kind === 'invitees' ? 'person' : kind);

/** The rule a meeting freezes; 业主大会 items freeze their own matter when their vote opens. */
export function meetingRule(id: RuleId, options: { matter?: number; custom?: CustomRuleInput } = {}): FrozenRule {
  return freezeRule(id, { matter: options.matter, headCount: 'perOwner', custom: options.custom });
}

export interface Presence {
  /** Roll entries present: in person (self or signed in by staff) and by proxy, counted once each. */
  inPerson: number;
  byProxy: number;
  /** Registered area of those present, hundredths of a m² (owners' meetings), else 0. */
  areaCenti: number;
}

export interface QuorumView {
  base: number;
  baseAreaCenti: number;
  present: number;
  inPerson: number;
  byProxy: number;
  /** The least head count that makes quorum (units test); 0 when the rule sets none. */
  required: number;
  met: boolean;
  lines: TestLine[];
  /** 「到会126户（本人118，委托8）/ 应到250户，需>125户 → 已达法定人数」 */
  text: string;
}

const WORDS: Record<BallotUnit, string> = { person: '人', household: '户', ownerUnit: '人' };

export function quorumOf(rule: FrozenRule, unit: BallotUnit, base: { units: number; areaCenti: number }, p: Presence): QuorumView {
  const present = p.inPerson + p.byProxy;
  const lines = participationLines(rule, unit, { baseUnits: base.units, baseArea: base.areaCenti, units: present, area: p.areaCenti }, '到会');
  const unitsTest = rule.participation.find((t) => t.measure === 'units');
  const required = unitsTest ? leastReaching(base.units, unitsTest.fraction) : 0;
  const met = lines.every((l) => l.passed);
  const w = WORDS[unit];
  const head = `到会${present}${w}（本人${p.inPerson}，委托${p.byProxy}）/ 应到${base.units}${w}`;
  // Heads read on from the head line (「应到250户，需>125户」); an area test adds its own clause.
  const tests = lines
    .map((l) => (l.measure === 'area' ? `；到会面积${areaText(l.value)}（${thresholdText(l.whole, l.fraction, 'area', '')}）` : `，${thresholdText(l.whole, l.fraction, 'units', w)}`))
    .join('');
  const verdict = lines.length === 0 ? '（本次会议不设法定人数）' : met ? ' → 已达法定人数' : ' → 未达法定人数';
  return { base: base.units, baseAreaCenti: base.areaCenti, present, inPerson: p.inPerson, byProxy: p.byProxy, required, met, lines, text: `${head}${tests}${verdict}` };
}
