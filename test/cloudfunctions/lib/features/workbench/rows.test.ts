/** The reasons every feature's rows give, worded one way: 「还剩2小时超时」「已超时1天」「已等待9天」「今天 14:00」. */
import { clockText, leftText, localDay, nearEnd, pastText, todayAtText, waitedText } from '../../../../../cloudfunctions/lib/features/workbench/rows';
import { DAY, HOUR } from '../../../../../cloudfunctions/lib/kernel/time';

const NOW = Date.parse('2026-11-28T10:00:00+08:00');

describe('the words of a row’s reason', () => {
  it('counts time left and time past in whole units down, never 0', () => {
    expect(leftText(NOW + 2 * HOUR + 59 * 60_000, NOW)).toBe('还剩2小时超时');
    expect(leftText(NOW + 30_000, NOW)).toBe('还剩1分钟超时');
    expect(leftText(NOW + 6 * DAY + 5 * HOUR, NOW, '到期')).toBe('还剩6天到期');
    expect(pastText(NOW - DAY - HOUR, NOW)).toBe('已超时1天');
    expect(pastText(NOW - 3 * DAY, NOW, '逾期')).toBe('已逾期3天');
    expect(clockText(NOW, NOW)).toBe('已超时1分钟');
  });
  it('says how long something waited, and a time of today in Beijing', () => {
    expect(waitedText(NOW - 9 * DAY - HOUR, NOW)).toBe('已等待9天');
    expect(todayAtText(Date.parse('2026-11-28T14:00:00+08:00'))).toBe('今天 14:00');
  });
  it('takes the community’s day from Beijing midnight', () => {
    const { start, end } = localDay(NOW);
    expect(start).toBe(Date.parse('2026-11-28T00:00:00+08:00'));
    expect(end - start).toBe(DAY);
  });
  it('calls a clock near within 4 hours or its last quarter, whichever is longer', () => {
    expect(nearEnd(NOW + 7 * HOUR, 24 * HOUR, NOW)).toBe(false); // a quarter of 24 h is 6 h
    expect(nearEnd(NOW + 5 * HOUR, 24 * HOUR, NOW)).toBe(true);
    expect(nearEnd(NOW + 4 * HOUR, 8 * HOUR, NOW)).toBe(true);
    expect(nearEnd(NOW + 5 * HOUR, 8 * HOUR, NOW)).toBe(false);
  });
});
