/**
 * 今日待办's 居务公开 rows: a poll's published result falls due on the calendar and is on the
 * admins' list as its deadline nears and passes; a resident's question nearing its ten-day
 * deadline is on the list of the staff who answer it, not on the other grid's.
 */
import type { QuestionView } from '../../../../../miniprogram/core/disclosure/contract';
import type { TodayView } from '../../../../../miniprogram/core/workbench/contract';
import { sourceItemIdFor } from '../../../../../cloudfunctions/lib/features/disclosure/ids';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { addFamily, addSecondAdmin, makePoll } from '../../../../support/polls';
import { appointCommittee, publishedItem } from './committee-fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const today = (openid: string) => h.ok<TodayView>(openid, 'workbench.today', {});

describe('a disclosure due from a published poll is on the admins’ list', () => {
  it('within three days of its deadline and past it, opening its draft; not for grid workers', async () => {
    await addFamily(h);
    await addSecondAdmin(h);
    const poll = await makePoll(h, { lasts: DAY });
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    h.clock.advance(DAY);
    await h.ok('demo-admin-2', 'poll.publish', { pollId: poll.id });
    const itemId = sourceItemIdFor('demo', 'poll', poll.id);
    const item = await h.deps.store.get('disclosureItems', itemId);
    const dueId = item!.dueId!;
    const due = (await h.deps.store.get('disclosureDues', dueId))!;
    h.clock.set(due.dueAt - 2 * DAY);
    const row = (await today('demo-admin')).rows.find((r) => r.key === `disclosureDue:${dueId}`);
    expect(row).toMatchObject({ kindLabel: '居务公开', title: due.label, reason: '草稿待公开，还剩2天到期', overdue: false, dueAt: due.dueAt, open: { label: '审核公开', page: `/staff/disclosure-review/index?id=${itemId}` } });
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(`disclosureDue:${dueId}`);
    h.clock.set(due.dueAt + DAY + 1);
    expect((await today('demo-admin')).rows.find((r) => r.key === `disclosureDue:${dueId}`)).toMatchObject({ reason: '草稿待公开，已逾期1天', overdue: true });
  });
});

describe('a resident’s question asked nine days ago is on the list of those who answer it', () => {
  it('says when the answer is due; the grid worker of the asker’s grid sees it, the other grid’s does not', async () => {
    await appointCommittee(h);
    const item = await publishedItem(h);
    // 马大爷 lives in 3号楼: grid 2.
    const q = await h.ok<QuestionView>('demo-resident-2', 'disclosure.ask', { itemId: item._id, text: '停车费收入为什么比上季度少？' }, key());
    expect((await today('demo-admin')).rows.map((r) => r.key)).not.toContain(`question:${q.questionId}`);
    h.clock.set(h.clock.now() + 9 * DAY);
    const row = (await today('demo-admin')).rows.find((r) => r.key === `question:${q.questionId}`);
    expect(row).toMatchObject({ kindLabel: '居民提问', reason: '答复还剩1天到期', overdue: false, open: { label: '答复', page: `/staff/disclosure-review/index?id=${item._id}` } });
    expect(row?.title).toMatch(/^「2026年第三季度财务收支」.+问：停车费收入为什么比上季度少？$/);
    expect((await today('demo-grid-2')).rows.map((r) => r.key)).toContain(`question:${q.questionId}`);
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(`question:${q.questionId}`);
    h.clock.set(h.clock.now() + 2 * DAY);
    expect((await today('demo-grid-2')).rows.find((r) => r.key === `question:${q.questionId}`)).toMatchObject({ reason: '答复已逾期1天', overdue: true });
  });
});
