import type { PaperBallotView, PollRollEntryView } from '../../../../../miniprogram/core/poll/contract';
import { fail, fakeBackend, flush, loadPage, ok, render, sent, type Replies } from '../../../harness';
import { NOW, pollView } from '../poll-fixtures';

const pageId = loadPage('staff/poll-paper/index');

const roll: PollRollEntryView[] = [
  { unitKey: 'h-301', label: '3号楼2单元301', areaText: null, voted: false, channelLabel: null },
  { unitKey: 'h-302', label: '3号楼2单元302', areaText: null, voted: true, channelLabel: '小程序投票' },
];

const entered = (data: { unitKey: string; channel?: string }): PaperBallotView => ({
  ballotId: `bal-${data.unitKey}`,
  unitLabel: roll.find((u) => u.unitKey === data.unitKey)?.label ?? '',
  channelLabel: data.channel === 'meeting' ? '会议现场表决' : '纸质选票',
  pending: data.channel !== 'meeting',
  enteredByName: '李秀英',
  enteredByMe: false,
});

const waiting: PaperBallotView[] = [
  { ballotId: 'bal-1', unitLabel: '3号楼1单元101', channelLabel: '纸质选票', pending: true, enteredByName: '李秀英', enteredByMe: false },
  { ballotId: 'bal-2', unitLabel: '3号楼1单元102', channelLabel: '纸质选票', pending: true, enteredByName: '张建国', enteredByMe: false },
];

async function open(query: Record<string, string> = { pollId: 'poll-1' }, replies: Replies = {}) {
  const send = fakeBackend({
    'poll.get': ok(pollView()),
    'poll.roll': (data) => ok({ items: data.search ? roll.filter((u) => u.label.endsWith(data.search)) : roll, total: data.search ? 1 : 96 }),
    'poll.enterPaperBallot': (data) => ok(entered(data)),
    'poll.pendingPaper': ok({ items: waiting }),
    'poll.confirmPaperBallot': (data) => ok({ ...waiting[0], ballotId: data.ballotId, pending: false }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad(query);
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('entering a paper ballot', () => {
  it('finds the household on the frozen roll by its room, keeps voted ones out of reach, and sends what the paper says', async () => {
    const { page, send } = await open();
    expect(sent(send, 'poll.roll')[0].data).toEqual({ pollId: 'poll-1', search: '', limit: 20 });
    expect(page.text('#roll-total')).toBe('名册共96户');
    expect(page.text('#unit-1')).toContain('已投 · 小程序投票');
    await page.tap('#unit-1');
    expect(page.exists('#ballot')).toBe(false);

    await page.input('#search', '301');
    await page.tap('#search-go');
    expect(sent(send, 'poll.roll')[1].data).toEqual({ pollId: 'poll-1', search: '301', limit: 20 });
    expect(page.text('#roll-total')).toBe('找到1户');
    await page.tap('#unit-0');
    expect(page.text('#picked')).toBe('3号楼2单元301');
    await page.tap('#choice-0');
    await page.tap('#choice-1');
    await page.tap('#submit-entry');

    expect(sent(send, 'poll.enterPaperBallot')[0].data).toEqual({ pollId: 'poll-1', unitKey: 'h-301', channel: 'paper', choice: { optionIds: ['opt-no'] } });
    expect(page.text('#entered')).toBe('已录入3号楼2单元301的纸质选票，等另一位工作人员复核一致后计入');
    expect(page.text('#unit-0')).toContain('已投 · 纸质选票');
  });

  it('sends 弃权 as an abstention', async () => {
    const { page, send } = await open();
    await page.tap('#unit-0');
    await page.tap('#choice-0');
    await page.tap('#abstain');
    await page.tap('#submit-entry');
    expect((sent(send, 'poll.enterPaperBallot')[0].data as { choice: unknown }).choice).toEqual({ abstain: true });
  });

  it('asks for a choice when nothing is ticked, and for the household first', async () => {
    const { page, send } = await open();
    page.instance.submitEntry();
    await flush();
    expect(page.text('#unit-error')).toContain('先在上面的名册里选出');
    await page.tap('#unit-0');
    await page.tap('#submit-entry');
    expect(sent(send, 'poll.enterPaperBallot')).toHaveLength(0);
    expect(page.text('#choice-error')).toBe('请选择选项');
  });

  it('shows the server’s refusal when the household voted meanwhile', async () => {
    const { page } = await open({ pollId: 'poll-1' }, { 'poll.enterPaperBallot': fail('CONFLICT', '该户已通过小程序投票，不能再录入纸质选票') });
    await page.tap('#unit-0');
    await page.tap('#choice-0');
    await page.tap('#submit-entry');
    expect(page.text('#entry-error')).toBe('该户已通过小程序投票，不能再录入纸质选票');
  });
});

describe('a meeting’s person-by-person vote', () => {
  it('goes in as 会议现场 when switched, and counts at once', async () => {
    const { page, send } = await open({ pollId: 'poll-1' }, { 'poll.get': ok(pollView({ channels: ['app', 'paper', 'meeting'] })) });
    await page.tap('#unit-0');
    await page.change('#meeting', true);
    expect(page.text('#submit-entry')).toBe('记录这一票');
    await page.tap('#choice-0');
    await page.tap('#submit-entry');
    expect((sent(send, 'poll.enterPaperBallot')[0].data as { channel: string }).channel).toBe('meeting');
    expect(page.text('#entered')).toBe('已计入3号楼2单元301的会议现场表决');
  });
});

describe('a ballot with several picks', () => {
  it('caps the ticks at the most allowed and asks for the least', async () => {
    const multi = pollView({ multiple: true, minPicks: 2, maxPicks: 2, options: [{ id: 'a', label: '修路面' }, { id: 'b', label: '加路灯' }, { id: 'c', label: '种树' }] });
    const { page, send } = await open({ pollId: 'poll-1' }, { 'poll.get': ok(multi) });
    await page.tap('#unit-0');
    expect(page.text('#ballot')).toContain('请选2项');
    await page.tap('#choice-0');
    await page.tap('#submit-entry');
    expect(page.text('#choice-error')).toBe('这次投票至少要选2项');
    await page.tap('#choice-1');
    await page.tap('#choice-2');
    expect(page.text('#choice-error')).toBe('最多选2项');
    await page.tap('#submit-entry');
    expect((sent(send, 'poll.enterPaperBallot')[0].data as { choice: unknown }).choice).toEqual({ optionIds: ['a', 'b'] });
  });
});

describe('a poll that no longer takes ballots', () => {
  it('says so and reads no roll', async () => {
    const { page, send } = await open({ pollId: 'poll-1' }, { 'poll.get': ok(pollView({ status: 'closed', statusLabel: '已结束，待公布', allowedActions: ['poll.get', 'poll.pendingPaper', 'poll.confirmPaperBallot'] })) });
    expect(page.text('#closed-note')).toContain('投票已结束');
    expect(sent(send, 'poll.roll')).toHaveLength(0);
  });
});

describe('reviewing paper ballots', () => {
  it('lists them by household and who entered them, never with the first entry’s choice', async () => {
    const { page, send } = await open({ pollId: 'poll-1', tab: 'pending' });
    expect(sent(send, 'poll.pendingPaper')[0].data).toEqual({ pollId: 'poll-1', limit: 20 });
    expect(page.text('#pending-0')).toBe('3号楼1单元101纸质选票 · 录入：李秀英');
    expect(page.text('#pending')).not.toMatch(/同意|不同意|弃权/);
    await page.tap('#pending-0');
    expect(page.text('#review-label')).toBe('3号楼1单元101 · 纸质选票');
    expect((page.instance.data.reviewChoices as Array<{ checked: boolean }>).some((c) => c.checked)).toBe(false);
  });

  it('counts it when a second person keys in the same choice', async () => {
    const { page, send } = await open({ pollId: 'poll-1', tab: 'pending' });
    await page.tap('#pending-0');
    await page.tap('#review-choice-1');
    await page.tap('#review-confirm');
    expect(sent(send, 'poll.confirmPaperBallot')[0].data).toEqual({ ballotId: 'bal-1', choice: { optionIds: ['opt-no'] } });
    expect(page.text('#reviewed')).toBe('3号楼1单元101的选票两次录入一致，已计入');
    expect(page.count('.ll-cell')).toBe(1);
    expect(page.text('#pending-0')).toContain('3号楼1单元102');
  });

  it('shows a mismatch as the server words it and reads the list again', async () => {
    const { page, send } = await open({ pollId: 'poll-1', tab: 'pending' }, { 'poll.confirmPaperBallot': fail('CONFLICT', '两次录入不一致，请拿原始选票核对') });
    await page.tap('#pending-0');
    await page.tap('#review-choice-0');
    await page.tap('#review-confirm');
    expect(page.text('#review-error')).toBe('两次录入不一致，请拿原始选票核对');
    expect(page.exists('#review')).toBe(false);
    expect(sent(send, 'poll.pendingPaper')).toHaveLength(2);
  });

  it('returns a ballot with a reason', async () => {
    const { page, send } = await open({ pollId: 'poll-1', tab: 'pending' }, { 'poll.confirmPaperBallot': ok({ ...waiting[1], pending: false }) });
    await page.tap('#pending-1');
    await page.tap('#review-reject');
    await page.tap('#reject-submit');
    expect(page.text('#reject-error')).toContain('退回原因');
    expect(sent(send, 'poll.confirmPaperBallot')).toHaveLength(0);
    await page.input('#reject-reason', '选票上的房号与名册不符');
    await page.tap('#reject-submit');
    expect(sent(send, 'poll.confirmPaperBallot')[0].data).toEqual({ ballotId: 'bal-2', reject: '选票上的房号与名册不符' });
    expect(page.text('#reviewed')).toBe('已退回3号楼1单元102的选票，需重新录入');
  });

  it('lists one’s own entries without opening them: the second keying is someone else’s', async () => {
    const own: PaperBallotView = { ...waiting[0], ballotId: 'bal-own', enteredByName: '我', enteredByMe: true };
    const { page } = await open({ pollId: 'poll-1', tab: 'pending' }, { 'poll.pendingPaper': ok({ items: [own] }) });
    expect(page.text('#pending-0')).toContain('本人录入，须由其他工作人员复核');
    await page.tap('#pending-0');
    expect(page.exists('#review')).toBe(false);
  });

  it('switching tabs reads each list again', async () => {
    const { page, send } = await open();
    await page.tap('#tab-pending');
    await page.tap('#tab-enter');
    expect(sent(send, 'poll.pendingPaper')).toHaveLength(1);
    expect(sent(send, 'poll.roll')).toHaveLength(2);
  });
});
