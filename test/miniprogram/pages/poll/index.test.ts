import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import type { MyBallotView, PollView } from '../../../../miniprogram/core/poll/contract';
import { ballot, bj, NOW, poll } from './fixtures';

const pageId = loadPage('pages/poll/index');

const receipt = (extra: Partial<MyBallotView> = {}): MyBallotView =>
  ballot({ voted: true, byMe: true, channel: 'app', channelLabel: '小程序投票', at: bj(2026, 12, 8, 9, 30), counted: true, receipt: 'K7Q2-9F', ...extra });

async function open(p: PollView = poll(), replies: Replies = {}) {
  const send = fakeBackend({ 'poll.get': ok(p), 'poll.vote': ok(receipt()), ...replies });
  const page = render(pageId);
  page.instance.onLoad({ pollId: p.id });
  await flush();
  return { page, send };
}

/** Which options show as chosen, in order. */
const picks = (page: { instance: { data: Record<string, unknown> } }) => (page.instance.data.options as Array<{ on: boolean }>).map((o) => o.on);

const five = [
  { id: 'opt_a', label: '加装充电桩' },
  { id: 'opt_b', label: '增设非机动车棚' },
  { id: 'opt_c', label: '改造儿童游乐区' },
  { id: 'opt_d', label: '增加绿化' },
  { id: 'opt_e', label: '修缮健身步道' },
];

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a resident opens a poll under way', () => {
  it('says what it decides, who votes, the rule in words, the times and how many took part', async () => {
    const { page, send } = await open();
    expect(sent(send, 'poll.get')[0].data).toEqual({ pollId: 'poll_1' });
    expect(page.text('#title')).toBe('是否在3号楼北侧加装电动车充电桩');
    expect(page.text('#description')).toContain('12个充电桩');
    expect(page.text('#eligibility')).toBe('全社区，一户一票，不记名投票');
    expect(page.text('#rule')).toBe('过半数的户参加，参加户过半数同意即通过');
    expect(page.text('#times')).toBe('12月1日 开始，12月10日 18:00 截止');
    expect(page.text('#participation')).toBe('已投票42户（投票人次，非结果）');
    expect(page.text('#stage')).toBe('投票进行中，结果在投票结束并公布后才能查看');
    expect(page.text()).not.toContain('poll_1');
    expect(page.text()).not.toContain('opt_');
  });

  it('offers the options, a separate 弃权 and says that not voting is not taking part', async () => {
    const { page } = await open();
    expect(page.text('#option-0')).toBe('同意');
    expect(page.text('#option-1')).toBe('不同意');
    expect(page.text('#abstain')).toBe('弃权');
    expect(page.text('#pick-hint')).toBe('（请选择一项）');
    expect(page.text('#abstain-hint')).toContain('不投票不计入参与人数');
  });
});

describe('voting with a single choice', () => {
  it('picks like a radio, asks to confirm listing the choice, then sends it and shows the receipt', async () => {
    const { page, send } = await open();
    await page.tap('#option-0');
    await page.tap('#option-1');
    expect(page.instance.data.options).toEqual([
      { id: 'opt_yes', label: '同意', on: false },
      { id: 'opt_no', label: '不同意', on: true },
    ]);
    await page.tap('#submit');
    expect(sent(send, 'poll.vote')).toHaveLength(0);
    expect(page.text('#confirm')).toContain('确认提交？提交后不能修改');
    expect(page.text('#confirm')).toContain('您的选择：不同意');
    await page.tap('#confirm-submit');
    expect(sent(send, 'poll.vote').map((e) => e.data)).toEqual([{ pollId: 'poll_1', choice: { optionIds: ['opt_no'] } }]);
    expect(page.text('#receipt')).toContain('您的选票已计入');
    expect(page.text('#receipt-code')).toBe('K7Q2-9F');
    expect(page.text('#receipt')).toContain('今天 09:30');
    expect(page.text('#receipt')).toContain('小程序投票');
    expect(page.exists('#submit')).toBe(false);
  });
});

describe('the resident changes their mind at the confirm step', () => {
  it('sends nothing and goes back to the choice as it was', async () => {
    const { page, send } = await open();
    await page.tap('#option-0');
    await page.tap('#submit');
    await page.tap('#confirm-cancel');
    expect(page.exists('#confirm')).toBe(false);
    expect(page.exists('#submit')).toBe(true);
    expect(page.instance.data.options).toEqual([
      { id: 'opt_yes', label: '同意', on: true },
      { id: 'opt_no', label: '不同意', on: false },
    ]);
    expect(sent(send, 'poll.vote')).toHaveLength(0);
  });
});

describe('submitting with nothing chosen', () => {
  it('asks for a choice or 弃权 and sends nothing', async () => {
    const { page, send } = await open();
    await page.tap('#submit');
    expect(page.text('#choice-error')).toBe('请选择一项，或选择弃权');
    expect(page.text('#form-count')).toBe('还有1项需要填写');
    expect(page.exists('#confirm')).toBe(false);
    expect(sent(send, 'poll.vote')).toHaveLength(0);
  });
});

describe('voting with a multiple choice', () => {
  const multi = poll({ multiple: true, minPicks: 1, maxPicks: 3, options: five, title: '小区公共收益优先用于哪些项目' });

  it('says how many to pick and stops at the most allowed before anything is sent', async () => {
    const { page, send } = await open(multi);
    expect(page.text('#pick-hint')).toBe('（请选择1至3项）');
    for (const i of [0, 1, 2, 3]) await page.tap(`#option-${i}`);
    expect(page.text('#choice-error')).toBe('最多选择3项，请先取消一项');
    expect(picks(page)).toEqual([true, true, true, false, false]);
    await page.tap('#option-1');
    await page.tap('#option-3');
    await page.tap('#submit');
    expect(page.text('#confirm')).toContain('您的选择：加装充电桩、改造儿童游乐区、增加绿化');
    await page.tap('#confirm-submit');
    expect(sent(send, 'poll.vote').map((e) => e.data)).toEqual([{ pollId: 'poll_1', choice: { optionIds: ['opt_a', 'opt_c', 'opt_d'] } }]);
  });

  it('refuses fewer than the least allowed before anything is sent', async () => {
    const { page, send } = await open(poll({ multiple: true, minPicks: 2, maxPicks: 3, options: five }));
    expect(page.text('#pick-hint')).toBe('（请选择2至3项）');
    await page.tap('#option-0');
    await page.tap('#submit');
    expect(page.text('#choice-error')).toBe('请至少选择2项（请选择2至3项）');
    expect(page.exists('#confirm')).toBe(false);
    expect(sent(send, 'poll.vote')).toHaveLength(0);
  });
});

describe('abstaining', () => {
  it('clears the picks, confirms 弃权 and sends {abstain: true}', async () => {
    const { page, send } = await open();
    await page.tap('#option-0');
    await page.tap('#abstain');
    expect(picks(page)).toEqual([false, false]);
    await page.tap('#submit');
    expect(page.text('#confirm')).toContain('您的选择：弃权');
    await page.tap('#confirm-submit');
    expect(sent(send, 'poll.vote').map((e) => e.data)).toEqual([{ pollId: 'poll_1', choice: { abstain: true } }]);
  });
});

describe('a poll that asks for an opinion in words', () => {
  it('offers the text box and sends what was written with the choice', async () => {
    const { page, send } = await open(poll({ openTextLabel: '您对充电桩位置的建议' }));
    expect(page.text()).toContain('您对充电桩位置的建议（选填）');
    await page.tap('#option-0');
    await page.input('#open-text', ' 靠近路灯更安全 ');
    await page.tap('#submit');
    expect(page.text('#confirm')).toContain('您对充电桩位置的建议：靠近路灯更安全');
    await page.tap('#confirm-submit');
    expect(sent(send, 'poll.vote')[0].data).toEqual({ pollId: 'poll_1', choice: { optionIds: ['opt_yes'] }, openText: '靠近路灯更安全' });
  });
});

describe('someone else of the household has already voted', () => {
  it('names who and when, says one vote per household, and offers no way to vote', async () => {
    const { page } = await open(poll({ myBallot: ballot({ voted: true, byMe: false, byName: '王某某', at: bj(2026, 12, 7, 20, 15), channel: 'app', channelLabel: '小程序投票', counted: true }) }));
    expect(page.text('#by-other')).toBe('您家已由 王某某 于昨天 20:15投票，一户一票，不能再投');
    expect(page.exists('#options')).toBe(false);
    expect(page.exists('#submit')).toBe(false);
    expect(page.exists('#receipt')).toBe(false);
  });
});

describe('the resident has voted by secret ballot', () => {
  it('shows the receipt and says the choice is not shown, with no choice on screen', async () => {
    // Even were a choice to come with a secret ballot, the page would not show it.
    const { page } = await open(poll({ myBallot: receipt({ choiceLabels: ['同意'] }) }));
    expect(page.text('#receipt')).toContain('您的选票已计入');
    expect(page.text('#receipt-secret')).toBe('不记名投票：这里不显示您选了什么，别人也无法知道');
    expect(page.exists('#receipt-choice')).toBe(false);
    expect(page.text('#receipt')).not.toContain('同意');
  });
});

describe('the resident has voted by open ballot', () => {
  it('shows the receipt with what they chose', async () => {
    const { page } = await open(poll({ secret: false, ballotLabel: '记名投票', myBallot: receipt({ choiceLabels: ['同意'] }) }));
    expect(page.text('#receipt-choice')).toBe('您的选择：同意');
    expect(page.exists('#receipt-secret')).toBe(false);
  });

  it('right after voting, from what the vote answered', async () => {
    const { page } = await open(poll({ secret: false, ballotLabel: '记名投票' }), { 'poll.vote': ok(receipt({ choiceLabels: ['同意'] })) });
    await page.tap('#option-0');
    await page.tap('#submit');
    await page.tap('#confirm-submit');
    expect(page.text('#receipt-choice')).toBe('您的选择：同意');
  });
});

describe('an owner of several units votes', () => {
  const units = [
    { unitKey: 'unit_301', label: '3号楼2单元301', voted: false },
    { unitKey: 'unit_302', label: '3号楼2单元302', voted: true },
  ];
  const owners = poll({ unit: 'ownerUnit', unitLabel: '业主按专有部分表决', myBallot: ballot({ units }) });

  it('is asked which unit first, and the vote names it', async () => {
    const { page, send } = await open(owners);
    expect(page.exists('#options')).toBe(false);
    expect(page.text('#unit-1')).toContain('已投票');
    await page.tap('#unit-1');
    expect(page.exists('#options')).toBe(false);
    await page.tap('#unit-0');
    expect(page.text('#chosen-unit')).toContain('3号楼2单元301');
    await page.tap('#option-0');
    await page.tap('#submit');
    expect(page.text('#confirm')).toContain('房屋：3号楼2单元301');
    await page.tap('#confirm-submit');
    expect(sent(send, 'poll.vote')[0].data).toEqual({ pollId: 'poll_1', choice: { optionIds: ['opt_yes'] }, unitKey: 'unit_301' });
  });
});

describe('the resident may not vote in this poll', () => {
  it('says why in plain words and offers no choice', async () => {
    const { page } = await open(poll({ eligible: false, myBallot: ballot({ cannotVote: '这次投票只请3号楼的住户参加' }) }));
    expect(page.text('#cannot')).toBe('这次投票只请3号楼的住户参加');
    expect(page.exists('#options')).toBe(false);
  });
});

describe('the poll closed while the resident was choosing', () => {
  it('shows the server’s message and the poll as it now stands', async () => {
    let reads = 0;
    const { page, send } = await open(poll(), {
      'poll.get': () => ok(reads++ === 0 ? poll() : poll({ status: 'closed', statusLabel: '已结束，待公布' })),
      'poll.vote': fail('CLOSED', '投票已于今天 10:00截止，不能再投'),
    });
    await page.tap('#option-0');
    await page.tap('#submit');
    await page.tap('#confirm-submit');
    expect(sent(send, 'poll.vote')).toHaveLength(1);
    expect(page.text('#vote-error')).toBe('投票已于今天 10:00截止，不能再投');
    expect(page.text('#status')).toBe('已结束，待公布');
    expect(page.exists('#submit')).toBe(false);
  });
});

describe('a housemate voted a moment earlier', () => {
  it('shows the refusal and who voted', async () => {
    let reads = 0;
    const { page } = await open(poll(), {
      'poll.get': () => ok(reads++ === 0 ? poll() : poll({ myBallot: ballot({ voted: true, byName: '王某某', at: bj(2026, 12, 8, 9, 59), counted: true }) })),
      'poll.vote': fail('CONFLICT', '您家已有人投票，一户一票'),
    });
    await page.tap('#option-0');
    await page.tap('#submit');
    await page.tap('#confirm-submit');
    expect(page.text('#vote-error')).toBe('您家已有人投票，一户一票');
    expect(page.text('#by-other')).toContain('王某某');
  });
});

describe('the resident is refused for their role', () => {
  it('shows the server’s message and keeps the form', async () => {
    const { page } = await open(poll(), { 'poll.vote': fail('FORBIDDEN', '您不在这次投票的名册上') });
    await page.tap('#option-0');
    await page.tap('#submit');
    await page.tap('#confirm-submit');
    expect(page.text('#vote-error')).toBe('您不在这次投票的名册上');
    expect(page.exists('#submit')).toBe(true);
  });
});

describe('a poll whose result is published', () => {
  it('leads to the result', async () => {
    const { page } = await open(poll({ status: 'published', statusLabel: '结果已公布', myBallot: receipt() }));
    expect(page.exists('#stage')).toBe(false);
    await page.tap('#go-result');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/poll-result/index?pollId=poll_1' });
  });
});

describe('the poll cannot be read', () => {
  it('shows the message with a retry', async () => {
    const { page } = await open(poll(), { 'poll.get': fail('NOT_FOUND', '没有找到这个投票') });
    expect(page.text('#load-error')).toContain('没有找到这个投票');
  });
});
