import { hoursText, minutesText, percentText, ratingText, serviceUsageView, statsRowView } from '../../../miniprogram/staff/services/stats';

describe('rates', () => {
  it('read as whole percentages', () => {
    expect(percentText(0)).toBe('0%');
    expect(percentText(0.9167)).toBe('92%');
    expect(percentText(1)).toBe('100%');
  });

  it('read as — when nothing was measured', () => {
    expect(percentText(null)).toBe('—');
    expect(percentText(undefined)).toBe('—');
    expect(percentText(Number.NaN)).toBe('—');
  });
});

describe('durations', () => {
  it('read in minutes, then hours and minutes, to sign', () => {
    expect(minutesText(0)).toBe('0分钟');
    expect(minutesText(45)).toBe('45分钟');
    expect(minutesText(60)).toBe('1小时');
    expect(minutesText(95)).toBe('1小时35分');
    expect(minutesText(null)).toBe('—');
  });

  it('read in hours, then days and hours, to resolve', () => {
    expect(hoursText(5.4)).toBe('5小时');
    expect(hoursText(24)).toBe('1天');
    expect(hoursText(30)).toBe('1天6小时');
    expect(hoursText(null)).toBe('—');
  });
});

describe('a report row', () => {
  it('carries display strings, with — for a group too small to rank', () => {
    const v = statsRowView({
      key: 'g2',
      label: '二网格',
      total: 3,
      responseRate: 1,
      resolutionRate: null,
      satisfactionRate: null,
      rated: 0,
      unrated: 3,
      medianMinutesToSign: 12,
      medianHoursToResolve: null,
      missedClocks: 0,
    });
    expect(v).toMatchObject({ label: '二网格', response: '100%', resolution: '—', satisfaction: '—', toSign: '12分钟', toResolve: '—', rank: '—', ranked: false });
    expect(statsRowView({ ...v, responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 0.5, medianMinutesToSign: 1, medianHoursToResolve: 1, rank: 2 } as never).rank).toBe('第2名');
  });
});

describe('service usage', () => {
  it('reads ratings to one decimal, or — before any', () => {
    expect(ratingText(4.5)).toBe('4.5分');
    expect(ratingText(5)).toBe('5.0分');
    expect(ratingText(null)).toBe('—');
  });

  it('turns a row into counts and rate texts', () => {
    const view = serviceUsageView({
      serviceId: 's1',
      name: '法律咨询',
      slots: 2,
      seatsOffered: 10,
      booked: 9,
      attended: 6,
      noShow: 0,
      cancelled: 1,
      fillRate: 0.9,
      noShowRate: 0,
      averageRating: null,
      ratings: 0,
    });
    expect(view).toMatchObject({ key: 's1', name: '法律咨询', booked: 9, fill: '90%', noShowRate: '0%', rating: '—', ratings: 0 });
  });
});
