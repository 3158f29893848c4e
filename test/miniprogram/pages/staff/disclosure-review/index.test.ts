import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import type { ActionName } from '../../../../../miniprogram/core/action-names';
import { books, draftItem, flag, NOW, opinion, publishedItem, question, version } from '../disclosure-fixtures';

const pageId = loadPage('staff/disclosure-review/index');

async function open(replies: Replies = {}, query: Record<string, string> = { itemId: 'item-1' }) {
  const send = fakeBackend({
    'member.me': meReply(['disclosure.review', 'disclosure.publish'], { memberId: 'm-wang', roles: ['admin'] }),
    'disclosure.get': ok(draftItem()),
    'media.urls': ok({ urls: {} }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad(query);
  await flush();
  return { page, send };
}

const decided = draftItem({}, {
  flags: [flag({ decision: 'mask', decidedByName: '王书记' }), flag({ flagId: 'f2', kind: 'phone', kindLabel: '电话号码', text: '13800001234', suggestion: '138****1234', decision: 'keep', reason: '社区服务电话', decidedByName: '王书记' })],
  unresolved: 0,
});

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a draft with personal data in it', () => {
  it('lists each find in its sentence with what it becomes, and shows what residents will read', async () => {
    const { page } = await open();
    expect(page.text('#title')).toBe('2026年第三季度社区财务收支');
    expect(page.text('#meta')).toBe('财务收支 · 2026年第三季度');
    expect(page.text('#flag-summary')).toBe('发现2处个人信息，还有2处未处理');
    expect(page.text('#flag-f1')).toContain('姓名');
    expect(page.text('#flag-f1')).toContain('…支付张建国保洁费…');
    expect(page.text('#flag-f1')).toContain('遮盖后写作「张某」');
    expect(page.text('#preview')).toContain('支付张某保洁费。联系电话138****1234。');
    expect(page.text('#preview')).not.toContain('张建国');
    expect(page.text('#preview >>> #dcn-finance')).toContain('10,000.00元');
    expect(page.text('#preview >>> #dcn-finance-text')).toContain('与期末余额一致');
  });

  it('keeps 公开 disabled and says why until every find is decided', async () => {
    const { page, send } = await open();
    expect(page.text('#blocks')).toContain('还有2处个人信息未处理');
    await page.tap('#publish');
    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(sent(send, 'disclosure.publish')).toHaveLength(0);
  });

  it('asks a reason for keeping, through the shared schema, under the flag', async () => {
    const { page, send } = await open();
    await page.tap('#mask-f1');
    await page.tap('#keep-f2');
    expect(page.text('#blocks')).toContain('有2处处理结果还没保存');
    await page.tap('#save-review');
    expect(page.text('#flag-error-f2')).toContain('保留个人信息须说明原因');
    expect(sent(send, 'disclosure.review')).toHaveLength(0);
  });

  it('saves the decisions and a mark the scan missed, and then 公开 is open', async () => {
    const { page, send } = await open({ 'disclosure.review': ok(decided) });
    await page.tap('#mask-f1');
    await page.tap('#keep-f2');
    await page.input('#reason-f2', '社区服务电话');
    await page.tap('#mark-add');
    expect(page.text('#mark-error')).toContain('请填写要遮盖的内容');
    await page.input('#mark-text', '老周');
    await page.tap('#mark-add');
    expect(page.text('#mark-0')).toContain('正文：「老周」');
    expect(page.text('#save-review')).toContain('3处');
    await page.tap('#save-review');
    expect(sent(send, 'disclosure.review')[0].data).toEqual({
      itemId: 'item-1',
      draftVersion: 3,
      decisions: [
        { flagId: 'f1', decision: 'mask' },
        { flagId: 'f2', decision: 'keep', reason: '社区服务电话' },
      ],
      marks: [{ field: 'body', text: '老周' }],
    });
    expect(page.text('#saved')).toBe('已保存，个人信息都已处理');
    expect(page.text('#flag-f2')).toContain('王书记已决定保留（社区服务电话）');
    expect(page.exists('#blocks')).toBe(false);
  });

  it('publishes after a confirming tap, against the draft version it shows', async () => {
    const published = publishedItem();
    const { page, send } = await open({ 'disclosure.get': ok(decided), 'disclosure.publish': ok(published) });
    await page.tap('#publish');
    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('内容不能再修改') }));
    await flush();
    expect(sent(send, 'disclosure.publish')[0].data).toEqual({ itemId: 'item-1', draftVersion: 3 });
    expect(page.text('#saved')).toBe('已公开第1版，居民现在可以看到');
    expect(page.exists('#flags')).toBe(false);
    expect(page.text('#versions')).toContain('第1版');
  });

  it('says what the server refused at publish, and reloads a draft that changed meanwhile', async () => {
    const { page, send } = await open({ 'disclosure.get': ok(decided), 'disclosure.publish': fail('CONFLICT', '草稿已更新') });
    await page.tap('#publish');
    await flush();
    expect(page.text('#publish-error')).toContain('这份草稿刚被别人改过');
    expect(sent(send, 'disclosure.get')).toHaveLength(2);
  });

  it('names books that do not reconcile, and will not publish them', async () => {
    const off = draftItem({}, { flags: [], unresolved: 0, finance: { ...books, closingFen: 1_200_000 } });
    const { page, send } = await open({ 'disclosure.get': ok(off) });
    expect(page.text('#blocks')).toContain('财务收支不平衡');
    expect(page.text('#blocks')).toContain('相差200.00元');
    expect(page.text('#preview >>> #dcn-finance-text')).toContain('相差200.00元');
    await page.tap('#publish');
    expect(sent(send, 'disclosure.publish')).toHaveLength(0);
  });

  it('leaves 公开 to an admin: a grid worker reviews, and is told who publishes', async () => {
    const { page } = await open({ 'disclosure.get': ok(draftItem({ allowedActions: ['disclosure.get', 'disclosure.draft', 'disclosure.review'] as ActionName[] })) });
    expect(page.exists('#publish')).toBe(false);
    expect(page.text('#publish-admin')).toContain('由社区管理员公开');
    expect(page.exists('#save-review')).toBe(true);
    await page.tap('#edit');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/disclosure-edit/index?itemId=item-1&from=review' });
  });
});

describe('a published item', () => {
  it('shows the version up, its history with reasons, and takes a correction with its reason', async () => {
    const two = publishedItem({
      shown: version({ number: 2, reason: '保洁费金额录入有误' }),
      currentNumber: 2,
      versions: [
        { number: 1, publishedAt: NOW - 5 * 86_400_000, reason: null, superseded: true },
        { number: 2, publishedAt: NOW - 86_400_000, reason: '保洁费金额录入有误', superseded: false },
      ],
    });
    const correcting = draftItem({ state: 'correcting', stateLabel: '更正中', currentNumber: 2, shown: two.shown, versions: two.versions }, { correctionReason: '办公用品金额有误' });
    const { page, send } = await open({ 'disclosure.get': ok(two), 'disclosure.correct': ok(correcting) });
    expect(page.text('#shown')).toContain('支付张某保洁费');
    expect(page.text('#shown >>> #dcn-links')).toContain('增设快递柜');
    expect(page.text('#version-1')).toContain('已被更正');
    expect(page.text('#version-2')).toContain('更正原因：保洁费金额录入有误');
    await page.tap('#version-1');
    expect(sent(send, 'disclosure.get')[1].data).toEqual({ itemId: 'item-1', version: 1 });
    await page.tap('#correct-open');
    await page.tap('#correct-submit');
    expect(page.text('#reason-error')).toBe('更正原因至少需要4个字');
    await page.input('#reason', '办公用品金额有误');
    await page.tap('#correct-submit');
    expect(sent(send, 'disclosure.correct')[0].data).toEqual({ itemId: 'item-1', reason: '办公用品金额有误' });
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/disclosure-edit/index?itemId=item-1&from=review' });
  });

  it('opens from a notice, and answers the item’s open question and objection in place', async () => {
    const asked = publishedItem({
      allowedActions: ['disclosure.get', 'disclosure.correct', 'disclosure.respond', 'disclosure.answer'] as ActionName[],
      opinions: [opinion()],
      questions: [question(), question({ questionId: 'q-0', state: 'answered', answer: { text: '已答复。', byName: '王书记', at: NOW } })],
    });
    const { page, send } = await open(
      {
        'disclosure.get': ok(asked),
        'disclosure.answer': (data) => ok(question({ questionId: data.questionId, state: 'answered' })),
        'disclosure.respond': ok(publishedItem({ opinions: [opinion({ response: { text: '已核实。', byName: '王书记', at: NOW } })] })),
      },
      { id: 'item-1' },
    );
    expect(sent(send, 'disclosure.get')[0].data).toEqual({ itemId: 'item-1' });
    expect(page.text('#question-q-1')).toContain('办公用品为什么要200元？');
    expect(page.exists('#question-q-0')).toBe(false);
    await page.tap('#answer-q-1 >>> #dr-open');
    await page.input('#answer-q-1 >>> #dr-text', '购买打印纸和墨盒。');
    await page.tap('#answer-q-1 >>> #dr-submit');
    expect(sent(send, 'disclosure.answer')[0].data).toEqual({ questionId: 'q-1', text: '购买打印纸和墨盒。' });
    expect(sent(send, 'disclosure.get')).toHaveLength(2);
    expect(page.text('#opinion-op-1')).toContain('保洁费比上季度高出一倍');
    await page.tap('#respond-op-1 >>> #dr-open');
    await page.input('#respond-op-1 >>> #dr-text', '已核实：本季度增加了深度保洁。');
    await page.tap('#respond-op-1 >>> #dr-submit');
    expect(sent(send, 'disclosure.respond')[0].data).toEqual({ itemId: 'item-1', opinionId: 'op-1', text: '已核实：本季度增加了深度保洁。' });
    expect(page.exists('#objections')).toBe(false);
    expect(page.text('#saved')).toBe('已答复监督委员会的异议');
  });

  it('offers no correction to someone who may not correct', async () => {
    const { page } = await open({ 'disclosure.get': ok(publishedItem({ allowedActions: ['disclosure.get'] })) });
    expect(page.exists('#correct-open')).toBe(false);
  });
});

it('shows a failure to load with a retry', async () => {
  const { page } = await open({ 'disclosure.get': fail('NOT_FOUND', '没有找到这一项公开事项') });
  expect(page.text('#error')).toContain('没有找到这一项公开事项');
});
