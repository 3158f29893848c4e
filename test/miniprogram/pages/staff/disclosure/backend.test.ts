/** The 居务公开 staff page against the real backend: the lists it shows and the answers it sends. */
import { flush, loadPage, render } from '../../../harness';
import type { ItemView, QuestionView } from '../../../../../miniprogram/core/disclosure/contract';
import { createHarness, financeDraft, key, pagesAs, publish, type Harness } from '../disclosure-backend';
import { member } from '../../../../support/harness';

const pageId = loadPage('staff/disclosure/index');

let h: Harness;
beforeEach(async () => {
  jest.clearAllMocks();
  h = await createHarness();
  jest.spyOn(Date, 'now').mockImplementation(() => h.clock.now());
});
afterEach(() => {
  jest.restoreAllMocks();
  h.close();
});

async function open(tab: string) {
  pagesAs(h, 'demo-admin');
  const page = render(pageId);
  page.instance.onLoad({ tab });
  await flush();
  return page;
}

describe('drafts and what is up', () => {
  it('lists the draft under 草稿 and, once published, under 已公开', async () => {
    const draft = await financeDraft(h);
    const drafts = await open('drafts');
    expect(drafts.text(`#item-${draft.itemId}`)).toContain('2026年第三季度社区财务收支');
    await publish(h, draft);
    await drafts.tap('#tab-published');
    expect(drafts.text(`#item-${draft.itemId}`)).toContain('已公开');
  });
});

describe('a resident’s question', () => {
  it('is answered from the list, and the asker’s answer is on record', async () => {
    const item = await publish(h, await financeDraft(h));
    const asked = await h.ok<QuestionView>('demo-resident-1', 'disclosure.ask', { itemId: item.itemId, text: '保洁费是按月付的吗？' }, key());
    const page = await open('questions');
    expect(page.text(`#question-${asked.questionId}`)).toContain('保洁费是按月付的吗？');
    // Staff read the asker masked, as everyone does on the board.
    expect(page.text(`#question-${asked.questionId}`)).not.toContain('刘阿姨');
    await page.tap(`#answer-${asked.questionId} >>> #dr-open`);
    await page.input(`#answer-${asked.questionId} >>> #dr-text`, '按月支付，每月750元。');
    await page.tap(`#answer-${asked.questionId} >>> #dr-submit`);
    await flush();
    expect(page.exists(`#question-${asked.questionId}`)).toBe(false);
    const mine = await h.ok<{ items: QuestionView[] }>('demo-resident-1', 'disclosure.questions', { when: 'mine' });
    expect(mine.items[0]).toMatchObject({ state: 'answered', answer: { text: '按月支付，每月750元。' } });
  });
});

describe('a committee member’s objection', () => {
  it('is answered from the list, and the item’s banner comes down', async () => {
    const today = new Date(h.clock.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await h.ok('demo-admin', 'supervision.appoint', {
      chosenBy: 'residentsMeeting',
      startsOn: today,
      endsOn: `${Number(today.slice(0, 4)) + 5}${today.slice(4)}`,
      members: [{ memberId: member('demo-resident-2'), name: '孙监督', position: 'chair' }],
    });
    const item = await publish(h, await financeDraft(h));
    await h.ok('demo-resident-2', 'disclosure.opinion', { itemId: item.itemId, versionNumber: 1, stance: 'objection', text: '保洁费比上季度高出一倍，请说明。' });
    const page = await open('objections');
    await page.tap(`#objection-${item.itemId} .ld-tappable`);
    const before = await h.ok<ItemView>('demo-admin', 'disclosure.get', { itemId: item.itemId });
    const opinionId = before.opinions[0].opinionId;
    expect(before.objectionBanner).not.toBeNull();
    expect(page.text(`#opinion-${opinionId}`)).toContain('保洁费比上季度高出一倍');
    await page.tap(`#respond-${opinionId} >>> #dr-open`);
    await page.input(`#respond-${opinionId} >>> #dr-text`, '本季度增加了楼道深度保洁，合同见附件。');
    await page.tap(`#respond-${opinionId} >>> #dr-submit`);
    await flush();
    expect(page.exists(`#objection-${item.itemId}`)).toBe(false);
    const after = await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: item.itemId });
    expect(after.objectionBanner).toBeNull();
    expect(after.opinions[0].response?.text).toBe('本季度增加了楼道深度保洁，合同见附件。');
  });
});
