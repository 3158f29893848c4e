/**
 * Proposing a motion: who may, what the motion freezes (the community's rule, the census of
 * its scope), how the mover is named, and that a retried propose makes one motion.
 */
import type { MotionView } from '../../../../../miniprogram/core/council/motion-contract';
import { addHouseholds } from '../../../../support/polls';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { adminTitles, DAY, getMotion, households, motionInput, propose } from './motions';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('a resident’s motion names its mover and freezes one fifth of the households as its threshold', () => {
  it('is collecting, named 刘阿姨, open to the whole community, needing ⌈n/5⌉ households', async () => {
    await addHouseholds(h, Array.from({ length: 17 }, (_, i) => ({ building: '1号楼', room: String(501 + i), people: 1 })));
    const n = await households(h);
    expect(n).toBe(21);
    const m = await propose(h);
    expect(m).toMatchObject({ status: 'collecting', statusLabel: '征集附议中', source: 'resident', sourceLabel: '居民提议', moverName: '刘阿姨', scopeText: '全社区', supportUnit: 'household', supports: 0, threshold: 5, supportText: '已有0户附议，需5户' });
    expect(m.supportClosesAt).toBe(h.clock.now() + 30 * DAY);
    expect(m.allowedActions).toEqual(['motion.get', 'motion.support']);
    expect(await adminTitles(h)).toContain('新议题：在小区东门加装非机动车充电桩');
  });
  it('takes exactly one fifth when the census divides (20 households → 4)', async () => {
    await addHouseholds(h, Array.from({ length: 16 }, (_, i) => ({ building: '1号楼', room: String(501 + i), people: 1 })));
    expect(await households(h)).toBe(20);
    expect((await propose(h)).threshold).toBe(4);
  });
  it('counts the census of its buildings only', async () => {
    await addHouseholds(h, Array.from({ length: 10 }, (_, i) => ({ building: '3号楼', room: String(501 + i), people: 1 })));
    const m = await propose(h, 'demo-resident-2', { buildingIds: [h.ids['3号楼']] });
    expect(m.scopeText).toBe('3号楼');
    // 3号楼: 302 and the ten added → 11 households, one fifth or more is 3.
    expect(m.threshold).toBe(3);
  });
  it('keeps its threshold when the community changes its rule afterwards', async () => {
    const m = await propose(h);
    await h.ok('demo-admin', 'motion.configure', { supportUnit: 'household', threshold: { kind: 'count', count: 30 }, supportDays: 10, answerDays: 5 });
    expect((await getMotion(h, m.id)).threshold).toBe(m.threshold);
    const later = await propose(h);
    expect(later).toMatchObject({ threshold: 30, supportText: '已有0户附议，需30户' });
    expect(later.supportClosesAt).toBe(h.clock.now() + 10 * DAY);
  });
});

describe('a staff motion is moved by 社区居委会', () => {
  it('names the committee, not the staff member', async () => {
    const m = await propose(h, 'demo-grid-1');
    expect(m).toMatchObject({ source: 'staff', sourceLabel: '居委会提议', moverName: '社区居委会' });
    const seen = await getMotion(h, m.id, 'demo-resident-2');
    expect(seen.moverName).toBe('社区居委会');
  });
});

describe('a retried propose makes one motion', () => {
  it('returns the first motion for the same key', async () => {
    const k = key();
    const a = await h.ok<MotionView>('demo-resident-1', 'motion.propose', motionInput(), k);
    const b = await h.ok<MotionView>('demo-resident-1', 'motion.propose', motionInput(), k);
    expect(b.id).toBe(a.id);
    const open = await h.ok<{ items: MotionView[] }>('demo-admin', 'motion.list', { when: 'open' });
    expect(open.items.filter((m) => m.id === a.id)).toHaveLength(1);
  });
});

describe('what cannot be proposed', () => {
  it('refuses words the content check rejects, naming the field', async () => {
    const res = await h.call('demo-resident-1', 'motion.propose', motionInput({ body: '有人在楼下组织赌博活动，希望大家一起讨论怎么办。' }), key());
    expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(JSON.stringify(res)).toContain('body');
  });
  it('refuses a resident’s scope that leaves out their own building', async () => {
    expect(await h.call('demo-resident-1', 'motion.propose', motionInput({ buildingIds: [h.ids['3号楼']] }), key())).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
  it('refuses a building of another community', async () => {
    expect(await h.call('demo-grid-1', 'motion.propose', motionInput({ buildingIds: ['b_elsewhere'] }), key())).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
  it('refuses visitors and a volunteer bound to no household', async () => {
    expect(await h.call('demo-visitor-1', 'motion.propose', motionInput(), key())).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-volunteer-1', 'motion.propose', motionInput(), key())).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
  it('stops the eleventh motion of a day', async () => {
    for (let i = 0; i < 10; i += 1) await propose(h);
    expect(await h.call('demo-resident-1', 'motion.propose', motionInput(), key())).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });
});
