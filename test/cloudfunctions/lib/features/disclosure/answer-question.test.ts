/**
 * Answering residents' questions: once, however many staff answer at the same moment; the
 * asker is told and the committee copied; questions and answers are public with the asker
 * masked (「刘某」), 「我」 to the asker.
 */
import type { Page } from '../../../../../miniprogram/core/action';
import type { QuestionView } from '../../../../../miniprogram/core/disclosure/contract';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { appointCommittee, inbox, publishedItem } from './committee-fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  // 陈志愿 alone sits this time, so 刘阿姨 asks as a resident.
  await appointCommittee(h, { members: [{ who: 'demo-volunteer-1', name: '陈志愿', position: 'chair' }] });
});
afterEach(() => h.close());

const ask = (who: string, itemId: string, text = '停车费收入为什么比上季度少？') => h.ok<QuestionView>(who, 'disclosure.ask', { itemId, text }, key());
const answer = (who: string, questionId: string, text = '本季度有两个月车位改造，停车费减收。') => h.call<QuestionView>(who, 'disclosure.answer', { questionId, text });
const list = (who: string, when: 'open' | 'answered' | 'mine') => h.ok<Page<QuestionView>>(who, 'disclosure.questions', { when });

describe('a question is answered once', () => {
  it('when several staff answer at the same time', async () => {
    const item = await publishedItem(h);
    const q = await ask('demo-resident-1', item._id);
    const staff = ['demo-grid-1', 'demo-grid-2', 'demo-admin', 'demo-grid-1b', 'demo-leader', 'demo-admin'];
    const results = await Promise.all(staff.map((who, i) => answer(who, q.questionId, `答复${i + 1}：车位改造期间停车费减收。`)));
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'CONFLICT' && r.error.message.includes('这个问题已由'))).toBe(true);
    const stored = await h.deps.store.get('disclosureQuestions', q.questionId);
    expect(stored).toMatchObject({ state: 'answered', wakeAt: null, answer: { text: won[0].ok ? won[0].data.answer?.text : '' } });
    expect((await h.deps.store.get('disclosureItems', item._id))?.openQuestions).toBe(0);
    expect((await inbox(h, 'demo-resident-1')).filter((m) => m.kind === 'disclosure.answered')).toEqual([
      expect.objectContaining({ title: '提问已答复：2026年第三季度财务收支', page: `/disclosure/item/index?id=${item._id}` }),
    ]);
    const copies = (await inbox(h, 'demo-volunteer-1')).filter((m) => m.kind === 'disclosure.questionCopy');
    expect(copies.map((m) => m.title)).toEqual(expect.arrayContaining(['抄送 居民提问：2026年第三季度财务收支', '抄送 提问已答复：2026年第三季度财务收支']));
  });

  it('by staff only', async () => {
    const item = await publishedItem(h);
    const q = await ask('demo-resident-1', item._id);
    for (const who of ['demo-resident-1', 'demo-resident-2', 'demo-volunteer-1']) expect(await answer(who, q.questionId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await answer('other-admin', q.questionId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('questions and answers are public with the asker masked', () => {
  it('shows 刘某 to everyone else and 我 to the asker', async () => {
    const item = await publishedItem(h);
    const q = await ask('demo-resident-1', item._id);
    for (const who of ['demo-resident-2', 'demo-volunteer-1', 'demo-grid-1', 'demo-admin']) {
      const open = await list(who, 'open');
      expect(open.items).toEqual([expect.objectContaining({ questionId: q.questionId, askerText: '刘某', mine: false, state: 'open' })]);
      expect(JSON.stringify(open)).not.toContain('刘阿姨');
    }
    expect((await list('demo-resident-1', 'open')).items[0]).toMatchObject({ askerText: '我', mine: true });
    await answer('demo-grid-1', q.questionId);
    const answered = await list('demo-resident-2', 'answered');
    expect(answered.items).toEqual([expect.objectContaining({ askerText: '刘某', state: 'answered', answer: { text: '本季度有两个月车位改造，停车费减收。', byName: '李秀英', at: h.clock.now() } })]);
    expect((await list('demo-resident-2', 'open')).items).toEqual([]);
  });

  it('lists a resident’s own questions under 我的, and nobody else’s', async () => {
    const item = await publishedItem(h);
    const mine = await ask('demo-resident-1', item._id);
    await ask('demo-resident-2', item._id, '绿化养护是哪家单位做的？');
    expect((await list('demo-resident-1', 'mine')).items.map((q) => q.questionId)).toEqual([mine.questionId]);
  });

  it('says a question is overdue after ten days without an answer', async () => {
    const item = await publishedItem(h);
    await ask('demo-resident-1', item._id);
    h.clock.advance(10 * DAY + 1);
    expect((await list('demo-resident-2', 'open')).items[0]).toMatchObject({ overdue: true });
  });
});
