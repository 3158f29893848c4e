import type { ConcernView } from '../../../miniprogram/core/concern/contract';
import { detailView, latestQuestion, photoIdsOf, photoPatch, starsText, timelineRows, transferPeople } from '../../../miniprogram/services/concern-view';

const T0 = Date.UTC(2026, 4, 1, 12, 0);
// Seen at the moment it was submitted (20:00 Beijing).
beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(T0));
afterEach(() => jest.restoreAllMocks());

const base: ConcernView = {
  id: 'c1',
  number: '20260501-0001',
  category: 'noise',
  categoryName: '噪音扰民',
  excerpt: '夜里施工',
  text: '夜里施工',
  status: 'accepted',
  statusLabel: '办理中',
  buildingId: 'b1',
  buildingName: '1号楼',
  gridId: 'g1',
  hideName: false,
  createdAt: T0,
  photos: ['cloud://env-1.b/concern/a.jpg'],
  contactDueAt: T0 + 3600_000,
  resolveDueAt: T0 + 3 * 86400_000,
  overdue: false,
  escalationLevel: 0,
  timeline: [],
  allowedActions: [],
};

describe('a concern’s detail view', () => {
  it('formats times in Beijing and leaves absent parts empty', () => {
    const v = detailView(base, (ids) => (ids ?? []).map((id) => ({ id, src: `https://t/${id}`, pending: false })));
    expect(v.contactDueText).toBe('今天 21:00');
    expect(v.pausedText).toBe('');
    expect(v.merged).toBeNull();
    expect(v.resolution).toBeNull();
    expect(v.underReview).toBe(false);
    expect(v.authorPhone).toBe('');
    expect(v.photos).toEqual([{ id: 'cloud://env-1.b/concern/a.jpg', src: 'https://t/cloud://env-1.b/concern/a.jpg', pending: false }]);
  });

  it('words escalation and rating', () => {
    const v = detailView({ ...base, escalationLevel: 1, rating: { resolved: false, satisfaction: 2, at: T0 } });
    expect(v.escalationText).toBe('网格长督办');
    expect(v.rating).toMatchObject({ resolvedText: '未解决', stars: '★★☆☆☆' });
    expect(starsText(9)).toBe('★★★★★');
  });

  it('asks the newest staff question only while waiting on the resident', () => {
    const timeline = [
      { type: 'concern.infoRequested', label: '请您补充情况', at: T0 + 2, note: '第二问' },
      { type: 'concern.infoRequested', label: '请您补充情况', at: T0 + 1, note: '第一问' },
      { type: 'concern.replied', label: '答复', at: T0 + 3, note: '答复' },
    ];
    expect(latestQuestion(timeline)).toBe('第二问');
    expect(detailView({ ...base, status: 'waitingResident', timeline }).waitingQuestion).toBe('第二问');
    expect(detailView({ ...base, timeline }).waitingQuestion).toBe('');
  });

  it('marks internal timeline entries', () => {
    const rows = timelineRows({ ...base, timeline: [{ type: 'concern.noted', label: '内部备注', at: T0, internal: true }] });
    expect(rows[0]).toMatchObject({ internal: true, actorName: '', note: '', photos: [] });
  });
});

describe('photos arriving after the view', () => {
  const c = {
    ...base,
    resolution: { summary: 's', photos: ['cloud://e.b/r.jpg'], at: T0 },
    timeline: [
      { type: 'concern.submitted', label: '已受理', at: T0 },
      { type: 'concern.supplemented', label: '居民补充', at: T0, photos: ['cloud://e.b/t.jpg', 'cloud://env-1.b/concern/a.jpg'] },
    ],
  };

  it('are asked for in one list without repeats', () => {
    expect(photoIdsOf(c)).toEqual(['cloud://env-1.b/concern/a.jpg', 'cloud://e.b/r.jpg', 'cloud://e.b/t.jpg']);
  });

  it('re-render only the photo paths', () => {
    const patch = photoPatch(c, (ids) => (ids ?? []).map((id) => ({ id, src: 'x', pending: false })));
    expect(Object.keys(patch).sort()).toEqual(['concern.photos', 'concern.resolution.photos', 'timeline[1].photos']);
  });
});

describe('transfer targets', () => {
  it('lists each grid’s A and B once, labelled with the grid', () => {
    const people = transferPeople([
      { id: 'g1', name: '一网格', workerA: { memberId: 'w1', name: '张' }, workerB: { memberId: 'w2', name: '李' } },
      { id: 'g2', name: '二网格', workerA: { memberId: 'w2', name: '李' } },
      { id: 'g3', name: '三网格' },
    ]);
    expect(people.map((p) => [p.memberId, p.label])).toEqual([
      ['w1', '张（一网格A角）'],
      ['w2', '李（一网格B角）'],
    ]);
  });
});
