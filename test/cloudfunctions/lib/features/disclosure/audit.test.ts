/**
 * 居务公开 in the admins' audit log: its own area gathers the items', the notices' and the
 * committee's steps, each naming the item by its title and the state it moved between.
 */
import type { Page } from '../../../../../miniprogram/core/action';
import type { AuditAreaView, AuditEntry } from '../../../../../miniprogram/core/audit/contract';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { newDraft, publish } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

type Log = Page<AuditEntry> & { areas?: AuditAreaView[] };

describe('the 居务公开 area of the audit log', () => {
  it('lists drafting, publishing and correcting, by title, and nothing of other areas', async () => {
    const item = await newDraft(h);
    h.clock.advance(60_000);
    await publish(h, item);
    h.clock.advance(60_000);
    await h.ok('demo-grid-1', 'disclosure.correct', { itemId: item.itemId, reason: '补充支出备注' });
    await h.ok('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '2号楼门口的路灯坏了，晚上很黑。' }, key());
    const log = await h.ok<Log>('demo-admin', 'audit.log', { area: 'disclosure' });
    expect(log.areas?.find((a) => a.key === 'disclosure')).toMatchObject({ label: '居务公开', types: expect.arrayContaining([{ type: 'disclosure.published', label: '公开' }, { type: 'notice.published', label: '发布社区公告' }, { type: 'supervision.appointed', label: '登记居务监督委员会' }]) });
    expect(log.items.map((e) => [e.label, e.subject, e.actor, e.change])).toEqual([
      ['开始更正', '公开事项 2026年第三季度财务收支', '李秀英', '已公开 → 更正中'],
      ['公开', '公开事项 2026年第三季度财务收支', '王书记', '草稿 → 已公开'],
      ['起草公开事项', '公开事项 2026年第三季度财务收支', '李秀英', '无 → 草稿'],
    ]);
  });
});
