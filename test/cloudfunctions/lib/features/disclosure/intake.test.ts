/**
 * What other features make public comes to 居务公开 as a draft: approved minutes, a poll's
 * published result, a resolution carried out — one item per source however often its step
 * runs, with the source's text and links, waiting for staff to review and publish it.
 */
import type { ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import { sourceItemIdFor } from '../../../../../cloudfunctions/lib/features/disclosure/ids';
import { resolutionIdFor } from '../../../../../cloudfunctions/lib/features/resolution/records';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { addFamily, addSecondAdmin, makePoll } from '../../../../support/polls';
import { endedMeeting, person } from '../meeting/minutes-fixtures';
import { seedResolution } from '../resolution/fixtures';
import { allItems, publish } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('approving minutes drafts exactly one item', () => {
  async function approvedMinutes() {
    await h.ok('demo-admin', 'member.setRoles', { memberId: member('demo-admin-2'), roles: ['admin'], name: '李主任' });
    const reps = [await person(h, 'rep-1', '王建国'), await person(h, 'rep-2', '张秀英', '302'), await person(h, 'rep-3', '欧阳明', '401')];
    const m = await endedMeeting(h, {
      invitees: reps,
      present: reps,
      agenda: [{ title: '在东门增设快递柜', text: '由物业在东门内侧安装一组智能快递柜。', status: 'adopted', moverName: '陈志强' }],
    });
    await h.ok('demo-grid-1', 'meeting.saveMinutes', { meetingId: m._id, version: 0, summary: '王建国发言支持，张秀英提出安装位置的意见。' });
    const approval = { meetingId: m._id, version: 1, resolutions: [{ itemId: 'it1', ownerId: member('demo-grid-1'), dueAt: h.clock.now() + 30 * DAY, procedure: false }] };
    await h.ok('demo-admin-2', 'meeting.approveMinutes', approval);
    return { m, approval };
  }

  it('with the public text and links to the meeting and its resolution, as a draft for staff', async () => {
    const { m } = await approvedMinutes();
    const items = await allItems(h);
    expect(items).toHaveLength(1);
    const id = sourceItemIdFor('demo', 'minutes', m._id);
    expect(items[0]).toMatchObject({ _id: id, state: 'draft', categoryKey: 'decision', source: { kind: 'minutes', refId: m._id }, currentNumber: 0 });
    const view = await h.ok<ItemView>('demo-admin', 'disclosure.get', { itemId: id });
    const stored = await h.deps.store.get('meetings', m._id);
    expect(view).toMatchObject({ state: 'draft', source: { kind: 'minutes', title: '会议纪要：2026年第四季度居民代表会议' }, draft: { body: stored!.minutes!.publicText, categoryKey: 'decision' } });
    expect(view.draft!.links).toEqual([
      { kind: 'meeting', refId: m._id, title: '2026年第四季度居民代表会议' },
      { kind: 'resolution', refId: resolutionIdFor(m._id, 'it1'), title: '在东门增设快递柜' },
    ]);
    // The public text was masked already: the names the minutes hid are not in the draft.
    expect(view.draft!.body).not.toContain('王建国');
    expect(await h.call('demo-resident-1', 'disclosure.get', { itemId: id })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
  it('also when the approval is sent again', async () => {
    const { approval } = await approvedMinutes();
    await h.ok('demo-admin-2', 'meeting.approveMinutes', approval);
    await h.ok('demo-admin-2', 'meeting.approveMinutes', approval);
    expect(await allItems(h)).toHaveLength(1);
  });
  it('and a retry mends an approval whose item was never made', async () => {
    const { m, approval } = await approvedMinutes();
    // As if the approval had stopped before handing the minutes over: no item, no event of one.
    const id = sourceItemIdFor('demo', 'minutes', m._id);
    await h.deps.store.remove('disclosureItems', id);
    await h.deps.store.remove('events', `disclosureItem:${id}:v1:disclosure.drafted`);
    expect(await allItems(h)).toHaveLength(0);
    await h.ok('demo-admin-2', 'meeting.approveMinutes', approval);
    expect((await allItems(h)).map((i) => i._id)).toEqual([id]);
  });
  it('is published like any draft and then read by residents', async () => {
    const { m } = await approvedMinutes();
    const id = sourceItemIdFor('demo', 'minutes', m._id);
    const draft = await h.ok<ItemView>('demo-admin', 'disclosure.get', { itemId: id });
    expect(draft.draft!.unresolved).toBe(0);
    expect(await publish(h, draft)).toMatchObject({ ok: true, data: { state: 'published', currentNumber: 1 } });
    expect(await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: id })).toMatchObject({ shown: { number: 1, title: '会议纪要：2026年第四季度居民代表会议' } });
  });
});

describe('a poll’s published result drafts one item', () => {
  it('with the result lines, once however often publish is sent', async () => {
    await addFamily(h);
    await addSecondAdmin(h);
    const poll = await makePoll(h, { lasts: DAY });
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    h.clock.advance(DAY);
    await h.ok('demo-admin-2', 'poll.publish', { pollId: poll.id });
    await h.ok('demo-admin-2', 'poll.publish', { pollId: poll.id });
    const items = await allItems(h);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ _id: sourceItemIdFor('demo', 'poll', poll.id), source: { kind: 'poll' }, draft: { links: [{ kind: 'poll', refId: poll.id }] } });
    const body = items[0].draft!.body;
    expect(body).toContain('收回选票1张');
    expect(body).toContain('「赞成」：1票');
    expect(body).toMatch(/结果：.+/);
  });
});

describe('a resolution carried out drafts one item, at 100 % only', () => {
  it('with the final report, linked to the resolution and its meeting', async () => {
    const r = await seedResolution(h);
    await h.ok('demo-grid-1', 'resolution.progress', { resolutionId: r._id, percent: 50, text: '快递柜已订购，等待安装。' });
    expect(await allItems(h)).toHaveLength(0);
    await h.ok('demo-grid-1', 'resolution.progress', { resolutionId: r._id, percent: 100, text: '快递柜已在东门内侧安装完毕并投入使用。' });
    expect(await h.call('demo-grid-1', 'resolution.progress', { resolutionId: r._id, percent: 100, text: '快递柜已在东门内侧安装完毕并投入使用。' })).toMatchObject({ error: { code: 'CLOSED' } });
    const items = await allItems(h);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ source: { kind: 'resolution', refId: r._id, title: '决议实施结果：在东门增设快递柜' }, draft: { links: [{ kind: 'resolution', refId: r._id }, { kind: 'meeting', refId: 'mt_test' }] } });
    expect(items[0].draft!.body).toContain('实施结果：快递柜已在东门内侧安装完毕并投入使用。');
  });
});
