/** The code on the screen at the door: for meeting staff, from an hour before the start, changing every 30 seconds. */
import type { MeetingView, SignInCodeView } from '../../../../../miniprogram/core/council/meeting-contract';
import { parseMeetingQr } from '../../../../../miniprogram/core/council/meeting-contract';
import { checkMeetingCode } from '../../../../../cloudfunctions/lib/features/meeting/code';
import { createHarness, type Harness } from '../../../../support/harness';
import { DAY, HOUR, makeMeeting, meetingRecord } from '../../../../support/meetings';

let h: Harness;
let m: MeetingView;
beforeEach(async () => {
  h = await createHarness();
  m = await makeMeeting(h);
});
afterEach(() => h.close());

const codeOf = (openid: string) => h.call<SignInCodeView>(openid, 'meeting.signInCode', { meetingId: m.id });

describe('the sign-in code', () => {
  it('opens an hour before the start, with the quorum as it stands', async () => {
    h.clock.advance(2 * DAY - HOUR - 60_000);
    const early = await codeOf('demo-admin');
    expect(!early.ok && [early.error.code, early.error.message]).toEqual(['CLOSED', '会议开始前1小时才开放签到']);
    h.clock.advance(2 * 60_000);
    const res = await codeOf('demo-grid-1');
    expect(res.ok).toBe(true);
    const v = res.ok ? res.data : (undefined as never);
    expect(v.code).toMatch(/^\d{6}$/);
    expect(parseMeetingQr(v.qrText)).toEqual({ meetingId: m.id, code: v.code });
    expect(v.periodSeconds).toBe(30);
    expect(v.quorum).toMatchObject({ base: m.rollSize, present: 0, met: false });
  });
  it('rotates: a code shown a minute ago no longer signs anyone in', async () => {
    h.clock.advance(2 * DAY);
    const first = await h.ok<SignInCodeView>('demo-admin', 'meeting.signInCode', { meetingId: m.id });
    h.clock.set(first.changesAt);
    const next = await h.ok<SignInCodeView>('demo-admin', 'meeting.signInCode', { meetingId: m.id });
    expect(next.code).not.toBe(first.code);
    expect(next.changesAt).toBe(first.changesAt + 30_000);
    const record = await meetingRecord(h, m.id);
    expect(() => checkMeetingCode(record, first.code, h.clock.now())).not.toThrow();
    h.clock.advance(30_000);
    expect(() => checkMeetingCode(record, first.code, h.clock.now())).toThrow('签到码已过期');
  });
  it('is refused to residents and volunteers, and once the meeting has ended', async () => {
    h.clock.advance(2 * DAY);
    for (const openid of ['demo-resident-1', 'demo-volunteer-1']) {
      const res = await codeOf(openid);
      expect(!res.ok && res.error.code).toBe('FORBIDDEN');
    }
    await h.ok('demo-admin', 'meeting.end', { meetingId: m.id });
    const ended = await codeOf('demo-admin');
    expect(!ended.ok && ended.error.code).toBe('CLOSED');
  });
});
