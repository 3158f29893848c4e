/**
 * 居民提问: a resident bound to a household asks about a published item; the staff must answer
 * within ten days and are told, the committee is copied; asking again with the same request is
 * the same question; nobody else asks.
 */
import type { QuestionView } from '../../../../../miniprogram/core/disclosure/contract';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { appointCommittee, draftItem, inbox, publishedItem } from './committee-fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await appointCommittee(h);
});
afterEach(() => h.close());

const ask = (who: string, itemId: string, text = '停车费收入为什么比上季度少？', k = key()) => h.call<QuestionView>(who, 'disclosure.ask', { itemId, text }, k);

describe('a bound resident asks', () => {
  it('and the answer is due in ten days', async () => {
    const item = await publishedItem(h);
    const res = await ask('demo-resident-2', item._id);
    expect(res.ok).toBe(true);
    expect(res.ok && res.data).toMatchObject({
      itemId: item._id, itemTitle: '2026年第三季度财务收支', versionNumber: 1, askerText: '我', mine: true, text: '停车费收入为什么比上季度少？',
      askedAt: h.clock.now(), dueAt: h.clock.now() + 10 * DAY, overdue: false, state: 'open', answer: null,
    });
    expect((await h.deps.store.get('disclosureItems', item._id))?.openQuestions).toBe(1);
  });

  it('and the staff are told, the committee copied', async () => {
    const item = await publishedItem(h);
    await ask('demo-resident-2', item._id);
    expect((await inbox(h, 'admins:demo')).filter((m) => m.kind === 'disclosure.asked')).toEqual([
      expect.objectContaining({ title: '居民提问：2026年第三季度财务收支', body: expect.stringContaining('请在10日内答复'), page: `/staff/disclosure-review/index?id=${item._id}` }),
    ]);
    for (const who of ['demo-resident-1', 'demo-volunteer-1']) {
      expect((await inbox(h, who)).filter((m) => m.kind === 'disclosure.questionCopy')).toEqual([expect.objectContaining({ page: `/disclosure/item/index?id=${item._id}` })]);
    }
  });

  it('once however often the same request is sent', async () => {
    const item = await publishedItem(h);
    const k = key();
    const results = await Promise.all(Array.from({ length: 6 }, () => ask('demo-resident-2', item._id, '停车费收入为什么比上季度少？', k)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.ok && r.data.questionId)).size).toBe(1);
    expect((await h.deps.store.get('disclosureItems', item._id))?.openQuestions).toBe(1);
    expect((await inbox(h, 'admins:demo')).filter((m) => m.kind === 'disclosure.asked')).toHaveLength(1);
    // A new request is a new question.
    expect((await ask('demo-resident-2', item._id, '绿化养护是哪家单位做的？')).ok).toBe(true);
    expect((await h.deps.store.get('disclosureItems', item._id))?.openQuestions).toBe(2);
  });

  it('in words the content check clears', async () => {
    const item = await publishedItem(h);
    expect(await ask('demo-resident-2', item._id, '这笔钱是不是拿去赌博了')).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: 'text' }] } } });
    expect((await h.deps.store.get('disclosureItems', item._id))?.openQuestions).toBe(0);
  });

  it('about published items only', async () => {
    const draft = await draftItem(h);
    expect(await ask('demo-resident-2', draft._id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const foreign = await publishedItem(h);
    await h.deps.store.update('disclosureItems', foreign._id, { communityId: 'other' });
    expect(await ask('demo-resident-2', foreign._id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('only bound residents ask', () => {
  it.each([
    ['a volunteer with no household', 'demo-volunteer-1'],
    ['a grid worker', 'demo-grid-1'],
    ['an admin', 'demo-admin'],
    ['a visitor', 'demo-visitor-1'],
    ['someone unknown', 'stranger'],
  ])('refuses %s', async (_label, who) => {
    const item = await publishedItem(h);
    expect(await ask(who, item._id)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await h.deps.store.get('disclosureItems', item._id))?.openQuestions).toBe(0);
  });
});
