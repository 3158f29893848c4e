/**
 * 登记走访: a grid worker logs a visit to a household of their grids — their own or a Party
 * member's — and what needs doing is filed as one 代办 concern, however often the log is retried.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { VisitView } from '../../../../../miniprogram/core/visit/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { DAY, makeHouseholds } from './support';

let h: Harness;
let g1: string; // 1号楼 3单元 301, grid 1
let g2: string; // 3号楼 1单元 101, grid 2
beforeEach(async () => {
  h = await createHarness();
  [g1, g2] = await makeHouseholds(h, [['1号楼', '3', '301'], ['3号楼', '1', '101']]);
});
afterEach(() => h.close());

const visit = (householdId: string, extra: Record<string, unknown> = {}) => ({
  householdId,
  visitor: { kind: 'self' },
  visitedAt: h.clock.now() - 3600_000,
  channel: 'door',
  topics: ['cat_demo_repair'],
  notes: '老人身体还好，反映楼道灯不亮。',
  ...extra,
});

async function concernsOf(householdId: string) {
  return (await h.deps.store.query<{ _id: string; filedBy?: { memberId: string; reason: string } }>('concerns', {
    where: { communityId: 'demo', householdId },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: 50,
  })).items;
}

describe('a grid worker logs their own visit to a household of their grid', () => {
  it('is kept with the building, the channel, the topics by name and the visitor', async () => {
    const v = await h.ok<VisitView>('demo-grid-1', 'visit.log', visit(g1), key());
    expect(v).toMatchObject({
      householdId: g1, address: '1号楼 3单元 301室', buildingName: '1号楼', channel: 'door', channelLabel: '上门',
      topics: [{ id: 'cat_demo_repair', name: '设施维修' }], visitorText: '李秀英', visitorKind: 'self', concern: null,
    });
    const stored = await h.deps.store.get('visits', v.id);
    // Only the building as place: no coordinates, nothing beyond the roll's household.
    expect(Object.keys(stored!).sort()).toEqual(
      ['_id', 'buildingId', 'buildingName', 'channel', 'communityId', 'concernId', 'concernNumber', 'createdAt', 'gridId', 'householdId', 'loggedById', 'loggedByName', 'month', 'notes', 'requestHash', 'topics', 'visitedAt', 'visitor'].sort(),
    );
    expect(stored!.month).toBe('2026-11');
  });
  it('writes one audit event on the household', async () => {
    const v = await h.ok<VisitView>('demo-grid-1', 'visit.log', visit(g1), key());
    const e = await h.deps.store.get('events', `household:${g1}:logged-${v.id}`);
    expect(e).toMatchObject({ type: 'visit.logged', actorId: member('demo-grid-1'), public: false });
    expect(e!.note).toContain('上门走访：设施维修');
  });
});

describe('a grid worker logs a visit a Party member made', () => {
  it('names the Party member and who logged it', async () => {
    const v = await h.ok<VisitView>('demo-grid-1', 'visit.log', visit(g1, { visitor: { kind: 'partyMember', name: '王大伟' }, channel: 'phone' }), key());
    expect(v).toMatchObject({ visitorKind: 'partyMember', visitorText: '党员 王大伟（李秀英登记）', loggedByName: '李秀英', channelLabel: '电话' });
  });
  it('refuses a Party member’s name the content check refuses', async () => {
    const res = await h.call('demo-grid-1', 'visit.log', visit(g1, { visitor: { kind: 'partyMember', name: '赌博' } }), key());
    expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: 'visitor' }] } } });
  });
});

describe('the visit’s time is checked', () => {
  it('refuses a time in the future', async () => {
    const res = await h.call('demo-grid-1', 'visit.log', visit(g1, { visitedAt: h.clock.now() + DAY }), key());
    expect(res).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'visitedAt' }] } } });
  });
  it('refuses a visit older than 30 days and takes one of 29 days ago', async () => {
    const old = await h.call('demo-grid-1', 'visit.log', visit(g1, { visitedAt: h.clock.now() - 31 * DAY }), key());
    expect(old).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'visitedAt', message: '只能登记30天内的走访' }] } } });
    const v = await h.ok<VisitView>('demo-grid-1', 'visit.log', visit(g1, { visitedAt: h.clock.now() - 29 * DAY }), key());
    expect(v.visitedAt).toBe(h.clock.now() - 29 * DAY);
  });
});

describe('topics and notes are checked', () => {
  it('refuses a topic that is not a concern category', async () => {
    const res = await h.call('demo-grid-1', 'visit.log', visit(g1, { topics: ['cat_nothing'] }), key());
    expect(res).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'topics' }] } } });
  });
  it('refuses notes the content check refuses, naming the field', async () => {
    const res = await h.call('demo-grid-1', 'visit.log', visit(g1, { notes: '楼里有人赌博' }), key());
    expect(res).toMatchObject({ error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: 'notes' }] } } });
    expect((await h.deps.store.query('visits', { where: { communityId: 'demo', householdId: g1 }, orderBy: { field: 'visitedAt', dir: 'desc' }, limit: 5 })).items).toEqual([]);
  });
});

describe('a visit that needs action files exactly one 代办 concern for the household', () => {
  const needs = { needsAction: { category: 'cat_demo_repair', text: '楼道声控灯坏了，老人晚上下楼看不见。' } };
  it('files it through the 代办 path, routed to the grid’s worker, and links it', async () => {
    const v = await h.ok<VisitView>('demo-grid-1', 'visit.log', visit(g1, needs), key());
    expect(v.concern?.number).toMatch(/^20261128-\d{4}$/);
    const c = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: v.concern!.id });
    expect(c).toMatchObject({ text: needs.needsAction.text, assignee: { memberId: member('demo-grid-1') } });
    const [stored] = await concernsOf(g1);
    expect(stored.filedBy).toMatchObject({ memberId: member('demo-grid-1'), channel: 'visit' });
    expect(stored.filedBy!.reason).toContain('走访（上门）');
  });
  it('a retried log makes one visit and files one concern', async () => {
    const k = key();
    const [a, b] = await Promise.all([h.ok<VisitView>('demo-grid-1', 'visit.log', visit(g1, needs), k), h.ok<VisitView>('demo-grid-1', 'visit.log', visit(g1, needs), k)]);
    const c = await h.ok<VisitView>('demo-grid-1', 'visit.log', visit(g1, needs), k);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(new Set([a.concern?.id, b.concern?.id, c.concern?.id]).size).toBe(1);
    expect(await concernsOf(g1)).toHaveLength(1);
    const visits = await h.ok<{ items: VisitView[] }>('demo-grid-1', 'visit.list', { householdId: g1 });
    expect(visits.items).toHaveLength(1);
  });
  it('a retry after a crash between the concern and the visit finds the concern again', async () => {
    const k = key();
    const first = await h.ok<VisitView>('demo-grid-1', 'visit.log', visit(g1, needs), k);
    // As if the process died after the concern was filed and before the visit was written.
    await h.deps.store.remove('visits', first.id);
    const retried = await h.ok<VisitView>('demo-grid-1', 'visit.log', visit(g1, needs), k);
    expect(retried).toMatchObject({ id: first.id, concern: first.concern });
    expect(await concernsOf(g1)).toHaveLength(1);
  });
  it('the same key with other content is a CONFLICT', async () => {
    const k = key();
    await h.ok('demo-grid-1', 'visit.log', visit(g1, needs), k);
    expect(await h.call('demo-grid-1', 'visit.log', visit(g1, { ...needs, notes: '改过的记录' }), k)).toMatchObject({ error: { code: 'CONFLICT' } });
  });
  it('a WeChat visit files as a call at a distance and says WeChat', async () => {
    await h.ok<VisitView>('demo-grid-1', 'visit.log', visit(g1, { ...needs, channel: 'wechat' }), key());
    const [stored] = await concernsOf(g1);
    expect(stored.filedBy).toMatchObject({ channel: 'phone' });
    expect(stored.filedBy!.reason).toContain('微信');
  });
  it('a refused action text names needsAction and leaves neither visit nor concern', async () => {
    const res = await h.call('demo-grid-1', 'visit.log', visit(g1, { needsAction: { category: 'cat_demo_repair', text: '有人在楼里赌博，请处理' } }), key());
    expect(res).toMatchObject({ error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: 'needsAction.text' }] } } });
    expect(await concernsOf(g1)).toHaveLength(0);
  });
});

describe('scope: grid workers log only for their grids, residents not at all', () => {
  it('a household of another grid reads as missing', async () => {
    expect(await h.call('demo-grid-1', 'visit.log', visit(g2), key())).toMatchObject({ error: { code: 'NOT_FOUND', details: { issues: [{ path: 'householdId' }] } } });
    expect(await h.call('demo-grid-2', 'visit.log', visit(g1, { needsAction: { category: 'cat_demo_repair', text: '楼道声控灯坏了很久了' } }), key())).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await concernsOf(g1)).toHaveLength(0);
  });
  it('an admin logs anywhere in the community', async () => {
    await h.ok('demo-admin', 'visit.log', visit(g1), key());
    await h.ok('demo-admin', 'visit.log', visit(g2), key());
  });
  it('residents and volunteers are refused', async () => {
    expect(await h.call('demo-resident-1', 'visit.log', visit(g1), key())).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-volunteer-1', 'visit.log', visit(g1), key())).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('logging is rate limited', () => {
  it('has a default limit per hour and per day', async () => {
    const { DEFAULT_RATE_LIMITS } = await import('../../../../../cloudfunctions/lib/manifests');
    expect(DEFAULT_RATE_LIMITS['visit.log']).toEqual([{ limit: 60, windowSeconds: 3600 }, { limit: 300, windowSeconds: 86400 }]);
  });
  it('refuses past the limit, and a retry under the same key is not counted', async () => {
    const limited = await createHarness({ rateLimits: { 'visit.log': [{ limit: 2, windowSeconds: 3600 }] } });
    try {
      const [hh] = await makeHouseholds(limited, [['1号楼', '4', '401']]);
      const body = { householdId: hh, visitor: { kind: 'self' }, visitedAt: limited.clock.now() - 60_000, channel: 'door', topics: ['cat_demo_repair'] };
      const k = key();
      await limited.ok('demo-grid-1', 'visit.log', body, k);
      await limited.ok('demo-grid-1', 'visit.log', body, k);
      await limited.ok('demo-grid-1', 'visit.log', body, key());
      expect(await limited.call('demo-grid-1', 'visit.log', body, key())).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    } finally {
      limited.close();
    }
  });
});
