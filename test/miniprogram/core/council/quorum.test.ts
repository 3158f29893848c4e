import { BODY_RULES, meetingRule, quorumOf } from '../../../../miniprogram/core/council/quorum';
import { decide, freezeRule } from '../../../../miniprogram/core/poll/rules';
import { MIN_NOTICE_DAYS } from '../../../../miniprogram/core/council/vocabulary';

const none = { inPerson: 0, byProxy: 0, areaCenti: 0 };

describe('a residents\' meeting (URC-2018) needs more than half of its households present', () => {
  const rule = meetingRule('URC-2018');
  it.each([
    [250, 125, false], [250, 126, true],
    [251, 125, false], [251, 126, true],
  ])('of %i households, %i present is %s', (base, present, met) => {
    const q = quorumOf(rule, 'household', { units: base, areaCenti: 0 }, { ...none, inPerson: present });
    expect(q.met).toBe(met);
    expect(q.required).toBe(Math.floor(base / 2) + 1);
  });
  it('counts those present by proxy with those in person, and says both', () => {
    const q = quorumOf(rule, 'household', { units: 250, areaCenti: 0 }, { inPerson: 118, byProxy: 8, areaCenti: 0 });
    expect(q.present).toBe(126);
    expect(q.met).toBe(true);
    expect(q.text).toBe('到会126户（本人118，委托8）/ 应到250户，需>125户 → 已达法定人数');
  });
  it('says so plainly when quorum fails', () => {
    expect(quorumOf(rule, 'household', { units: 250, areaCenti: 0 }, { ...none, inPerson: 125 }).text).toMatch(/未达法定人数$/);
  });
});

describe('a representatives\' meeting needs two thirds or more of its members', () => {
  const rule = meetingRule('Representatives');
  it.each([[31, 20, false], [31, 21, true], [30, 20, true], [30, 19, false]])('of %i members, %i present is %s', (base, present, met) => {
    expect(quorumOf(rule, 'person', { units: base, areaCenti: 0 }, { ...none, inPerson: present }).met).toBe(met);
  });
  it('decides by more than half of those present, not of those voting', () => {
    // 21 present, 10 for, 5 against, 6 silent: 10 is not more than half of 21.
    const d = decide(rule, 'person', { baseUnits: 31, baseArea: 0, units: 21, area: 0 }, [{ optionId: 'o1', label: '同意', units: 10, area: 0 }], '到会');
    expect(d.options[0].adopted).toBe(false);
    expect(d.explanation).toContain('同意10人（需>10.5人）');
  });
});

describe('a Party members\' review (四议两公开) needs a majority of those due, not of those present', () => {
  const rule = meetingRule('PartyMeeting');
  it('two thirds present, and more than half of the whole roll agreeing', () => {
    const turnout = { baseUnits: 60, baseArea: 0, units: 45, area: 0 };
    expect(decide(rule, 'person', turnout, [{ optionId: 'o1', label: '同意', units: 30, area: 0 }]).options[0].adopted).toBe(false);
    expect(decide(rule, 'person', turnout, [{ optionId: 'o1', label: '同意', units: 31, area: 0 }]).options[0].adopted).toBe(true);
    expect(quorumOf(rule, 'person', { units: 60, areaCenti: 0 }, { ...none, inPerson: 39 }).met).toBe(false);
    expect(quorumOf(rule, 'person', { units: 60, areaCenti: 0 }, { ...none, inPerson: 40 }).met).toBe(true);
  });
});

describe('an owners\' assembly counts both heads and area', () => {
  const rule = meetingRule('CivilCode-278', { matter: 5 });
  it('fails on area alone though heads suffice', () => {
    const q = quorumOf(rule, 'ownerUnit', { units: 9, areaCenti: 90_000 }, { inPerson: 6, byProxy: 0, areaCenti: 59_999 });
    expect(q.lines.map((l) => l.passed)).toEqual([false, true]);
    expect(q.met).toBe(false);
    expect(q.text).toBe('到会6人（本人6，委托0）/ 应到9人；到会面积599.99㎡（需≥600.00㎡），需≥6人 → 未达法定人数');
  });
  it('freezes three quarters for matters 6 to 8', () => {
    expect(meetingRule('CivilCode-278', { matter: 7 }).approval[0].fraction).toEqual({ num: 3, den: 4, cmp: '>=' });
  });
});

describe('a consultation under no rule sets no quorum', () => {
  it('is never short of people', () => {
    const q = quorumOf(freezeRule('none', {}), 'person', { units: 40, areaCenti: 0 }, none);
    expect(q.met).toBe(true);
    expect(q.text).toContain('不设法定人数');
  });
});

describe('each body offers its usual pack first and has a least notice period', () => {
  it('holds the law\'s numbers', () => {
    expect(BODY_RULES.residentsMeeting[0]).toBe('URC-2018');
    expect(BODY_RULES.ownersAssembly[0]).toBe('CivilCode-278');
    expect(MIN_NOTICE_DAYS.ownersAssembly).toBe(15);
  });
});
