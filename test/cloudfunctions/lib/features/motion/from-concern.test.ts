/**
 * A speak-up concern becomes a motion: by its author or by staff who handle it, once, and
 * then each points at the other — the resident follows from the concern to the motion and
 * back, while other residents see the motion without the concern behind it.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { MotionView } from '../../../../../miniprogram/core/council/motion-contract';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { getMotion, inbox, motionInput, propose } from './motions';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const submit = () => h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道里电动车充电，晚上插线板冒过火花，太危险了。' }, key());
const concern = (id: string, who = 'demo-resident-1') => h.ok<ConcernView>(who, 'concern.get', { concernId: id });

describe('a concern turned into a motion by its author is seen from both ends', () => {
  it('links the motion to the concern and the concern to the motion, with 转为议题 on its timeline', async () => {
    const c = await submit();
    expect(c.allowedActions).toContain('motion.propose');
    const m = await propose(h, 'demo-resident-1', { fromConcernId: c.id });
    expect(m).toMatchObject({ source: 'concern', sourceLabel: '由群众诉求转来', moverName: '刘阿姨' });
    expect(m.links.concern).toEqual({ concernId: c.id, trackingNo: c.number, title: expect.stringContaining('设施维修') });

    const after = await concern(c.id);
    expect(after.motion).toEqual({ motionId: m.id, title: m.title, statusLabel: '征集附议中' });
    expect(after.timeline.map((e) => e.label)).toContain('转为议题');
    expect(after.allowedActions).not.toContain('motion.propose');
    // The handler sees the same link on the staff side.
    expect((await concern(c.id, 'demo-grid-1')).motion?.motionId).toBe(m.id);
  });
  it('keeps the concern’s copy current as the motion moves on', async () => {
    const c = await submit();
    const m = await propose(h, 'demo-resident-1', { fromConcernId: c.id });
    await h.ok('demo-admin', 'motion.answer', { motionId: m.id, kind: 'referred', reason: '已转交区住建局统一规划充电设施，请关注后续通知。' });
    expect((await concern(c.id)).motion?.statusLabel).toBe('已答复');
  });
  it('shows other residents the motion but not the concern behind it', async () => {
    const c = await submit();
    const m = await propose(h, 'demo-resident-1', { fromConcernId: c.id });
    const other = await getMotion(h, m.id, 'demo-resident-2');
    expect(other.links.concern).toBeNull();
    expect(other.moverName).toBe('刘阿姨');
  });
});

describe('a concern taken up by the staff handling it', () => {
  it('is moved by 社区居委会, tells the author, and stays visible to the author outside its scope', async () => {
    const c = await submit();
    const m = await propose(h, 'demo-grid-1', { fromConcernId: c.id, buildingIds: [h.ids['3号楼']] });
    expect(m).toMatchObject({ source: 'concern', moverName: '社区居委会', scopeText: '3号楼' });
    const told = await inbox(h, 'demo-resident-1');
    expect(told.map((x) => x.title)).toContain('您反映的问题已转为议题');
    expect(told.find((x) => x.kind === 'motion.fromConcern')?.page).toBe(`/pages/motion/index?motionId=${m.id}`);
    // 刘阿姨 lives in 1号楼, outside the motion's scope: she follows it, but cannot support it.
    const hers = await getMotion(h, m.id, 'demo-resident-1');
    expect(hers.links.concern?.concernId).toBe(c.id);
    expect(hers.allowedActions).not.toContain('motion.support');
    expect(await h.call('demo-resident-1', 'motion.support', { motionId: m.id })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('who may not turn a concern into a motion', () => {
  it('is NOT_FOUND for a resident or worker who cannot see the concern', async () => {
    const c = await submit();
    expect(await h.call('demo-resident-2', 'motion.propose', motionInput({ fromConcernId: c.id }), key())).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await h.call('demo-grid-2', 'motion.propose', motionInput({ fromConcernId: c.id }), key())).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
  it('is FORBIDDEN for the grid leader who sees it but does not handle it', async () => {
    const c = await submit();
    expect(await h.call('demo-leader', 'motion.propose', motionInput({ fromConcernId: c.id }), key())).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
  it('refuses a second motion from the same concern (CONFLICT), while a retry of the first returns it', async () => {
    const c = await submit();
    const k = key();
    const first = await h.ok<MotionView>('demo-resident-1', 'motion.propose', motionInput({ fromConcernId: c.id }), k);
    expect((await h.ok<MotionView>('demo-resident-1', 'motion.propose', motionInput({ fromConcernId: c.id }), k)).id).toBe(first.id);
    expect(await h.call('demo-grid-1', 'motion.propose', motionInput({ fromConcernId: c.id }), key())).toMatchObject({ error: { code: 'CONFLICT' } });
  });
});
