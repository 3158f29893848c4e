import { loadPage, render } from '../../harness';
import { concernRow, queueRow } from '../../../../miniprogram/services/view';
import type { QueueItem } from '../../../../miniprogram/core/concern/contract';

const cardId = loadPage('components/concern-card/index');

const summary: Omit<QueueItem, 'gridId' | 'overdue' | 'escalationLevel'> = {
  id: 'c1',
  number: 'SS-0001',
  categoryName: '环境卫生',
  excerpt: '楼道里堆了很多杂物',
  status: 'dispatched',
  statusLabel: '待签收',
  buildingName: '1号楼',
  createdAt: Date.UTC(2026, 2, 1, 1, 0),
};

describe('a resident’s concern row', () => {
  it('shows status, category, words, number, building and time — no internal id', () => {
    const card = render(cardId, { row: concernRow(summary) });
    const text = card.text();
    expect(card.text('.ll-tag-todo')).toBe('待签收');
    expect(text).toContain('环境卫生');
    expect(text).toContain('楼道里堆了很多杂物');
    expect(text).toContain('SS-0001 · 1号楼');
    expect(text).not.toContain('c1');
    expect(card.exists('.overdue-badge')).toBe(false);
    expect(text).not.toContain('负责人');
  });

  it('draws the list’s hairline above every card but the first', () => {
    expect(render(cardId, { row: concernRow(summary), first: true }).exists('.cc-line')).toBe(false);
    expect(render(cardId, { row: concernRow(summary) }).exists('.cc-line')).toBe(true);
  });
});

describe('a staff queue row', () => {
  it('adds 超期, the escalation and who holds it', () => {
    const row = queueRow({ ...summary, gridId: 'g1', overdue: true, escalationLevel: 2, assigneeName: '张网格' });
    const card = render(cardId, { row });
    expect(card.text('.overdue-badge')).toBe('超期');
    expect(card.text('.escalation-badge')).toBe('社区督办');
    expect(card.text()).toContain('负责人：张网格');
  });

  it('leaves the tags out when nothing is late', () => {
    const card = render(cardId, { row: queueRow({ ...summary, gridId: 'g1', overdue: false, escalationLevel: 0 }) });
    expect(card.exists('.overdue-badge')).toBe(false);
    expect(card.exists('.escalation-badge')).toBe(false);
  });
});
