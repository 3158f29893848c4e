import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import { bj, NOW, pollView } from '../poll-fixtures';

const pageId = loadPage('staff/poll-edit/index');

const admin = meReply(['poll.create', 'poll.list', 'roll.list'], { roles: ['admin'] });
const worker = meReply(['poll.create', 'poll.list', 'roll.list'], { roles: ['gridWorker'], gridIds: ['g1'] });

const grids = ok({ items: [{ id: 'g1', name: '第一网格' }, { id: 'g2', name: '第二网格' }] });
const buildings = ok({ items: [{ id: 'b1', name: '1号楼', gridId: 'g1' }, { id: 'b2', name: '2号楼', gridId: 'g1' }, { id: 'b3', name: '3号楼', gridId: 'g2' }] });

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'member.me': admin,
    'community.grids': grids,
    'community.buildings': buildings,
    'poll.create': (data) => ok(pollView({ id: 'poll-new', title: data.title })),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad({});
  await flush();
  return { page, send };
}

/** What every test fills the same way: the question and two answers. */
async function ask(page: Awaited<ReturnType<typeof open>>['page']) {
  await page.input('#title', '3号楼加装电梯意见征集');
  await page.input('#option-0', '同意');
  await page.input('#option-1', '不同意');
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('an admin starts a household poll for one building', () => {
  it('sends the question, the options, who votes, the rule, the channels and the times — under one idempotency key', async () => {
    const { page, send } = await open();
    await ask(page);
    await page.input('#description', '费用按楼层分摊');
    await page.tap('#add-option');
    await page.input('#option-2', '弃权的先不写');
    await page.tap('#remove-option-2');
    await page.change('#unit', 'household');
    await page.change('#scope', 'buildings');
    expect(page.text('#building-ids')).toContain('3号楼（第二网格）');
    await page.change('#building-ids', ['b3']);
    await page.change('#secret', 'secret');
    await page.change('#rule', 'URC-2018');
    await page.change('#channels', ['app', 'paper']);
    await page.change('#closes-date', '2026-05-20');
    await page.change('#closes-time', '18:00');
    await page.tap('#submit');

    const [event] = sent(send, 'poll.create');
    expect(event.data).toEqual({
      title: '3号楼加装电梯意见征集',
      description: '费用按楼层分摊',
      options: ['同意', '不同意'],
      minPicks: 1,
      maxPicks: 1,
      openTextLabel: null,
      unit: 'household',
      eligibility: { scope: 'buildings', ids: ['b3'] },
      secret: true,
      rule: { id: 'URC-2018' },
      channels: ['app', 'paper'],
      opensAt: bj(2026, 5, 7, 8),
      closesAt: bj(2026, 5, 20, 18),
    });
    expect(event.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/staff/poll/index?pollId=poll-new' });
  });

  it('retries a lost answer under the same key, so the poll is not started twice', async () => {
    let first = true;
    const { page, send } = await open({
      'poll.create': (data) => {
        if (first) {
          first = false;
          return fail('NETWORK_ERROR', '网络不给力，请稍后再试');
        }
        return ok(pollView({ id: 'poll-new', title: data.title }));
      },
    });
    await ask(page);
    await page.change('#unit', 'household');
    await page.change('#secret', 'open');
    await page.change('#rule', 'none');
    await page.tap('#submit');
    expect(page.text('#form-error')).toContain('网络');
    await page.tap('#submit');
    const keys = sent(send, 'poll.create').map((e) => e.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect((sent(send, 'poll.create')[1].data as { secret: boolean; eligibility: unknown }).secret).toBe(false);
    expect((sent(send, 'poll.create')[1].data as { eligibility: unknown }).eligibility).toEqual({ scope: 'community', ids: [] });
  });
});

describe('the rule is explained as it is chosen', () => {
  it('words the residents’ meeting rule and, for a roll of 301 and 203 taking part, the thresholds rules.ts computes', async () => {
    const { page } = await open();
    expect(page.exists('#rule-explain')).toBe(false);
    await page.change('#unit', 'household');
    await page.change('#rule', 'URC-2018');
    expect(page.text('#rule-explain')).toContain('参与：名册上超过半数的户参加，表决才有效。');
    expect(page.text('#rule-explain')).toContain('通过：参加的户中超过半数赞成，选项才算通过。');
    expect(page.text('#rule-explain')).toContain('没有投票的不算赞成');
    await page.input('#calc-roll', '301');
    await page.input('#calc-turnout', '203');
    expect(page.text('#calc-out')).toContain('参与：需>150.5户（名册共301户，须超过半数）');
    expect(page.text('#calc-out')).toContain('每个选项的赞成：需>101.5户（参与203户，须超过半数）');
    expect(page.text('#calc-verdict')).toContain('表决有效');
    await page.input('#calc-turnout', '150');
    expect(page.text('#calc-verdict')).toBe('按这个参与数，参与不足，表决无效。');
  });

  it('offers only the rules the ballot unit allows, and drops one that no longer fits', async () => {
    const { page } = await open();
    await page.change('#unit', 'household');
    expect(page.count('.pe-rule')).toBe(4);
    expect(page.text('#rule')).not.toContain('民法典');
    await page.change('#rule', 'VillageOrg');
    await page.change('#unit', 'person');
    expect(page.text('#rule')).not.toContain('村民会议');
    expect(page.exists('#rule-explain')).toBe(false);
    await page.change('#unit', 'ownerUnit');
    expect(page.count('.pe-rule')).toBe(3);
    expect(page.text('#rule')).toContain('《民法典》第二百七十八条');
  });

  it('for the Civil Code asks the matter and how owners are counted, and tries area and head count', async () => {
    const { page, send } = await open();
    await ask(page);
    await page.change('#unit', 'ownerUnit');
    await page.change('#rule', 'CivilCode-278');
    await page.change('#matter', 6);
    expect(page.text('#matter-value')).toBe('第7项：改建、重建建筑物及其附属设施');
    expect(page.text('#rule-explain')).toContain('专有面积三分之二以上参与，并且名册上三分之二以上的业主（按人数）参加');
    expect(page.text('#rule-explain')).toContain('参与表决的专有面积中四分之三以上同意');
    await page.change('#head-count', 'perUnit');
    expect(page.text('#calc')).toContain('名册上共有多少套专有部分');
    await page.input('#calc-roll', '120');
    await page.input('#calc-turnout', '90');
    expect(page.exists('#calc-out')).toBe(false);
    await page.input('#calc-area', '10000');
    await page.input('#calc-turnout-area', '7000.5');
    expect(page.text('#calc-out')).toContain('参与面积：需≥6666.67㎡（总面积10000.00㎡，须三分之二以上）');
    expect(page.text('#calc-out')).toContain('参与业主：需≥80套（名册共120套，须三分之二以上）');
    expect(page.text('#calc-out')).toContain('每个选项的同意面积：需≥5250.38㎡（参与面积7000.50㎡，须四分之三以上）');
    await page.change('#secret', 'secret');
    await page.tap('#submit');
    expect(sent(send, 'poll.create')[0].data).toMatchObject({ unit: 'ownerUnit', rule: { id: 'CivilCode-278', matter: 7, headCount: 'perUnit' } });
  });

  it('for a community rule sends its name and both fractions with 超过 or 以上', async () => {
    const { page, send } = await open();
    await ask(page);
    await page.change('#unit', 'person');
    await page.change('#rule', 'Custom');
    await page.input('#custom-name', '本社区议事规则第五条');
    await page.input('#part-num', '3');
    await page.input('#part-den', '5');
    await page.change('#part-cmp', 1);
    expect(page.text('#rule-explain')).toContain('本社区议事规则第五条');
    expect(page.text('#rule-explain')).toContain('名册上3/5以上的成年居民参加');
    expect(page.text('#rule-explain')).toContain('参加的成年居民中超过半数赞成');
    await page.change('#secret', 'open');
    await page.tap('#submit');
    expect((sent(send, 'poll.create')[0].data as { rule: unknown }).rule).toEqual({
      id: 'Custom',
      custom: { name: '本社区议事规则第五条', participation: { num: 3, den: 5, cmp: '>=' }, approval: { num: 1, den: 2, cmp: '>' } },
    });
  });
});

describe('what is missing or refused', () => {
  it('names on the device what was not chosen, and sends nothing', async () => {
    const { page, send } = await open();
    await page.tap('#submit');
    expect(sent(send, 'poll.create')).toHaveLength(0);
    expect(page.text('#title-error')).toContain('标题');
    expect(page.text('#option-error-0')).toBe('请填写选项');
    expect(page.exists('#options-error')).toBe(false);
    expect(page.text('#unit-error')).toBe('请选择计票单位');
    expect(page.text('#secret-error')).toBe('请选择记名或不记名');
    expect(page.text('#rule-error')).toBe('请选择表决规则');
  });

  it('shows the server’s refusals beside their fields', async () => {
    const { page } = await open({
      'poll.create': fail('VALIDATION_ERROR', '请检查', {
        issues: [
          { path: 'eligibility.ids', message: '网格员只能在本人网格内发起' },
          { path: 'rule.matter', message: '请选择表决事项（民法典第二百七十八条）' },
          { path: 'closesAt', message: '截止时间须晚于开始时间' },
        ],
      }),
    });
    await ask(page);
    await page.change('#unit', 'household');
    await page.change('#secret', 'secret');
    await page.change('#rule', 'URC-2018');
    await page.tap('#submit');
    expect(page.text('#eligibility-error')).toBe('网格员只能在本人网格内发起');
    expect(page.text('#rule-error')).toContain('表决事项');
    expect(page.text('#closes-error')).toBe('截止时间须晚于开始时间');
    expect(page.text('#form-count')).toBe('还有3项需要填写');
    expect(page.exists('#form-error')).toBe(false);
  });

  it('says two options may not be the same', async () => {
    const { page, send } = await open();
    await page.input('#title', '楼道堆物清理时间');
    await page.input('#option-0', '周六');
    await page.input('#option-1', '周六');
    await page.change('#unit', 'household');
    await page.change('#secret', 'secret');
    await page.change('#rule', 'none');
    await page.tap('#submit');
    expect(sent(send, 'poll.create')).toHaveLength(0);
    expect(page.text('#options-error')).toBe('选项不能重复');
  });
});

describe('several picks and an open question', () => {
  it('sends the picks typed and the prompt', async () => {
    const { page, send } = await open();
    await ask(page);
    await page.tap('#add-option');
    await page.input('#option-2', '再议');
    await page.change('#multiple', true);
    await page.input('#max-picks', '2');
    await page.change('#open-text', true);
    await page.input('#open-text-label', '您还有什么建议');
    await page.change('#unit', 'household');
    await page.change('#secret', 'secret');
    await page.change('#rule', 'none');
    await page.tap('#submit');
    expect(sent(send, 'poll.create')[0].data).toMatchObject({ options: ['同意', '不同意', '再议'], minPicks: 1, maxPicks: 2, openTextLabel: '您还有什么建议' });
  });
});

describe('choosing who may vote', () => {
  it('gives a grid worker their own grid only, already ticked, and no 全社区', async () => {
    const { page, send } = await open({ 'member.me': worker });
    expect(page.text('#scope')).not.toContain('全社区');
    expect(page.text('#grid-ids')).toContain('第一网格');
    expect(page.text('#grid-ids')).not.toContain('第二网格');
    await page.change('#scope', 'buildings');
    expect(page.text('#building-ids')).toContain('2号楼');
    expect(page.text('#building-ids')).not.toContain('3号楼');
    await page.change('#scope', 'grids');
    await ask(page);
    await page.change('#unit', 'household');
    await page.change('#secret', 'secret');
    await page.change('#rule', 'none');
    await page.tap('#submit');
    expect((sent(send, 'poll.create')[0].data as { eligibility: unknown }).eligibility).toEqual({ scope: 'grids', ids: ['g1'] });
  });

  it('adds households found by address, shown by address, sent by what the finder handed over', async () => {
    const { page, send } = await open();
    await page.change('#scope', 'households');
    await page.trigger('#household-picker', 'pick', { householdId: 'h-101', address: '1号楼 1单元 101室', onApp: true, label: '刘阿姨 · 1号楼 1单元 101室' });
    await page.trigger('#household-picker', 'pick', { householdId: 'h-202', address: '1号楼 2单元 202室', onApp: false, label: '1号楼 2单元 202室（家中无人使用小程序）' });
    expect(page.text('#households')).toContain('1号楼 1单元 101室');
    expect(page.text('#households')).toContain('1号楼 2单元 202室');
    expect(page.text('#households')).not.toContain('h-101');
    await page.tap('#remove-household-0');
    await ask(page);
    await page.change('#unit', 'household');
    await page.change('#secret', 'secret');
    await page.change('#rule', 'none');
    await page.tap('#submit');
    expect((sent(send, 'poll.create')[0].data as { eligibility: unknown }).eligibility).toEqual({ scope: 'households', ids: ['h-202'] });
  });
});

describe('a show of hands', () => {
  it('stands alone: ticking it sets the other channels aside, and says what it records', async () => {
    const { page } = await open();
    await page.change('#channels', ['app', 'hands']);
    expect(page.instance.data.channels).toEqual([
      { value: 'app', label: '小程序投票', checked: false },
      { value: 'paper', label: '纸质选票', checked: false },
      { value: 'meeting', label: '会议现场表决', checked: false },
      { value: 'hands', label: '会议举手表决', checked: true },
    ]);
    expect(page.text('#hands-note')).toContain('到会人数');
    await page.change('#channels', ['hands', 'paper']);
    expect((page.instance.data.channels as Array<{ value: string; checked: boolean }>).filter((c) => c.checked).map((c) => c.value)).toEqual(['paper']);
  });
});

describe('the lists cannot be read', () => {
  it('shows the message and a retry instead of the form', async () => {
    const { page } = await open({ 'community.grids': fail('INTERNAL', '系统繁忙，请稍后再试') });
    await flush();
    expect(page.text('#error')).toContain('系统繁忙');
    expect(page.exists('#submit')).toBe(false);
  });
});
