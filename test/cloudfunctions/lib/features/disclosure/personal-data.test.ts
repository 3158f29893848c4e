/**
 * What 居务公开 holds of a resident: the questions they asked. Exported as such; on deletion the
 * questions and answers stay public (the community's record) but no longer point at anyone.
 */
import type { Page } from '../../../../../miniprogram/core/action';
import type { ItemView, QuestionView } from '../../../../../miniprogram/core/disclosure/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { publishedItem } from './committee-fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('download my data', () => {
  it('lists my questions with their answers, and nobody else’s', async () => {
    const item = await publishedItem(h);
    const q = await h.ok<QuestionView>('demo-resident-1', 'disclosure.ask', { itemId: item._id, text: '停车费收入为什么比上季度少？' }, key());
    await h.ok('demo-resident-2', 'disclosure.ask', { itemId: item._id, text: '绿化养护是哪家单位做的？' }, key());
    await h.ok('demo-grid-1', 'disclosure.answer', { questionId: q.questionId, text: '车位改造期间停车费减收。' });
    const mine = await h.ok<Record<string, unknown>>('demo-resident-1', 'privacy.export');
    expect(mine.disclosureQuestions).toEqual([
      { item: '2026年第三季度财务收支', version: 1, text: '停车费收入为什么比上季度少？', askedAt: h.clock.now(), dueAt: h.clock.now() + 10 * DAY, state: '已答复', answer: { text: '车位改造期间停车费减收。', byName: '李秀英', at: h.clock.now() } },
    ]);
  });
});

describe('deleting my account', () => {
  it('keeps my question public as 已注销用户’s and forgets who and where I was', async () => {
    const item = await publishedItem(h);
    const q = await h.ok<QuestionView>('demo-resident-1', 'disclosure.ask', { itemId: item._id, text: '停车费收入为什么比上季度少？' }, key());
    await h.ok('demo-resident-1', 'privacy.requestDeletion', { confirm: true });
    h.clock.advance(8 * DAY);
    await runSweep(h.deps);
    const stored = await h.deps.store.get('disclosureQuestions', q.questionId);
    expect(stored).toMatchObject({ askerName: '已注销用户', householdId: null, text: '停车费收入为什么比上季度少？' });
    expect(stored?.askerId).not.toBe(member('demo-resident-1'));
    const open = await h.ok<Page<QuestionView>>('demo-resident-2', 'disclosure.questions', { when: 'open' });
    expect(open.items).toEqual([expect.objectContaining({ questionId: q.questionId, askerText: '已注销用户', text: '停车费收入为什么比上季度少？' })]);
    expect((await h.ok<ItemView>('demo-resident-2', 'disclosure.get', { itemId: item._id })).questions).toEqual([expect.objectContaining({ askerText: '已注销用户', mine: false })]);
  });
});
