import { freezeRule } from '../../../../miniprogram/core/poll/rules';
import { dryRun, ruleSentences, unitWord } from '../../../../miniprogram/staff/polls/view';

const urc = freezeRule('URC-2018', {});

describe('the 试算 of a rule', () => {
  it('needs a roll and a turnout in whole numbers before it says anything', () => {
    expect(dryRun(urc, 'household', { roll: NaN, turnout: 10, area: null, turnoutArea: null })).toBeNull();
    expect(dryRun(urc, 'household', { roll: 0, turnout: 0, area: null, turnoutArea: null })).toBeNull();
  });

  it('refuses more taking part than are on the roll', () => {
    expect(dryRun(urc, 'person', { roll: 10, turnout: 11, area: null, turnoutArea: null })).toEqual({ lines: [], verdict: '参与的人数不能多于名册的10人', ok: false });
  });

  it('waits for both areas under an area rule', () => {
    const civil = freezeRule('CivilCode-278', { matter: 4 });
    expect(dryRun(civil, 'ownerUnit', { roll: 100, turnout: 70, area: null, turnoutArea: 500000 })).toBeNull();
  });

  it('is exact at the edge: 151 of 301 is over half, 150 is not', () => {
    expect(dryRun(urc, 'household', { roll: 301, turnout: 151, area: null, turnoutArea: null })?.ok).toBe(true);
    expect(dryRun(urc, 'household', { roll: 301, turnout: 150, area: null, turnoutArea: null })?.ok).toBe(false);
  });

  it('sets no threshold when only opinions are gathered', () => {
    const run = dryRun(freezeRule('none', {}), 'household', { roll: 50, turnout: 3, area: null, turnoutArea: null });
    expect(run).toEqual({ lines: [], verdict: '不设参与门槛：多少人参加都有效。', ok: true });
  });
});

describe('a rule in words', () => {
  it('says only that votes are counted when nothing is decided', () => {
    expect(ruleSentences(freezeRule('none', {}), 'person')).toEqual(['不作表决：只统计每个选项有多少票，不设参与和通过的门槛。']);
  });

  it('counts owners by head or by unit as the rule says', () => {
    expect(unitWord('ownerUnit', freezeRule('CivilCode-278', { headCount: 'perOwner' }))).toBe('人');
    expect(unitWord('ownerUnit', freezeRule('CivilCode-278', { headCount: 'perUnit' }))).toBe('套');
    expect(ruleSentences(freezeRule('VillageOrg', {}), 'household')[0]).toBe('参与：名册上三分之二以上的户参加，表决才有效。');
  });
});
