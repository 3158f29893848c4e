/**
 * Reports on a concern's text: the first makes the review item with itself counted in, the
 * rest count on it once each, racing or not; the third distinct reporter hides the text.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { moderationId } from '../../../../../cloudfunctions/lib/features/moderation/queue';
import { createHarness, key, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const report = (who: string, subjectId: string) => h.call<{ reported: true; hidden: boolean }>(who, 'moderation.report', { subjectType: 'concernText', subjectId, reason: '内容与事实不符' });

describe('moderation.report', () => {
  it('counts two racing first reports once each, and hides on the third', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '井盖松动，车一压就响' }, key());
    const [a, b] = await Promise.all([report('demo-grid-1', c.id), report('demo-leader', c.id)]);
    expect([a, b]).toEqual([{ ok: true, data: { reported: true, hidden: false } }, { ok: true, data: { reported: true, hidden: false } }]);
    // A second tap of one reporter counts nothing.
    expect(await report('demo-grid-1', c.id)).toEqual({ ok: true, data: { reported: true, hidden: false } });
    const item = await h.deps.store.get('moderation', moderationId('concernText', c.id));
    expect(item).toMatchObject({ status: 'watching', reportCount: 2 });
    expect(Object.keys(item!.reports).sort()).toHaveLength(2);
    expect(await report('demo-admin', c.id)).toEqual({ ok: true, data: { reported: true, hidden: true } });
    expect(await h.deps.store.get('moderation', moderationId('concernText', c.id))).toMatchObject({ status: 'pending', reportCount: 3 });
    const steps = await h.deps.store.query('events', { where: { communityId: item!.communityId, subject: `moderation:${moderationId('concernText', c.id)}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    expect(steps.items.map((e) => e.type).sort()).toEqual(['moderation.hidden', 'moderation.reported', 'moderation.reported', 'moderation.reported']);
  });
});
