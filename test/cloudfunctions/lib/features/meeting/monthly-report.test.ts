/** The council's part of 定期评事: meetings held and how many reached their quorum. */
import type { QuorumView } from '../../../../../miniprogram/core/council/quorum';
import { meetingPart } from '../../../../../cloudfunctions/lib/features/meeting/monthly-report';
import type { MeetingRecord } from '../../../../../cloudfunctions/lib/features/meeting/records';

const quorum = (met: boolean): QuorumView => ({ base: 10, baseAreaCenti: 0, present: met ? 6 : 3, inPerson: met ? 6 : 3, byProxy: 0, required: 6, met, lines: [], text: met ? '到会6户 / 应到10户 → 已达法定人数' : '到会3户 / 应到10户 → 未达法定人数' });
const meeting = (title: string, startsAt: number) => ({ title, body: 'residentsMeeting', startsAt } as unknown as MeetingRecord);

describe('meetings held and quorum met', () => {
  it('counts two meetings, one with its quorum', () => {
    const part = meetingPart([{ meeting: meeting('加装电梯协商', Date.UTC(2026, 10, 5, 2)), quorum: quorum(true) }, { meeting: meeting('停车管理', Date.UTC(2026, 10, 20, 2)), quorum: quorum(false) }]);
    expect(part.figures.map((f) => [f.label, f.value, f.of, f.text])).toEqual([['召开会议', 2, undefined, '2次'], ['达到法定人数', 1, 2, '1/2']]);
    expect(part.table?.rows.map((r) => [r[0], r[3]])).toEqual([['加装电梯协商', '到会6户 / 应到10户 → 已达法定人数'], ['停车管理', '到会3户 / 应到10户 → 未达法定人数']]);
  });
  it('says so when no meeting was held', () => {
    expect(meetingPart([]).figures[1].text).toBe('本月未召开会议');
  });
});
