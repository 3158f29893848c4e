/** 居务公开's part of 定期评事: the calendar's own 公开及时率 over the dues of the month. */
import { disclosurePart } from '../../../../../cloudfunctions/lib/features/disclosure/monthly-report';
import type { DueRecord } from '../../../../../cloudfunctions/lib/features/disclosure/records';

const due = (label: string, over: Partial<DueRecord>): DueRecord => ({
  _id: label, communityId: 'x', categoryKey: 'finance', label, periodKey: null, source: null, dueAt: 100, month: '2026-11', state: 'due', metAt: null, onTime: null, itemId: null, escalation: 'none', wakeAt: null, createdAt: 0, version: 1,
  ...over,
});

describe('the on-time rate of the month', () => {
  it('counts met on time against what fell due, and names each outcome', () => {
    const part = disclosurePart('2026-11', [due('财务收支', { state: 'met', onTime: true }), due('低保', { state: 'met', onTime: false }), due('议事结果', { dueAt: 50 }), due('下月的', { dueAt: 900 })], 200);
    expect(part.figures[0]).toMatchObject({ value: 1, of: 3, text: '1/3（33%）' });
    expect(part.table?.rows.map((r) => [r[0], r[2]])).toEqual([['财务收支', '按时公开'], ['低保', '逾期后公开'], ['议事结果', '逾期未公开'], ['下月的', '未到期']]);
  });
});
