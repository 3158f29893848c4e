import { fakeBackend, flush, loadPage, ok, render, sent } from '../../../harness';
import type { AuditAreaView, AuditEntry } from '../../../../../miniprogram/core/audit/contract';

const pageId = loadPage('staff/audit/index');
const T0 = Date.UTC(2026, 10, 28, 2, 0);

const areas: AuditAreaView[] = [
  { key: 'concern', label: '说事', types: [{ type: 'concern.accepted', label: '已签收' }, { type: 'concern.resolved', label: '已办结' }] },
  { key: 'member', label: '住户与成员', types: [{ type: 'member.rolesChanged', label: '角色变更' }] },
];
const entries: AuditEntry[] = [
  { id: 'e1', at: T0, type: 'member.rolesChanged', label: '角色变更', actor: '王书记', actorRole: '社区管理员', subject: '成员 陈志愿', change: '志愿者 → 志愿者、网格员', note: '网格：第一网格' },
  { id: 'e2', at: T0 - 60_000, type: 'concern.accepted', label: '已签收', actor: '李秀英', actorRole: '网格员', subject: '诉求 20261128-0001' },
];

async function open() {
  const send = fakeBackend({ 'audit.log': (d) => ok({ items: d.type === 'concern.accepted' ? [entries[1]] : entries, ...(d.cursor ? {} : { areas }) }) });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

describe('an admin reads the audit log', () => {
  it('shows each step in words: what, about what, who and when', async () => {
    const { page, send } = await open();
    expect(sent(send, 'audit.log')[0].data).toMatchObject({ limit: 20 });
    expect(page.count('.audit-row')).toBe(2);
    const text = page.text('#list');
    expect(text).toContain('角色变更 · 成员 陈志愿');
    expect(text).toContain('王书记（社区管理员）');
    expect(text).toContain('志愿者 → 志愿者、网格员');
    expect(text).toContain('网格：第一网格');
  });
  it('filters by area and then by step type', async () => {
    const { page, send } = await open();
    await page.change('#area', 1);
    expect(sent(send, 'audit.log').pop()?.data).toMatchObject({ area: 'concern' });
    await page.change('#type', 1);
    expect(sent(send, 'audit.log').pop()?.data).toMatchObject({ type: 'concern.accepted' });
    expect(page.count('.audit-row')).toBe(1);
  });
  it('filters by period', async () => {
    const { page, send } = await open();
    expect((sent(send, 'audit.log')[0].data as { from?: number }).from).toEqual(expect.any(Number));
    await page.tap('#period-all');
    expect((sent(send, 'audit.log').pop()?.data as { from?: number }).from).toBeUndefined();
  });
});
