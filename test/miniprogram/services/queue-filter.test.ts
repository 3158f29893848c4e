import { concernQueue } from '../../../miniprogram/core/concern/contract';
import { clearedNote, DEFAULT_FILTER, filterSummary, setFilter, type FilterKey, type QueueFilter } from '../../../miniprogram/staff/services/queue-filter';

describe('choosing a filter', () => {
  it('overdue drops status, category and grid', () => {
    const r = setFilter({ status: 'accepted', category: 'noise' }, 'overdue', true);
    expect(r.filter).toEqual({ overdue: true });
    expect(r.cleared).toEqual(['status', 'category']);
  });

  it('a status drops overdue only', () => {
    expect(setFilter({ overdue: true }, 'status', 'dispatched')).toEqual({ filter: { status: 'dispatched' }, cleared: ['overdue'] });
    expect(setFilter({ gridId: 'g1' }, 'status', 'dispatched')).toEqual({ filter: { gridId: 'g1', status: 'dispatched' }, cleared: [] });
  });

  it('category and grid replace each other', () => {
    expect(setFilter({ category: 'noise', status: 'accepted' }, 'gridId', 'g1')).toEqual({
      filter: { status: 'accepted', gridId: 'g1' },
      cleared: ['category'],
    });
  });

  it('"all" removes just that filter', () => {
    expect(setFilter({ status: 'accepted', gridId: 'g1' }, 'status', undefined)).toEqual({ filter: { gridId: 'g1' }, cleared: [] });
  });

  it('never produces a combination the queue contract refuses', () => {
    const values: { [K in FilterKey]: Array<QueueFilter[K] | undefined> } = {
      open: [true, undefined],
      status: ['accepted', undefined],
      overdue: [true, undefined],
      category: ['noise', undefined],
      gridId: ['g1', undefined],
    };
    const keys = Object.keys(values) as FilterKey[];
    // Every sequence of three choices from an empty filter.
    for (const a of keys)
      for (const b of keys)
        for (const c of keys)
          for (const i of [0, 1])
            for (const j of [0, 1]) {
              for (const start of [{}, DEFAULT_FILTER]) {
              let f: QueueFilter = { ...start };
              f = setFilter(f, a, values[a][0] as never).filter;
              f = setFilter(f, b, values[b][i] as never).filter;
              f = setFilter(f, c, values[c][j] as never).filter;
              expect(concernQueue.input.safeParse({ ...f }).success).toBe(true);
              }
            }
  });
});

describe('the note after dropping filters', () => {
  it('names what was dropped, and is empty otherwise', () => {
    expect(clearedNote([])).toBe('');
    expect(clearedNote(['status'])).toContain('已取消“状态”筛选');
    expect(clearedNote(['category', 'gridId'])).toContain('“分类”、“网格”');
  });
});

describe('the folded 筛选 row', () => {
  it('opens on open items, late ones first, and choosing a status leaves that list without a notice', () => {
    expect(filterSummary(DEFAULT_FILTER)).toBe('未办结，超期在前');
    const r = setFilter(DEFAULT_FILTER, 'status', 'accepted');
    expect(r).toEqual({ filter: { status: 'accepted' }, cleared: [] });
    expect(filterSummary(r.filter, { status: '办理中' })).toBe('状态：办理中');
    expect(filterSummary({})).toBe('全部状态');
  });
});
