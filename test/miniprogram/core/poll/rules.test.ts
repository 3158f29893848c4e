import { areaText, decide, freezeRule, leastReaching, parseArea, reaches, thresholdText, type Fraction } from '../../../../miniprogram/core/poll/rules';

const HALF: Fraction = { num: 1, den: 2, cmp: '>' };
const TWO_THIRDS: Fraction = { num: 2, den: 3, cmp: '>=' };
const THREE_QUARTERS: Fraction = { num: 3, den: 4, cmp: '>=' };

describe('more than half (过半数) is strict, at n = 300, 301 and 302', () => {
  it.each([
    [300, 150, false], [300, 151, true],
    [301, 150, false], [301, 151, true],
    [302, 151, false], [302, 152, true],
  ])('of %i, %i is %s', (n, x, passes) => {
    expect(reaches(x, n, HALF)).toBe(passes);
    expect(leastReaching(n, HALF)).toBe(Math.floor(n / 2) + 1);
  });
});

describe('two thirds or more (三分之二以上) includes the exact share', () => {
  it.each([
    [300, 199, false], [300, 200, true],
    [301, 200, false], [301, 201, true],
    [302, 201, false], [302, 202, true],
  ])('of %i, %i is %s', (n, x, passes) => {
    expect(reaches(x, n, TWO_THIRDS)).toBe(passes);
  });
  it('needs 201 of 301 (3·201 ≥ 2·301), not the 200.67 a float would round to', () => {
    expect(leastReaching(301, TWO_THIRDS)).toBe(201);
    expect(thresholdText(301, TWO_THIRDS, 'units', '户')).toBe('需≥201户');
  });
});

describe('areas are exact hundredths of a square metre', () => {
  it('reads decimals without floating point', () => {
    expect(parseArea('89.37')).toBe(8937);
    expect(parseArea(89.37)).toBe(8937);
    expect(parseArea('120')).toBe(12000);
    expect(parseArea('0.1')).toBe(10);
    for (const bad of ['12.345', '-3', 'abc', '', '0', '1e3']) expect(parseArea(bad)).toBeNull();
  });
  it('tests two thirds of an area sum at its boundary, in hundredths', () => {
    // 3 units of 89.37 + 1 of 100.01 = 368.12 m²; two thirds = 245.4133… → 245.42 needed.
    const whole = 8937 * 3 + 10001;
    expect(whole).toBe(36812);
    expect(leastReaching(whole, TWO_THIRDS)).toBe(24542);
    expect(reaches(24541, whole, TWO_THIRDS)).toBe(false);
    expect(reaches(24542, whole, TWO_THIRDS)).toBe(true);
    expect(thresholdText(whole, TWO_THIRDS, 'area', '')).toBe('需≥245.42㎡');
    expect(areaText(24542)).toBe('245.42㎡');
  });
});

describe('the threshold reads as the law says it', () => {
  it('shows 过半数 of an odd number as a half', () => {
    expect(thresholdText(203, HALF, 'units', '户')).toBe('需>101.5户');
    expect(thresholdText(202, HALF, 'units', '户')).toBe('需>101户');
  });
});

describe('a residents’ meeting (URC-2018): more than half take part, more than half of them agree', () => {
  const rule = freezeRule('URC-2018', {});
  const run = (base: number, took: number, yes: number) => decide(rule, 'household', { baseUnits: base, baseArea: 0, units: took, area: 0 }, [{ optionId: 'o1', label: '赞成', units: yes, area: 0 }]);
  it('passes with 151 of 301 taking part and 76 agreeing', () => {
    const d = run(301, 151, 76);
    expect(d.valid).toBe(true);
    expect(d.options[0].adopted).toBe(true);
    expect(d.explanation).toBe('301户；参与151户（需>150.5户）；赞成76户（需>75.5户） → 通过（居民会议（《城市居民委员会组织法》第九、十条）：过半数参加，参加者过半数同意）');
  });
  it('is void with 150 of 301, whatever the votes', () => {
    const d = run(301, 150, 150);
    expect(d.valid).toBe(false);
    expect(d.options[0].adopted).toBe(false);
    expect(d.explanation).toContain('参与不足，表决无效');
  });
  it('fails with exactly half of those taking part agreeing', () => {
    expect(run(300, 200, 100).options[0].adopted).toBe(false);
    expect(run(300, 200, 101).options[0].adopted).toBe(true);
  });
  it('never counts those who did not vote as agreeing', () => {
    // 300 households, 151 took part, 80 agree: 149 silent households add nothing to 赞成.
    const d = run(300, 151, 75);
    expect(d.options[0].adopted).toBe(false);
  });
});

describe('owners’ decisions (Civil Code Art. 278)', () => {
  const base = { baseUnits: 300, baseArea: 3_000_000 };
  const owners = (matter: number, units: number, area: number, yesUnits: number, yesArea: number) =>
    decide(freezeRule('CivilCode-278', { matter }), 'ownerUnit', { ...base, units, area }, [{ optionId: 'o1', label: '同意', units: yesUnits, area: yesArea }]);
  it('needs two thirds of the area AND two thirds of the owners to take part', () => {
    expect(owners(4, 200, 2_000_000, 200, 2_000_000).valid).toBe(true);
    expect(owners(4, 199, 2_999_999, 199, 2_999_999).valid).toBe(false);
    expect(owners(4, 300, 1_999_999, 300, 1_999_999).valid).toBe(false);
  });
  it('decides matters 1–5 and 9 by more than half of both', () => {
    expect(owners(4, 200, 2_000_000, 101, 1_000_001).options[0].adopted).toBe(true);
    expect(owners(4, 200, 2_000_000, 100, 1_000_001).options[0].adopted).toBe(false);
    expect(owners(4, 200, 2_000_000, 101, 1_000_000).options[0].adopted).toBe(false);
  });
  it.each([6, 7, 8])('decides matter %i by three quarters of both', (matter) => {
    expect(owners(matter, 200, 2_000_000, 150, 1_500_000).options[0].adopted).toBe(true);
    expect(owners(matter, 200, 2_000_000, 149, 1_500_000).options[0].adopted).toBe(false);
    expect(owners(matter, 200, 2_000_000, 150, 1_499_999).options[0].adopted).toBe(false);
  });
  it('names the matter and all four numbers in the explanation', () => {
    const d = owners(6, 200, 2_000_000, 150, 1_500_000);
    expect(d.explanation).toContain('筹集建筑物及其附属设施的维修资金');
    expect(d.explanation).toContain('参与面积20000.00㎡（需≥20000.00㎡）');
    expect(d.explanation).toContain('参与业主200人（需≥200人）');
    expect(d.explanation).toContain('同意面积15000.00㎡（需≥15000.00㎡）');
    expect(d.explanation).toContain('同意150人（需≥150人）');
  });
  it('keeps three quarters exact on an area that does not divide', () => {
    const d = decide(freezeRule('CivilCode-278', { matter: 7 }), 'ownerUnit', { baseUnits: 3, baseArea: 30001, units: 3, area: 30001 }, [{ optionId: 'o1', label: '同意', units: 3, area: 22501 }]);
    // 3/4 of 300.01 m² = 225.0075 → 225.01 needed; 225.01 passes, 225.00 would not.
    expect(d.options[0].adopted).toBe(true);
    expect(reaches(22500, 30001, THREE_QUARTERS)).toBe(false);
  });
});

describe('a community’s own rule and a consultation', () => {
  it('applies the fractions the community set', () => {
    const rule = freezeRule('Custom', { custom: { name: '本小区议事规则', participation: { num: 3, den: 5, cmp: '>=' }, approval: { num: 2, den: 3, cmp: '>' } } });
    const d = decide(rule, 'household', { baseUnits: 10, baseArea: 0, units: 6, area: 0 }, [{ optionId: 'o1', label: '赞成', units: 4, area: 0 }]);
    expect(d.valid).toBe(true);
    expect(d.options[0].adopted).toBe(false);
  });
  it('a consultation only counts', () => {
    const d = decide(freezeRule('none', {}), 'person', { baseUnits: 10, baseArea: 0, units: 3, area: 0 }, [{ optionId: 'o1', label: '周六', units: 2, area: 0 }]);
    expect(d.valid).toBe(true);
    expect(d.options[0].adopted).toBe(false);
    expect(d.explanation).toContain('周六2人');
  });
});
