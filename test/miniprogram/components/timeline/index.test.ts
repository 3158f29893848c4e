import { loadPage, render } from '../../harness';
import { timelineRows } from '../../../../miniprogram/services/concern-view';
import type { ConcernView } from '../../../../miniprogram/core/concern/contract';

const timelineId = loadPage('pages/concern-detail/components/timeline/index');

const T0 = Date.UTC(2026, 4, 1, 13, 0);
// Seen the same evening (23:30 Beijing): the steps read 今天.
beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(T0 + 2.5 * 3600_000));
afterEach(() => jest.restoreAllMocks());
const rows = (timeline: ConcernView['timeline']) =>
  timelineRows({ timeline } as ConcernView, (ids) => (ids ?? []).map((id) => ({ id, src: `https://t/${id}`, pending: false })));

describe('a concern’s timeline', () => {
  it('shows each step with its time, who did it and their words', () => {
    const t = render(timelineId, {
      rows: rows([
        { type: 'concern.submitted', label: '已提交', at: T0 },
        { type: 'concern.accepted', label: '已签收', at: T0 + 3600_000, actorName: '张网格', note: '今晚上门了解' },
      ]),
    });
    expect(t.count('.timeline-row')).toBe(2);
    const text = t.text();
    expect(text).toContain('已签收');
    expect(text).toContain('今天 22:00 · 张网格');
    expect(text).toContain('今晚上门了解');
  });

  it('marks a staff-only entry apart', () => {
    const t = render(timelineId, { rows: rows([{ type: 'concern.noted', label: '内部备注', at: T0, internal: true, note: '住户情绪激动' }]) });
    expect(t.count('.internal-row')).toBe(1);
    expect(t.text('.internal-row')).toContain('内部');
  });

  it('shows an entry’s photos in a grid of their own', () => {
    const t = render(timelineId, { rows: rows([{ type: 'concern.supplemented', label: '居民补充', at: T0, photos: ['p1.jpg', 'p2.jpg'] }]) });
    expect(t.count('.event-photos >>> .photo')).toBe(2);
  });

  it('says when there is nothing yet', () => {
    expect(render(timelineId, { rows: [] }).text('#timeline-empty')).toBe('暂无记录');
  });
});
