import { milestoneFor, verifiedMinutes } from '../../../../miniprogram/core/volunteer/milestones';

describe('milestones come from verified minutes only', () => {
  it('ignores pending and declined entries and counts signed corrections', () => {
    const minutes = verifiedMinutes([
      { status: 'verified', minutes: 100 * 60 },
      { status: 'pending', minutes: 500 * 60 },
      { status: 'declined', minutes: 500 * 60 },
      { status: 'verified', minutes: -30 },
    ]);
    expect(minutes).toBe(100 * 60 - 30);
    expect(milestoneFor(minutes)).toEqual({ reached: null, next: { hours: 100, minutesToGo: 30 }, label: '本社区记录：尚未满100小时' });
  });
  it('reaches each of 100/300/600/1,000/1,500 h exactly at the line, as this community’s record', () => {
    expect([100, 300, 600, 1000, 1500].map((h) => milestoneFor(h * 60).reached)).toEqual([100, 300, 600, 1000, 1500]);
    expect(milestoneFor(300 * 60 - 1).reached).toBe(100);
    expect(milestoneFor(1600 * 60)).toEqual({ reached: 1500, next: null, label: '本社区记录：服务满1500小时' });
    expect(milestoneFor(300 * 60).label).not.toMatch(/星/);
  });
});
