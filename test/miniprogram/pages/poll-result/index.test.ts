import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import type { PollResultView, PollView } from '../../../../miniprogram/core/poll/contract';
import { freezeRule } from '../../../../miniprogram/core/poll/rules';
import { bj, poll, publishedResult, sealedResult } from '../poll/fixtures';

const pageId = loadPage('pages/poll-result/index');

async function open(result: PollResultView, p: PollView = poll(), replies: Replies = {}) {
  const send = fakeBackend({ 'poll.get': ok(p), 'poll.results': ok(result), ...replies });
  const page = render(pageId);
  page.instance.onLoad({ pollId: p.id });
  await flush();
  return { page, send };
}

/** A few days after the demo poll closed and was published. */
const NOW = bj(2026, 12, 15, 10, 0);
const published = poll({ status: 'published', statusLabel: '结果已公布' });

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('the result of a poll still under way', () => {
  it('says it is sealed until published, shows participation only and no count per option', async () => {
    const { page, send } = await open(sealedResult());
    expect(sent(send, 'poll.results')[0].data).toEqual({ pollId: 'poll_1' });
    expect(page.text('#stage')).toContain('投票进行中，结果在投票结束并公布后才能查看');
    expect(page.text('#participation')).toBe('已投票42户（投票人次，非结果）');
    expect(page.exists('#options')).toBe(false);
    expect(page.exists('#explanation')).toBe(false);
    expect(page.text()).not.toMatch(/通过|得票/);
  });
});

describe('the result of a poll that has closed', () => {
  it('says the count is under way, with the server’s detail', async () => {
    const { page } = await open(
      sealedResult({ stage: 'counting', stageText: '计票中：还有3张纸质选票待复核' }),
      poll({ status: 'closed', statusLabel: '已结束，待公布' }),
    );
    expect(page.text('#stage')).toContain('投票已结束，正在计票');
    expect(page.text('#stage-text')).toBe('计票中：还有3张纸质选票待复核');
    expect(page.exists('#options')).toBe(false);
  });

  it('says it waits to be published', async () => {
    const { page } = await open(sealedResult({ stage: 'awaitingPublish', stageText: '结果待公布' }), poll({ status: 'closed', statusLabel: '已结束，待公布' }));
    expect(page.text('#stage')).toContain('投票已结束，等待公布结果');
    expect(page.exists('#options')).toBe(false);
  });
});

describe('a published result', () => {
  it('shows each option with its count and 通过/未通过, and the explanation word for word', async () => {
    const { page } = await open(publishedResult(), published);
    expect(page.text('#result-0')).toContain('同意');
    expect(page.text('#result-0')).toContain('120户');
    expect(page.text('#result-0 .badge')).toBe('通过');
    expect(page.text('#result-1 .badge')).toBe('未通过');
    expect(page.text('#result-1')).toContain('✗ 不同意70户（需>101.5户）');
    expect(page.text('#explanation')).toBe(publishedResult().result!.explanation);
    expect(page.text('#valid')).toBe('参与人数达到规定，表决有效');
  });

  it('shows the participation, the rule, the frozen roll with its check code and when it was published', async () => {
    const { page } = await open(publishedResult(), published);
    expect(page.text('#turnout')).toContain('共收到选票203张，其中弃权13张');
    expect(page.text('#turnout')).toContain('纸质选票 43张');
    expect(page.text('#turnout')).toContain('✓ 参与203户（需>150.5户）');
    expect(page.text('#rule-name')).toContain('《城市居民委员会组织法》');
    expect(page.text('#roll')).toBe('名册共301户，校验码 1a2b3c4d5e6f7a8b');
    expect(page.text('#published-at')).toBe('由赵主任于12月11日公布');
    expect(page.text()).not.toMatch(/poll_1|opt_/);
  });

  it('for owners, counts by area and head with the head count rule', async () => {
    const r = publishedResult();
    const owners = poll({ status: 'published', statusLabel: '结果已公布', unit: 'ownerUnit', unitLabel: '业主按专有部分表决', rule: freezeRule('CivilCode-278', { matter: 4, headCount: 'perOwner' }) });
    r.result!.headCountText = '按业主人数计（一人拥有多套计一人，未售出部分计一人）';
    r.result!.options[0].areaText = '10234.56㎡';
    const { page } = await open(r, owners);
    expect(page.text('#result-0')).toContain('120人，专有面积 10234.56㎡');
    expect(page.text('#head-count')).toContain('一人拥有多套计一人');
    expect(page.text('#roll')).toBe('名册共301套房屋，校验码 1a2b3c4d5e6f7a8b');
  });

  it('of a poll that only gathered opinions shows counts with no 通过 badge', async () => {
    const r = publishedResult();
    const { page } = await open(r, poll({ status: 'published', statusLabel: '结果已公布', rule: freezeRule('none', {}) }));
    expect(page.text('#result-0')).toContain('120户');
    expect(page.exists('#result-0 .badge')).toBe(false);
    expect(page.text('#valid')).toBe('征求意见，不作表决');
  });

  it('leads back to the poll and the resident’s own ballot', async () => {
    const { page } = await open(publishedResult(), published);
    await page.tap('#go-poll');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/poll/index?pollId=poll_1' });
  });
});

describe('the result cannot be read', () => {
  it('shows the server’s message', async () => {
    const { page } = await open(publishedResult(), published, { 'poll.results': fail('FORBIDDEN', '结果公布后才能查看') });
    expect(page.text('#error')).toContain('结果公布后才能查看');
  });
});
