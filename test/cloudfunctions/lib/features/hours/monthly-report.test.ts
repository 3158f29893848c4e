/** Volunteering's part of 定期评事: verified minutes, adjustments with their sign, counts per team. */
import { hoursPart } from '../../../../../cloudfunctions/lib/features/hours/monthly-report';
import type { HourEntryRecord } from '../../../../../cloudfunctions/lib/features/volunteer/records';

let n = 0;
const entry = (over: Partial<HourEntryRecord>): HourEntryRecord => ({
  _id: `e${(n += 1)}`, communityId: 'x', memberId: 'm1', activityId: 'a', teamId: 't1', shiftId: null, kind: 'attendance', minutes: 60, content: '助老',
  serviceDate: '2026-11-03', status: 'verified', flags: [], corrects: null, reason: null, decidedBy: 'lead', secondBy: null, decidedAt: 1, createdBy: 'lead', createdAt: 0, leadId: 'lead', version: 1,
  ...over,
} as HourEntryRecord);

describe('the hours verified in the month', () => {
  it('adds verified minutes, a correction with its sign, and leaves declined entries out', () => {
    const part = hoursPart(
      [entry({ minutes: 90 }), entry({ memberId: 'm2', minutes: 120 }), entry({ kind: 'adjustment', minutes: -30 }), entry({ status: 'declined', minutes: 600 }), entry({ teamId: 't2', memberId: 'm3', minutes: 45 })],
      (id) => (id === 't1' ? '助老服务队' : '植绿护绿'),
    );
    expect(part.figures.map((f) => [f.label, f.value, f.text])).toEqual([['核验时长（分钟）', 225, '3.8小时'], ['核验条目', 4, '4条'], ['志愿者人数', 3, '3人']]);
    expect(part.table?.rows).toEqual([['助老服务队', '3.0小时', '3', '2'], ['植绿护绿', '0.8小时', '1', '1']]);
    expect(JSON.stringify(part)).not.toMatch(/m1|m2|m3/);
  });
});
