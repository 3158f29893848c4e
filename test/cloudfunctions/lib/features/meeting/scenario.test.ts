/**
 * A 协商会 as the community lives it: the admin convenes it with 3 seats, the notice reaches
 * the roll, households register and one gives up their seat to the next waiting, the
 * reminder comes the day before, the door opens an hour early with the code on the screen,
 * staff watch the roll fill, and the secretary declares the end.
 */
import type { AttendanceEntryView, MeetingView, SignInCodeView } from '../../../../../miniprogram/core/council/meeting-contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { addHouseholds } from '../../../../support/polls';
import { DAY, HOUR, inbox, makeMeeting } from '../../../../support/meetings';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

it('runs from notice to the end', async () => {
  const neighbours = (await addHouseholds(h, [1, 2, 3].map((i) => ({ building: '2号楼', room: `30${i}`, people: 1 })), 'scenario')).flatMap((n) => n.openids);
  const m = await makeMeeting(h, { seats: 3, startsIn: 3 * DAY, secretary: 'demo-grid-1' });
  expect(m.allowedActions).toEqual(expect.arrayContaining(['meeting.cancel', 'meeting.attendance']));
  expect((await inbox(h, 'demo-grid-1')).map((n) => n.kind)).toContain('meeting.appointed');

  await runSweep(h.deps);
  expect((await inbox(h, neighbours[0])).map((n) => n.title)).toContain(`会议通知：${m.title}`);

  for (const openid of ['demo-resident-1', ...neighbours]) await h.ok(openid, 'meeting.register', { meetingId: m.id }, key());
  const waiting = await h.ok<MeetingView>(neighbours[2], 'meeting.get', { meetingId: m.id });
  expect(waiting.myRegistration).toEqual({ status: 'waitlisted', statusLabel: '候补', positionText: '候补第1位，共1人' });
  await h.ok('demo-resident-1', 'meeting.unregister', { meetingId: m.id });
  expect((await h.ok<MeetingView>(neighbours[2], 'meeting.get', { meetingId: m.id })).myRegistration?.status).toBe('registered');

  h.clock.advance(2 * DAY + HOUR);
  await runSweep(h.deps);
  expect((await inbox(h, neighbours[2])).map((n) => n.kind)).toEqual(expect.arrayContaining(['meeting.reminder', 'meeting.promoted']));

  h.clock.advance(DAY - 2 * HOUR);
  const code = await h.ok<SignInCodeView>('demo-grid-1', 'meeting.signInCode', { meetingId: m.id });
  expect(code.quorum.text).toContain(`应到${m.rollSize}户`);
  const door = await h.ok<{ items: AttendanceEntryView[]; total: number }>('demo-grid-1', 'meeting.attendance', { meetingId: m.id, search: '2号楼 5单元' });
  expect(door.items.map((e) => [e.label, e.registration])).toEqual([
    ['2号楼 5单元 301室', 'registered'],
    ['2号楼 5单元 302室', 'registered'],
    ['2号楼 5单元 303室', 'registered'],
  ]);

  h.clock.advance(HOUR);
  await runSweep(h.deps);
  const live = await h.ok<MeetingView>('demo-grid-1', 'meeting.get', { meetingId: m.id });
  expect([live.status, live.allowedActions.includes('meeting.end')]).toEqual(['inSession', true]);
  const ended = await h.ok<MeetingView>('demo-grid-1', 'meeting.end', { meetingId: m.id });
  expect(ended.statusLabel).toBe('会议已结束，纪要待审定');
  const after = await h.call('demo-grid-1', 'meeting.signInCode', { meetingId: m.id });
  expect(!after.ok && after.error.code).toBe('CLOSED');
});
