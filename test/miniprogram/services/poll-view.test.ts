import { choiceProblem, countWord, myBallotLine, pickHint, pollWhenText, receiptView, stageNote, votedByOtherText } from '../../../miniprogram/services/poll-view';
import { ballot, bj, NOW, poll } from '../pages/poll/fixtures';

describe('when a poll runs, in words', () => {
  it('says when it starts before it opens, when it closes while open, and when it ended after', () => {
    expect(pollWhenText(poll({ status: 'scheduled', opensAt: bj(2026, 12, 9, 9, 0) }), NOW)).toBe('明天 09:00开始');
    expect(pollWhenText(poll(), NOW)).toBe('12月10日 18:00截止');
    expect(pollWhenText(poll({ status: 'closed', closesAt: bj(2026, 12, 8, 8, 0) }), NOW)).toBe('今天 08:00结束');
    expect(pollWhenText(poll({ status: 'cancelled' }), NOW)).toBe('');
  });
});

describe('the list line about the caller’s own ballot', () => {
  it('counts an owner’s units still to vote, and says nothing once the poll is over', () => {
    const units = [
      { unitKey: 'u1', label: '3号楼301', voted: true },
      { unitKey: 'u2', label: '3号楼302', voted: false },
    ];
    expect(myBallotLine(poll({ unit: 'ownerUnit', myBallot: ballot({ units }) }))).toEqual({ text: '还有1套房屋未投票', done: false });
    expect(myBallotLine(poll({ status: 'closed', myBallot: ballot() }))).toEqual({ text: '', done: false });
    expect(myBallotLine(poll({ myBallot: ballot({ cannotVote: '不在名册上' }) }))).toEqual({ text: '', done: false });
  });
});

describe('how many to pick', () => {
  it('names an exact number when the least and the most are the same', () => {
    expect(pickHint({ multiple: true, minPicks: 2, maxPicks: 2 })).toBe('请选择2项');
    expect(choiceProblem({ multiple: true, minPicks: 2, maxPicks: 2 }, 0, false)).toBe('请选择2项，或选择弃权');
    expect(choiceProblem({ multiple: true, minPicks: 2, maxPicks: 2 }, 0, true)).toBe('');
    expect(choiceProblem({ multiple: false, minPicks: 1, maxPicks: 1 }, 2, false)).toBe('最多选择1项');
  });
});

describe('a receipt', () => {
  it('says a paper ballot still waits for its second check', () => {
    const r = receiptView(ballot({ voted: true, byMe: true, counted: false, channelLabel: '纸质选票', receipt: 'P-1', at: bj(2026, 12, 8, 9, 0) }), true, NOW);
    expect(r.heading).toBe('您的选票已录入，工作人员复核后计入');
    expect(r.choiceText).toBe('');
  });

  it('of an open ballot that abstained says 弃权', () => {
    expect(receiptView(ballot({ voted: true, byMe: true, counted: true, choiceLabels: [] }), false, NOW).choiceText).toBe('弃权');
  });
});

describe('a unit someone else voted for', () => {
  it('is worded for an owner’s unit and without a name when none is given', () => {
    expect(votedByOtherText(ballot({ voted: true, byName: '李某', at: null }), 'ownerUnit', NOW)).toBe('这套房屋已由 李某 投票，每套房屋一票，不能再投');
    expect(votedByOtherText(ballot({ voted: true, byName: null, at: null }), 'household', NOW)).toBe('您家已由家人投票，一户一票，不能再投');
  });
});

describe('result words', () => {
  it('counts owners by head or by unit as the rule says', () => {
    expect(countWord('ownerUnit', { headCount: 'perUnit' })).toBe('套');
    expect(countWord('ownerUnit', { headCount: 'perOwner' })).toBe('人');
    expect(countWord('person', {})).toBe('人');
  });

  it('names every stage before publication without a number', () => {
    for (const s of ['notOpen', 'sealed', 'counting', 'ready', 'awaitingPublish', 'cancelled'] as const) expect(stageNote(s)).not.toMatch(/\d/);
  });
});
