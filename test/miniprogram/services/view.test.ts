import {
  allows,
  concernRow,
  formatAddress,
  gridRow,
  queueRow,
  requestRow,
  roleText,
  statusTone,
} from '../../../miniprogram/services/view';

describe('addresses', () => {
  it('add 单元 and 室 to bare numbers only', () => {
    expect(formatAddress({ buildingName: '1号楼', unit: '2', room: '301' })).toBe('1号楼 2单元 301室');
    expect(formatAddress({ buildingName: '1号楼', unit: '东单元', room: '301A' })).toBe('1号楼 东单元 301A');
  });
});

describe('roles', () => {
  it('read as Chinese labels, visitor when none', () => {
    expect(roleText(['resident', 'volunteer'])).toBe('居民、志愿者');
    expect(roleText([])).toBe('访客');
  });
});

describe('status tones', () => {
  it('group statuses and fall back for unknown ones', () => {
    expect(statusTone('dispatched')).toBe('todo');
    expect(statusTone('closed')).toBe('done');
    expect(statusTone('somethingNew')).toBe('muted');
  });
});

// Seen from 2026-05-01 12:00 Beijing: a row from New Year's Day reads 1月1日.
beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 4, 1, 4, 0)));
afterEach(() => jest.restoreAllMocks());

describe('rows', () => {
  it('carry only display fields', () => {
    const row = concernRow({
      id: 'c1',
      number: 'SS-1',
      categoryName: '环境',
      excerpt: '垃圾',
      status: 'accepted',
      statusLabel: '办理中',
      buildingName: '1号楼',
      createdAt: Date.UTC(2026, 0, 1, 0, 0),
    });
    expect(row).toEqual({
      id: 'c1',
      number: 'SS-1',
      categoryName: '环境',
      excerpt: '垃圾',
      statusLabel: '办理中',
      tone: 'doing',
      buildingName: '1号楼',
      createdText: '1月1日',
      overdue: false,
    });
  });

  it('add overdue, escalation and the handler for the workbench queue', () => {
    const item = {
      id: 'c2',
      number: 'SS-2',
      categoryName: '环境',
      excerpt: '垃圾',
      status: 'supervised' as const,
      statusLabel: '督办中',
      buildingName: '1号楼',
      createdAt: 0,
      gridId: 'g1',
      overdue: true,
      escalationLevel: 2,
      assigneeName: '张网格',
    };
    expect(queueRow(item)).toMatchObject({ overdue: true, escalationText: '社区督办', assigneeName: '张网格', tone: 'doing' });
    expect(queueRow({ ...item, escalationLevel: 0, assigneeName: undefined })).toMatchObject({ escalationText: '', assigneeName: '' });
    expect(statusTone('merged')).toBe('muted');
  });

  it('mark a request reviewable only when the server allows it', () => {
    const base = { id: 'r1', status: 'pending' as const, buildingId: 'b', buildingName: '1号楼', unit: '1', room: '2', name: '李', createdAt: 0 };
    expect(requestRow({ ...base, allowedActions: ['member.reviewRequest'] }).canReview).toBe(true);
    expect(requestRow({ ...base, allowedActions: [] }).canReview).toBe(false);
  });

  it('name grid workers or leave them blank', () => {
    expect(gridRow({ id: 'g', name: '一', workerA: { memberId: 'm', name: '张' } })).toEqual({ id: 'g', name: '一', workerA: '张', workerB: '' });
  });
});

describe('allowed actions', () => {
  it('match any of the given actions', () => {
    expect(allows(['concern.queue'], 'member.listRequests', 'concern.queue')).toBe(true);
    expect(allows(['concern.submit'], 'concern.queue')).toBe(false);
    expect(allows(undefined, 'concern.queue')).toBe(false);
  });
});
