/**
 * Open questions and objections are counted on the item by their keys (counts.ts). Questions
 * and opinions from before that, counted by transaction, are still answered and counted out
 * right beside new ones; a retry after a crash between the record and its count does the rest.
 */
import type { ItemView, QuestionView } from '../../../../../miniprogram/core/disclosure/contract';
import { op } from '../../../../../cloudfunctions/lib/ports/store';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { appointCommittee, publishedItem } from './committee-fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await appointCommittee(h, { members: [{ who: 'demo-volunteer-1', name: '陈志愿', position: 'chair' }] });
});
afterEach(() => h.close());

const counts = async (itemId: string) => {
  const i = await h.deps.store.get('disclosureItems', itemId);
  return { questions: i?.openQuestions, objections: i?.openObjections };
};
/** What a question or opinion written before this change looks like: no key on it, none on the item. */
async function makeOlder(collection: 'disclosureQuestions' | 'disclosureOpinions', id: string, itemId: string) {
  await h.deps.store.update(collection, id, { keyed: op.unset(), lastEvent: op.unset() });
  await h.deps.store.update('disclosureItems', itemId, { openQuestionIds: op.unset(), openObjectionIds: op.unset() });
}

it('answers an older question and a new one, each counted out once', async () => {
  const item = await publishedItem(h);
  const older = await h.ok<QuestionView>('demo-resident-1', 'disclosure.ask', { itemId: item._id, text: '停车费收入为什么比上季度少？' }, key());
  await makeOlder('disclosureQuestions', older.questionId, item._id);
  const k = key();
  const newer = await h.ok<QuestionView>('demo-resident-2', 'disclosure.ask', { itemId: item._id, text: '绿化养护是哪家单位做的？' }, k);
  await h.ok<QuestionView>('demo-resident-2', 'disclosure.ask', { itemId: item._id, text: '绿化养护是哪家单位做的？' }, k);
  expect(await counts(item._id)).toMatchObject({ questions: 2 });
  await h.ok('demo-grid-1', 'disclosure.answer', { questionId: older.questionId, text: '本季度有两个月车位改造。' });
  expect(await counts(item._id)).toMatchObject({ questions: 1 });
  await h.ok('demo-grid-1', 'disclosure.answer', { questionId: newer.questionId, text: '由园林公司负责养护。' });
  await h.ok('demo-grid-1', 'disclosure.answer', { questionId: newer.questionId, text: '由园林公司负责养护。' });
  expect(await counts(item._id)).toMatchObject({ questions: 0 });
  expect(await h.call('demo-admin', 'disclosure.answer', { questionId: newer.questionId, text: '另一个答复内容' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
});

it('a retried ask finishes what a crash left: the count and the event', async () => {
  const item = await publishedItem(h);
  const k = key();
  const q = await h.ok<QuestionView>('demo-resident-1', 'disclosure.ask', { itemId: item._id, text: '停车费收入为什么比上季度少？' }, k);
  // As if the instance died right after inserting the question.
  const stored = await h.deps.store.get('disclosureQuestions', q.questionId);
  const eventId = (stored as unknown as { lastEvent: { _id: string } }).lastEvent._id;
  await h.deps.store.remove('events', eventId);
  await h.deps.store.update('disclosureItems', item._id, { openQuestionIds: op.unset(), openQuestions: 0 });
  await h.ok('demo-resident-1', 'disclosure.ask', { itemId: item._id, text: '停车费收入为什么比上季度少？' }, k);
  expect(await counts(item._id)).toMatchObject({ questions: 1 });
  expect(await h.deps.store.get('events', eventId)).toMatchObject({ type: 'disclosure.asked' });
});

it('a question answered before its ask counted it in is never counted', async () => {
  const item = await publishedItem(h);
  const k = key();
  const q = await h.ok<QuestionView>('demo-resident-1', 'disclosure.ask', { itemId: item._id, text: '停车费收入为什么比上季度少？' }, k);
  await h.deps.store.update('disclosureItems', item._id, { openQuestionIds: op.unset(), openQuestions: 0 });
  await h.ok('demo-grid-1', 'disclosure.answer', { questionId: q.questionId, text: '本季度有两个月车位改造。' });
  // The ask's count arriving late (a retry that read the question while it was open) finds the key.
  await h.deps.store.update('disclosureQuestions', q.questionId, { state: 'open' });
  await h.ok('demo-resident-1', 'disclosure.ask', { itemId: item._id, text: '停车费收入为什么比上季度少？' }, k);
  expect(await counts(item._id)).toMatchObject({ questions: 0 });
});

it('answers an older objection by transaction, and a new one by its key', async () => {
  const item = await publishedItem(h);
  const objected = await h.ok<ItemView>('demo-volunteer-1', 'disclosure.opinion', { itemId: item._id, versionNumber: 1, stance: 'objection', text: '停车费收入与实际不符，请核对。' }, key());
  const opinionId = objected.opinions[0].opinionId;
  expect(objected.objectionBanner).not.toBeNull();
  await makeOlder('disclosureOpinions', opinionId, item._id);
  expect(await counts(item._id)).toMatchObject({ objections: 1 });
  const answered = await h.ok<ItemView>('demo-grid-1', 'disclosure.respond', { itemId: item._id, opinionId, text: '已核对，停车费按实际收入公开。' });
  expect(answered.objectionBanner).toBeNull();
  expect(await counts(item._id)).toMatchObject({ objections: 0 });
});

it('counts a new objection once however often it is retried, and out once when answered', async () => {
  const item = await publishedItem(h);
  const k = key();
  const input = { itemId: item._id, versionNumber: 1, stance: 'objection', text: '停车费收入与实际不符，请核对。' };
  const first = await h.ok<ItemView>('demo-volunteer-1', 'disclosure.opinion', input, k);
  await h.ok<ItemView>('demo-volunteer-1', 'disclosure.opinion', input, key());
  expect(await counts(item._id)).toMatchObject({ objections: 1 });
  const opinionId = first.opinions[0].opinionId;
  const respond = { itemId: item._id, opinionId, text: '已核对，停车费按实际收入公开。' };
  const view = await h.ok<ItemView>('demo-grid-1', 'disclosure.respond', respond);
  expect(view.objectionBanner).toBeNull();
  await h.ok<ItemView>('demo-grid-1', 'disclosure.respond', respond);
  expect(await counts(item._id)).toMatchObject({ objections: 0 });
  expect(await h.call('demo-admin', 'disclosure.respond', { ...respond, text: '另一个答复内容' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect(JSON.stringify(view)).not.toContain('lastEvent');
});
