/**
 * The rules a poll decides under, as data, and their arithmetic. Every threshold is an exact
 * fraction with a comparator — 过半数 is `> 1/2`, 三分之二以上 is `≥ 2/3` — and every test is
 * done in integers (`den·x > num·n`), never with floating-point percentages. Areas are whole
 * hundredths of a square metre. Both sides use this file: the server to decide a result, the
 * staff pages to explain a rule before a poll is created.
 */

export type Comparator = '>' | '>=';

export interface Fraction {
  num: number;
  den: number;
  cmp: Comparator;
}

/** What a test counts: ballot units (户, 人, or owners by head) or registered exclusive area. */
export type Measure = 'units' | 'area';

export interface Test {
  measure: Measure;
  fraction: Fraction;
  /**
   * What an approval test is a share of: those taking part (the default; 出席人的过半数), or
   * the whole roll (应到人数的过半数, as some 党员大会 procedures require).
   */
  of?: 'participants' | 'base';
}

export type BallotUnit = 'person' | 'household' | 'ownerUnit';

/** Art. 278's nine matters; 6–8 need three quarters. */
export const CIVIL_CODE_278_MATTERS = [
  '制定和修改业主大会议事规则',
  '制定和修改管理规约',
  '选举业主委员会或者更换业主委员会成员',
  '选聘和解聘物业服务企业或者其他管理人',
  '使用建筑物及其附属设施的维修资金',
  '筹集建筑物及其附属设施的维修资金',
  '改建、重建建筑物及其附属设施',
  '改变共有部分的用途或者利用共有部分从事经营活动',
  '有关共有和共同管理权利的其他重大事项',
] as const;

/**
 * Head count under Art. 278 (法释〔2009〕7号 Arts. 8–9): one per owner — a buyer of several
 * units counts once, unsold units together as one — or, where local rules say so, one per
 * unit. Printed with the result.
 */
export type HeadCount = 'perOwner' | 'perUnit';
export const HEAD_COUNT_LABELS: Record<HeadCount, string> = {
  perOwner: '按业主人数计（一人拥有多套计一人，未售出部分计一人）',
  perUnit: '按专有部分套数计（一套计一人）',
};

export type RuleId = 'URC-2018' | 'VillageOrg' | 'Representatives' | 'PartyMeeting' | 'CivilCode-278' | 'Custom' | 'none';

/** The rule as frozen on a poll when it is created; the result is decided by this copy. */
export interface FrozenRule {
  id: RuleId;
  /** e.g. 「《城市居民委员会组织法》第九条、第十条（居民会议）」 */
  name: string;
  version: string;
  /** Who takes part must reach these shares of the whole roll (all must hold). */
  participation: Test[];
  /** An option is adopted when its votes reach these shares of those taking part (all must hold). */
  approval: Test[];
  /** Civil Code polls only: which of the nine matters, and how owners are counted. */
  matter?: number;
  headCount?: HeadCount;
}

export interface CustomRuleInput {
  name: string;
  participation: Fraction;
  approval: Fraction;
}

const HALF_OVER: Fraction = { num: 1, den: 2, cmp: '>' };
const TWO_THIRDS: Fraction = { num: 2, den: 3, cmp: '>=' };
const THREE_QUARTERS: Fraction = { num: 3, den: 4, cmp: '>=' };

export const RULE_LABELS: Record<RuleId, string> = {
  'URC-2018': '居民会议（《城市居民委员会组织法》第九、十条）：过半数参加，参加者过半数同意',
  VillageOrg: '村民会议（《村民委员会组织法》，村改居社区）：三分之二以上户代表参加，参加者过半数同意',
  Representatives: '代表会议（参照《村民委员会组织法》第二十六条）：三分之二以上组成人员到会，到会人员过半数同意',
  PartyMeeting: '党员大会审议（四议两公开）：三分之二以上党员到会，应到党员过半数同意',
  'CivilCode-278': '业主共同决定（《民法典》第二百七十八条）：面积和人数均三分之二以上参与',
  Custom: '本社区议事规则',
  none: '征求意见（不作表决，只统计意见）',
};

/** Which ballot units each rule may be used with. */
export const RULE_UNITS: Record<RuleId, readonly BallotUnit[]> = {
  'URC-2018': ['person', 'household'],
  VillageOrg: ['household'],
  Representatives: ['person'],
  PartyMeeting: ['person'],
  'CivilCode-278': ['ownerUnit'],
  Custom: ['person', 'household', 'ownerUnit'],
  none: ['person', 'household', 'ownerUnit'],
};

export function freezeRule(
  id: RuleId,
  options: { matter?: number; headCount?: HeadCount; custom?: CustomRuleInput },
): FrozenRule {
  switch (id) {
    case 'URC-2018':
      return { id, name: RULE_LABELS[id], version: '2018', participation: [{ measure: 'units', fraction: HALF_OVER }], approval: [{ measure: 'units', fraction: HALF_OVER }] };
    case 'VillageOrg':
      return { id, name: RULE_LABELS[id], version: '2018', participation: [{ measure: 'units', fraction: TWO_THIRDS }], approval: [{ measure: 'units', fraction: HALF_OVER }] };
    case 'Representatives':
      return { id, name: RULE_LABELS[id], version: '2018', participation: [{ measure: 'units', fraction: TWO_THIRDS }], approval: [{ measure: 'units', fraction: HALF_OVER }] };
    case 'PartyMeeting':
      return { id, name: RULE_LABELS[id], version: '2025', participation: [{ measure: 'units', fraction: TWO_THIRDS }], approval: [{ measure: 'units', fraction: HALF_OVER, of: 'base' }] };
    case 'CivilCode-278': {
      const matter = options.matter ?? 9;
      const approve = matter >= 6 && matter <= 8 ? THREE_QUARTERS : HALF_OVER;
      return {
        id,
        name: `《民法典》第二百七十八条第${matter}项：${CIVIL_CODE_278_MATTERS[matter - 1]}`,
        version: '2021',
        participation: [{ measure: 'area', fraction: TWO_THIRDS }, { measure: 'units', fraction: TWO_THIRDS }],
        approval: [{ measure: 'area', fraction: approve }, { measure: 'units', fraction: approve }],
        matter,
        headCount: options.headCount ?? 'perOwner',
      };
    }
    case 'Custom': {
      const c = options.custom as CustomRuleInput;
      return { id, name: c.name, version: 'custom', participation: [{ measure: 'units', fraction: c.participation }], approval: [{ measure: 'units', fraction: c.approval }] };
    }
    case 'none':
      return { id, name: RULE_LABELS[id], version: '-', participation: [], approval: [] };
  }
}

/** `part` reaches `fraction` of `whole`, exactly: `den·part > num·whole` (or ≥). */
export function reaches(part: number, whole: number, fraction: Fraction): boolean {
  const left = BigInt(fraction.den) * BigInt(part);
  const right = BigInt(fraction.num) * BigInt(whole);
  return fraction.cmp === '>' ? left > right : left >= right;
}

/** The least whole number that reaches `fraction` of `whole` (in the measure's own units). */
export function leastReaching(whole: number, fraction: Fraction): number {
  const product = fraction.num * whole;
  const floor = Math.floor(product / fraction.den);
  const exact = floor * fraction.den === product;
  if (fraction.cmp === '>=') return exact ? floor : floor + 1;
  return floor + 1;
}

/**
 * How a threshold reads: 「需≥201」, 「需>101.5」 (a half is shown as such, as the law says
 * 过半数), 「需≥8230.45㎡」 for area in hundredths of a square metre.
 */
export function thresholdText(whole: number, fraction: Fraction, measure: Measure, unitWord: string): string {
  const product = fraction.num * whole;
  const show = (x: number) => (measure === 'area' ? areaText(x) : `${x}${unitWord}`);
  if (fraction.cmp === '>') {
    if (product % fraction.den === 0) return `需>${show(product / fraction.den)}`;
    if (measure === 'units' && (2 * product) % fraction.den === 0) return `需>${(2 * product / fraction.den - 1) / 2}.5${unitWord}`;
  }
  return `需≥${show(leastReaching(whole, fraction))}`;
}

/** Hundredths of a m² → 「1234.56㎡」; exact, no floating point. */
export function areaText(centi: number): string {
  const whole = Math.floor(centi / 100);
  const rest = Math.round(centi - whole * 100);
  return `${whole}.${String(rest).padStart(2, '0')}㎡`;
}

/** 「89.37」 or 89.37 → 8937; refuses more than two decimals or anything not positive. */
export function parseArea(value: string | number): number | null {
  const s = typeof value === 'number' ? String(value) : value.trim();
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const centi = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return centi > 0 ? centi : null;
}

export function fractionText(f: Fraction): string {
  const words: Record<string, string> = { '1/2': '半数', '2/3': '三分之二', '3/4': '四分之三' };
  const name = words[`${f.num}/${f.den}`] ?? `${f.num}/${f.den}`;
  return f.cmp === '>' ? `超过${name}` : `${name}以上`;
}

/** What was counted, in the units each test measures. */
export interface Turnout {
  /** Units on the frozen roll, and their registered area (0 when not an owners' poll). */
  baseUnits: number;
  baseArea: number;
  /** Units with a counted ballot, abstentions included: they took part. */
  units: number;
  area: number;
}

export interface OptionSupport {
  optionId: string;
  label: string;
  units: number;
  area: number;
}

export interface TestLine {
  measure: Measure;
  fraction: Fraction;
  value: number;
  whole: number;
  passed: boolean;
  /** 「203户参与（需≥201）」 */
  text: string;
}

export interface Decision {
  valid: boolean;
  participation: TestLine[];
  options: { optionId: string; label: string; units: number; area: number; adopted: boolean; tests: TestLine[] }[];
  /** One line, every number and the rule: 「301户；203户参与（需≥201）；赞成120（需>101.5）→ 通过」 */
  explanation: string;
}

const UNIT_WORDS: Record<BallotUnit, string> = { person: '人', household: '户', ownerUnit: '户' };

/**
 * Decides a result under a frozen rule. Non-voters are never counted as approving: an
 * option's support is only the ballots that chose it, measured against those taking part.
 */
function measurer(rule: FrozenRule, unit: BallotUnit) {
  const word = unit === 'ownerUnit' ? (rule.headCount === 'perUnit' ? '套' : '人') : UNIT_WORDS[unit];
  return (m: Measure, value: number, whole: number, f: Fraction, label: string): TestLine => {
    const passed = reaches(value, whole, f);
    const shown = m === 'area' ? areaText(value) : `${value}${word}`;
    return { measure: m, fraction: f, value, whole, passed, text: `${label}${shown}（${thresholdText(whole, f, m, word)}）` };
  };
}

/**
 * The participation tests of a rule — for a meeting, its quorum — against the roll:
 * 「参与203户（需≥201）」. `label` names who took part (参与, 到会).
 */
export function participationLines(rule: FrozenRule, unit: BallotUnit, turnout: Turnout, label = '参与'): TestLine[] {
  const measured = measurer(rule, unit);
  return rule.participation.map((t) =>
    t.measure === 'area'
      ? measured('area', turnout.area, turnout.baseArea, t.fraction, `${label}面积`)
      : measured('units', turnout.units, turnout.baseUnits, t.fraction, unit === 'ownerUnit' ? `${label}业主` : label),
  );
}

export function decide(rule: FrozenRule, unit: BallotUnit, turnout: Turnout, support: readonly OptionSupport[], label = '参与'): Decision {
  const word = unit === 'ownerUnit' ? '' : UNIT_WORDS[unit];
  const ownerWord = rule.headCount === 'perUnit' ? '套' : '人';
  const measured = measurer(rule, unit);
  const participation = participationLines(rule, unit, turnout, label);
  const valid = participation.every((l) => l.passed);
  const options = support.map((s) => {
    const tests = rule.approval.map((t) => {
      const ofBase = t.of === 'base';
      return t.measure === 'area'
        ? measured('area', s.area, ofBase ? turnout.baseArea : turnout.area, t.fraction, `${s.label}面积`)
        : measured('units', s.units, ofBase ? turnout.baseUnits : turnout.units, t.fraction, s.label);
    });
    return { ...s, tests, adopted: valid && tests.length > 0 && tests.every((l) => l.passed) };
  });
  const base = unit === 'ownerUnit' ? `专有面积${areaText(turnout.baseArea)}、业主${turnout.baseUnits}${ownerWord}` : `${turnout.baseUnits}${word}`;
  const parts = [base, ...participation.map((l) => l.text)];
  if (rule.approval.length === 0) {
    parts.push(...support.map((s) => `${s.label}${s.units}${unit === 'ownerUnit' ? ownerWord : word}`));
    return { valid: true, participation, options, explanation: `${parts.join('；')}（${rule.name}）` };
  }
  if (!valid) return { valid, participation, options, explanation: `${parts.join('；')} → 参与不足，表决无效（${rule.name}）` };
  const lines = options.map((o) => `${o.tests.map((t) => t.text).join('、')} → ${o.adopted ? '通过' : '未通过'}`);
  return { valid, participation, options, explanation: `${[...parts, ...lines].join('；')}（${rule.name}）` };
}
