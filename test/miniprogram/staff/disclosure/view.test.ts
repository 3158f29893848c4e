import { fail } from '../../../../miniprogram/core/envelope';
import { deadlineText, defaultPeriod, dueRow, issuesUnder, monthKey, openDuesText, publishBlocks, rowIssues, shiftMonth, yearChoices } from '../../../../miniprogram/staff/disclosure/view';
import { bj, books, draft, due, NOW } from '../../pages/staff/disclosure-fixtures';
import { reconcile } from '../../../../miniprogram/core/disclosure/finance';

describe('the period a new item starts on', () => {
  it('is the quarter or month that ended last, in Beijing time', () => {
    expect(defaultPeriod({ kind: 'quarterly', dueDay: 15 }, bj(2026, 10, 12))).toEqual({ kind: 'quarter', year: 2026, quarter: 3 });
    expect(defaultPeriod({ kind: 'monthly', dueDay: 15 }, bj(2026, 10, 12))).toEqual({ kind: 'month', year: 2026, month: 9 });
    // 00:30 on 1 January in Beijing is still 31 December in UTC: the year just ended is 2026.
    expect(defaultPeriod({ kind: 'quarterly', dueDay: 15 }, bj(2027, 1, 1, 0, 30))).toEqual({ kind: 'quarter', year: 2026, quarter: 4 });
    expect(defaultPeriod({ kind: 'monthly', dueDay: 15 }, bj(2027, 1, 1, 0, 30))).toEqual({ kind: 'month', year: 2026, month: 12 });
    expect(defaultPeriod({ kind: 'immediate', hours: 24 }, bj(2027, 1, 1, 0, 30))).toEqual({ kind: 'date', date: '2027-01-01' });
  });

  it('offers this year and three before, and a saved year outside them', () => {
    expect(yearChoices(NOW)).toEqual([2023, 2024, 2025, 2026]);
    expect(yearChoices(NOW, 2019)).toEqual([2019, 2023, 2024, 2025, 2026]);
  });
});

describe('months of the calendar', () => {
  it('step across a year and read the Beijing month', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(monthKey(bj(2026, 11, 1, 0, 10))).toBe('2026-11');
  });
});

describe('a due as staff read it', () => {
  it('says a midnight deadline as the day before it, and keeps the hour of any other', () => {
    expect(deadlineText(bj(2026, 10, 16), NOW)).toBe('10月15日');
    expect(deadlineText(bj(2026, 10, 13), NOW)).toBe('今天');
    expect(deadlineText(bj(2026, 10, 13, 18), NOW)).toBe('明天 18:00');
  });

  it('says late ones are late even before the clock marked them, and who was told', () => {
    expect(dueRow(due({ dueAt: NOW - 1 }), NOW).stateText).toBe('已逾期');
    expect(dueRow(due({ escalation: 'committee', overdue: true }), NOW).escalationText).toBe('已告知居务监督委员会');
    expect(dueRow(due({ state: 'met', onTime: false, metAt: NOW, escalation: 'committee' }), NOW)).toMatchObject({ stateText: '逾期公开', escalationText: '' });
  });

  it('counts what still waits for the workbench', () => {
    expect(openDuesText([due({ state: 'met', onTime: true, metAt: NOW })], NOW)).toEqual({ count: 0, text: '' });
    expect(openDuesText([due(), due({ dueId: 'x', dueAt: NOW - 1 })], NOW)).toEqual({ count: 2, text: '2项待公开，1项已逾期' });
  });
});

describe('why 公开 is not yet possible', () => {
  it('names unsaved decisions, undecided flags and books that do not reconcile, in that order', () => {
    const off = { ...books, closingFen: books.closingFen + 1 };
    const blocks = publishBlocks({ unresolved: 2, finance: off, reconciliation: reconcile(off) }, 1);
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toContain('1处处理结果还没保存');
    expect(blocks[1]).toContain('还有2处个人信息未处理');
    expect(blocks[2]).toContain('相差0.01元');
    expect(publishBlocks(draft({ flags: [], unresolved: 0 }), 0)).toEqual([]);
  });
});

describe('messages for the nested editors', () => {
  it('picks the issues under a field, keyed by the rest of their path, then by row', () => {
    const error = fail('VALIDATION_ERROR', '请检查', {
      issues: [
        { path: 'finance.income.2.label', message: '请填写科目' },
        { path: 'finance.income.2.amountFen', message: '金额过大' },
        { path: 'finance.closingFen', message: '请填写期末余额' },
        { path: 'title', message: '请填写标题' },
      ],
    }).error;
    const issues = issuesUnder(error, 'finance');
    expect(issues).toEqual({ 'income.2.label': '请填写科目', 'income.2.amountFen': '金额过大', closingFen: '请填写期末余额' });
    expect(rowIssues(issues, 'income', 2)).toEqual({ label: '请填写科目', amountFen: '金额过大' });
    expect(rowIssues(issues, 'income', 1)).toEqual({});
    expect(issuesUnder(fail('CONFLICT', '冲突').error, 'finance')).toEqual({});
  });
});
