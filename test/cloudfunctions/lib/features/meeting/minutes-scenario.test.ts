/**
 * Minutes as the community lives them, on a meeting convened, held and ended through the
 * meeting feature's own actions: the secretary drafts from the record the meeting left, with
 * the neighbours' names, rooms and phone numbers in her notes; another admin approves; the
 * residents read a public version that names the officers and nobody else.
 */
import type { MeetingView, MinutesView } from '../../../../../miniprogram/core/council/meeting-contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { addHouseholds } from '../../../../support/polls';
import { DAY, HOUR, makeMeeting } from '../../../../support/meetings';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

it('runs from the end of the meeting to the public minutes', async () => {
  const [a, b] = await addHouseholds(h, [{ building: '2号楼', room: '301', people: 1 }, { building: '2号楼', room: '302', people: 1 }], 'minutes');
  await h.deps.store.update('members', member(a.openids[0]), { name: '王建国' });
  await h.deps.store.update('members', member(b.openids[0]), { name: '张秀英' });
  const m = await makeMeeting(h, { startsIn: 2 * DAY, secretary: 'demo-grid-1' });
  h.clock.advance(2 * DAY + HOUR);
  await runSweep(h.deps);
  await h.ok<MeetingView>('demo-grid-1', 'meeting.end', { meetingId: m.id });

  const blank = await h.ok<MinutesView>('demo-grid-1', 'meeting.minutes', { meetingId: m.id });
  expect(blank).toMatchObject({ status: 'draft', version: 0, allowedActions: expect.arrayContaining(['meeting.saveMinutes']) });
  expect(blank.record).toEqual(expect.arrayContaining([`名册校验码：${m.rollHash}（发出通知时冻结）`, `参会范围：每户派一名代表，应到${m.rollSize}户`]));
  expect(await h.call('demo-resident-1', 'meeting.minutes', { meetingId: m.id })).toMatchObject({ error: { code: 'NOT_FOUND' } });

  const notes = '2号楼 5单元 301室的王建国（电话13800138000）建议放在东门内侧；2号楼 5单元 302室的张秀英（0571-88886666）担心占用消防通道；刘阿姨同意。';
  const draft = await h.ok<MinutesView>('demo-grid-1', 'meeting.saveMinutes', { meetingId: m.id, version: 0, summary: '与会居民就快递柜位置充分协商。', items: [{ itemId: m.agenda[0].itemId, discussion: notes }] });
  expect(draft.maskedText).toMatch(/^公开版将隐去：姓名3处、电话号码2处、房号2处$/);
  expect(draft.allowedActions).not.toContain('meeting.approveMinutes');
  const approver = await h.ok<MinutesView>('demo-admin', 'meeting.minutes', { meetingId: m.id });
  expect(approver.allowedActions).toContain('meeting.approveMinutes');
  await h.ok('demo-admin', 'meeting.approveMinutes', { meetingId: m.id, version: draft.version });

  const view = await h.ok<MeetingView>('demo-resident-1', 'meeting.get', { meetingId: m.id });
  expect(view.minutes).toBe('approved');
  const published = await h.ok<MinutesView>('demo-resident-1', 'meeting.minutes', { meetingId: m.id });
  const text = [published.publicText, ...published.record].join('\n');
  for (const gone of ['王建国', '张秀英', '刘阿姨', '13800138000', '0571-88886666', '5单元 301室', '5单元 302室']) expect(text).not.toContain(gone);
  expect(text).toContain('2号楼***的王某（电话***）建议放在东门内侧');
  expect(text).toContain('召集人：王书记；记录人：李秀英');
  expect(text).toContain(m.rollHash);
  expect(await h.call('demo-grid-1', 'meeting.saveMinutes', { meetingId: m.id, version: draft.version, summary: '再改' })).toMatchObject({ error: { code: 'CLOSED' } });
});
