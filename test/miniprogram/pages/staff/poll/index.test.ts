import type { ActionName } from '../../../../../miniprogram/core/action-names';
import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../../harness';
import { bj, counted, NOW, pollView, sealed } from '../poll-fixtures';

const pageId = loadPage('staff/poll/index');

const closed = pollView({ status: 'closed', statusLabel: '已结束，待公布', participation: 60, participationText: '已投票60户（投票人次，非结果）', closesAt: bj(2026, 5, 5, 20), allowedActions: ['poll.get', 'poll.results', 'poll.publish'] as ActionName[] });

async function open(replies: Replies = {}) {
  const send = fakeBackend({ 'poll.get': ok(pollView()), 'poll.results': ok(sealed()), ...replies });
  const page = render(pageId);
  page.instance.onLoad({ pollId: 'poll-1' });
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('staff open a running poll', () => {
  it('shows what it asks, who counts, the frozen roll, the rule in words and how many voted — and no count of choices', async () => {
    const { page, send } = await open();
    expect(sent(send, 'poll.get')[0].data).toEqual({ pollId: 'poll-1' });
    expect(page.text('#title')).toBe('3号楼加装电梯意见征集');
    expect(page.text('#status')).toBe('投票中');
    expect(page.text('#participation')).toBe('已投票42户（投票人次，非结果）');
    const summary = page.text('#summary');
    expect(summary).toContain('一户一票');
    expect(summary).toContain('3号楼');
    expect(summary).toContain('不记名投票');
    expect(summary).toContain('同意、不同意（单选）');
    expect(summary).toContain('小程序投票、纸质选票');
    expect(summary).toContain('已冻结，共96户');
    expect(summary).toContain('李秀英');
    expect(page.text('#rule')).toContain('参与：名册上超过半数的户参加');
    expect(page.text('#stage')).toBe('投票进行中，结束后才能计票');
    expect(page.exists('#result-option-0')).toBe(false);
    expect(page.exists('#publish')).toBe(false);
    expect(page.exists('#hands')).toBe(false);
  });

  it('leads to paper entry and its review', async () => {
    const { page } = await open();
    await page.tap('#open-paper');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/poll-paper/index?pollId=poll-1' });
    await page.tap('#open-pending');
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/poll-paper/index?pollId=poll-1&tab=pending' });
  });
});

describe('ending a poll before its deadline', () => {
  it('asks why, confirms, sends the reason, and shows the count begin', async () => {
    const { page, send } = await open({
      'poll.close': ok(pollView({ status: 'closed', statusLabel: '已结束，待公布', allowedActions: ['poll.get', 'poll.results'] })),
    });
    await page.tap('#close-open');
    expect(page.text('#close-form')).toContain('提前结束的原因');
    await page.tap('#close-submit');
    expect(page.text('#close-reason-error')).toContain('提前结束须说明原因');
    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(sent(send, 'poll.close')).toHaveLength(0);
    await page.input('#close-reason', '全部96户已投完');
    await page.tap('#close-submit');
    expect((wxMock.showModal.mock.calls[0][0] as { content: string }).content).toContain('提前结束');
    await flush();
    expect(sent(send, 'poll.close')[0].data).toEqual({ pollId: 'poll-1', reason: '全部96户已投完' });
    expect(page.text('#status')).toBe('已结束，待公布');
    expect(page.text('#saved')).toBe('投票已结束，正在计票');
    expect(sent(send, 'poll.results')).toHaveLength(2);
    expect(page.exists('#close-open')).toBe(false);
  });

  it('sends nothing when the confirm is declined', async () => {
    const { page, send } = await open();
    wxMock.showModal.mockImplementationOnce((opts: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => opts.success?.({ confirm: false, cancel: true }));
    await page.tap('#close-open');
    await page.input('#close-reason', '全部96户已投完');
    await page.tap('#close-submit');
    expect(sent(send, 'poll.close')).toHaveLength(0);
  });
});

describe('ending a poll past its deadline', () => {
  it('needs no reason', async () => {
    const late = pollView({ closesAt: bj(2026, 5, 6, 9) });
    const { page, send } = await open({ 'poll.get': ok(late), 'poll.close': ok({ ...late, status: 'closed', statusLabel: '已结束，待公布', allowedActions: [] }) });
    await page.tap('#close-open');
    expect(page.text('#close-form')).toContain('结束说明（选填）');
    await page.tap('#close-submit');
    await flush();
    expect(sent(send, 'poll.close')[0].data).toEqual({ pollId: 'poll-1', reason: '' });
  });
});

describe('cancelling a poll that has not opened', () => {
  it('takes a reason, confirms, and shows it cancelled', async () => {
    const scheduled = pollView({ status: 'scheduled', statusLabel: '未开始', rollSize: null, participation: 0, participationText: '已投票0户（投票人次，非结果）', opensAt: bj(2026, 5, 8, 8), allowedActions: ['poll.get', 'poll.cancel'] });
    const { page, send } = await open({
      'poll.get': ok(scheduled),
      'poll.results': ok(sealed({ stage: 'notOpen', stageText: '投票尚未开始' })),
      'poll.cancel': ok({ ...scheduled, status: 'cancelled', statusLabel: '已撤销', allowedActions: ['poll.get'] }),
    });
    expect(page.exists('#participation')).toBe(false);
    expect(page.text('#summary')).toContain('投票开始时冻结');
    await page.tap('#cancel-open');
    await page.tap('#cancel-submit');
    expect(page.text('#cancel-reason-error')).toContain('撤销原因');
    await page.input('#cancel-reason', '选项有误，重新发起');
    await page.tap('#cancel-submit');
    await flush();
    expect(sent(send, 'poll.cancel')[0].data).toEqual({ pollId: 'poll-1', reason: '选项有误，重新发起' });
    expect(page.text('#status')).toBe('已撤销');
    expect(page.exists('#cancel-open')).toBe(false);
  });
});

describe('a counted result', () => {
  it('shows every line of the arithmetic, the explanation word for word, ballots per channel, open answers and the roll hash', async () => {
    const { page } = await open({ 'poll.get': ok(closed), 'poll.results': ok(counted()) });
    expect(page.text('#stage')).toBe('结果待公布');
    expect(page.text('#result-summary')).toContain('名册96户，收到选票60张，其中弃权4张');
    expect(page.text('#validity')).toBe('表决有效');
    expect(page.text('#result-summary')).toContain('✓ 参与60户（需>48户）');
    expect(page.text('#result-option-0')).toContain('同意');
    expect(page.text('#result-option-0')).toContain('41票');
    expect(page.text('#result-option-0')).toContain('通过');
    expect(page.text('#result-option-1')).toContain('未通过');
    expect(page.text('#result-option-1')).toContain('✗ 不同意15户（需>30户）');
    expect(page.text('#explanation')).toBe('96户；参与60户（需>48户）；同意41户（需>30户） → 通过；不同意15户（需>30户） → 未通过（居民会议）');
    expect(page.text('#by-channel')).toContain('小程序投票48张');
    expect(page.text('#by-channel')).toContain('纸质选票12张');
    expect(page.text('#open-texts')).toContain('希望尽快开工');
    expect(page.text('#roll-hash')).toContain('9f86d081884c7d65');
    expect(page.text('#roll-hash')).not.toContain('9f86d081884c7d659a');
    expect(page.text('#roll-hash')).toContain('尚未公布');
    expect(page.exists('#voters')).toBe(false);
  });

  it('for an open ballot lists who chose what, for staff', async () => {
    const { page } = await open({
      'poll.get': ok({ ...closed, secret: false, ballotLabel: '记名投票' }),
      'poll.results': ok(counted({ voters: [{ unitLabel: '3号楼1单元101', name: '刘阿姨', choiceLabels: ['同意'] }, { unitLabel: '3号楼1单元102', name: '马大爷', choiceLabels: [] }] })),
    });
    expect(page.text('#voters')).toContain('3号楼1单元101 刘阿姨同意');
    expect(page.text('#voters')).toContain('3号楼1单元102 马大爷弃权');
  });

  it('says when too few took part', async () => {
    const { page } = await open({ 'poll.get': ok(closed), 'poll.results': ok(counted({ valid: false, participationLines: [{ text: '参与40户（需>48户）', passed: false }] })) });
    expect(page.text('#validity')).toBe('参与不足，表决无效');
    expect(page.text('#result-summary')).toContain('✗ 参与40户（需>48户）');
  });
});

describe('publishing the result', () => {
  it('explains who may publish, confirms and shows it published', async () => {
    const { page, send } = await open({
      'poll.get': ok(closed),
      'poll.results': ok(counted()),
      'poll.publish': ok(counted({ publishedAt: bj(2026, 5, 6, 9, 30), publishedByName: '王书记' }, { stage: 'published', stageText: '结果已公布' })),
    });
    expect(page.text('#publish-note')).toContain('结果须由发起人以外的管理员公布');
    await page.tap('#publish');
    await flush();
    expect(sent(send, 'poll.publish')[0].data).toEqual({ pollId: 'poll-1' });
    expect(page.text('#stage')).toBe('结果已公布');
    expect(page.text('#roll-hash')).toContain('今天 09:30 由王书记公布');
    expect(page.text('#saved')).toBe('结果已公布');
  });

  it('tells the poll’s starter, who has no 公布 button, why', async () => {
    const { page } = await open({ 'poll.get': ok({ ...closed, allowedActions: ['poll.get', 'poll.results'] }), 'poll.results': ok(counted()) });
    expect(page.exists('#publish')).toBe(false);
    expect(page.text('#publish-note')).toContain('结果须由发起人以外的管理员公布');
  });

  it('shows the server’s refusal as sent, when the starter tries', async () => {
    const { page } = await open({ 'poll.get': ok(closed), 'poll.results': ok(counted()), 'poll.publish': fail('FORBIDDEN', '须由发起人以外的管理员公布') });
    await page.tap('#publish');
    await flush();
    expect(page.text('#publish-error')).toBe('须由发起人以外的管理员公布');
  });
});

describe('a show of hands at a meeting', () => {
  const hands = pollView({ channels: ['hands'], secret: false, ballotLabel: '记名投票', participation: 0, participationText: '已投票0户（投票人次，非结果）', allowedActions: ['poll.get', 'poll.results', 'poll.recordHands', 'poll.close'] });

  it('asks the number present, then records each option’s hands and the abstentions', async () => {
    const { page, send } = await open({ 'poll.get': ok(hands), 'poll.recordHands': ok({ ...hands, status: 'closed', statusLabel: '已结束，待公布', allowedActions: ['poll.get', 'poll.results'] }) });
    await page.tap('#hands-submit');
    expect(sent(send, 'poll.recordHands')).toHaveLength(0);
    expect(page.text('#present-error')).toBe('请填写到会人数');
    await page.input('#present', '30');
    await page.input('#count-0', '18');
    await page.input('#count-1', '9');
    await page.input('#abstain', '3');
    await page.tap('#hands-submit');
    expect((wxMock.showModal.mock.calls[0][0] as { content: string }).content).toContain('只能记录一次');
    await flush();
    expect(sent(send, 'poll.recordHands')[0].data).toEqual({ pollId: 'poll-1', present: 30, counts: { 'opt-yes': 18, 'opt-no': 9 }, abstain: 3 });
    expect(page.text('#saved')).toBe('举手表决结果已记录');
    expect(page.exists('#hands')).toBe(false);
  });

  it('catches more hands than people present before anything is sent', async () => {
    const { page, send } = await open({ 'poll.get': ok(hands) });
    await page.input('#present', '20');
    await page.input('#count-0', '18');
    await page.input('#count-1', '9');
    await page.tap('#hands-submit');
    expect(page.text('#counts-error')).toContain('举手数合计27，多于到会的20人');
    expect(sent(send, 'poll.recordHands')).toHaveLength(0);
  });
});

describe('a poll that cannot be read', () => {
  it('says so, with a retry', async () => {
    const { page } = await open({ 'poll.get': fail('NOT_FOUND', '没有找到这个投票') });
    expect(page.text('#error')).toContain('没有找到这个投票');
    expect(page.exists('#summary')).toBe(false);
  });
});
