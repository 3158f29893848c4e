/**
 * Residents move: 搬离 ends the binding (their open concerns stay with the household, their
 * future bookings are cancelled and the seats freed), they can bind elsewhere; staff remove
 * someone who left without saying; an invite-bound resident gives a name.
 */
import type { BookingView, ServiceView, SlotView } from '../../../../../miniprogram/core/booking/contract';
import type { ConcernSummary, ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { MeView } from '../../../../../miniprogram/core/member/contract';
import type { EventRecord } from '../../../../../cloudfunctions/lib/kernel/audit';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/** An invite for a flat, redeemed by a new person on the app. */
async function moveIn(openid: string, unit: string, room: string, name?: string): Promise<MeView> {
  const { invites } = await h.ok<{ invites: Array<{ code: string }> }>('demo-admin', 'member.issueInvites', { households: [{ buildingId: h.ids['1号楼'], unit, room }] });
  return h.ok<MeView>(openid, 'member.redeemInvite', { code: invites[0].code, ...(name ? { name } : {}) });
}

async function oneSeatService(): Promise<SlotView> {
  const s = await h.ok<ServiceView>('demo-admin', 'booking.upsertService', {
    name: '法律咨询', description: '社区律师坐班', location: '服务站二楼', durationMinutes: 60, seatsPerSlot: 1,
    minNoticeHours: 2, cancelCutoffHours: 12, maxPerMonth: 2, staffIds: [member('demo-grid-1')],
  });
  await h.ok('demo-admin', 'booking.setSchedule', { serviceId: s.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })) });
  const slots = (await h.ok<{ items: SlotView[] }>('demo-resident-1', 'booking.slots', { serviceId: s.id, limit: 50 })).items;
  return slots.find((x) => x.startAt > h.clock.now() + 2 * DAY)!;
}

const submit = (who = 'demo-resident-1') =>
  h.ok<ConcernView>(who, 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '厨房下水管漏水，楼下也渗水了' }, key());
const inboxTitles = async (openid: string) =>
  (await h.ok<{ items: Array<{ title: string; body: string }> }>(openid, 'notify.inbox', {})).items.map((m) => `${m.title}｜${m.body}`).join('\n');
const memberEvents = async (openid: string) =>
  (await h.deps.store.query<EventRecord>('events', { where: { communityId: 'demo', subject: `member:${member(openid)}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 50 })).items;

describe('a family moving out', () => {
  it('ends the binding and the resident role, and stays a member who can bind again', async () => {
    const me = await h.ok<MeView>('demo-resident-1', 'member.leaveHousehold', { confirm: true });
    expect(me.household).toBeUndefined();
    expect(me.roles).toEqual(['visitor']);
    expect(me.pendingRequest).toBeUndefined();
    expect(me.allowedActions).toEqual(expect.arrayContaining(['member.redeemInvite', 'member.requestBinding']));
    expect(await h.call('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '搬走后还想说事' }, key())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await memberEvents('demo-resident-1')).map((e) => e.type)).toContain('member.left');
  });
  it('cancels their future booking and frees the seat for the first waiting', async () => {
    const slot = await oneSeatService();
    const hers = await h.ok<BookingView>('demo-resident-1', 'booking.create', { slotId: slot.id }, key());
    const waiting = await h.ok<BookingView>('demo-resident-2', 'booking.create', { slotId: slot.id }, key());
    expect(waiting.status).toBe('waitlisted');
    await h.ok('demo-resident-1', 'member.leaveHousehold', { confirm: true });
    expect((await h.deps.store.get('bookings', hers.id))?.status).toBe('cancelled');
    expect((await h.deps.store.get('bookings', waiting.id))?.status).toBe('offered');
    const seat = await h.deps.store.get('slots', slot.id);
    expect(Object.keys(seat?.holders ?? {})).toEqual([waiting.id]);
  });
  it('leaves their open concern with the household: the one still living there sees and rates it', async () => {
    await moveIn('demo-spouse', '1', '101', '刘先生');
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    // The housemate does not see the other's own concern while both live there.
    expect((await h.ok<{ items: ConcernSummary[] }>('demo-spouse', 'concern.listMine', {})).items.map((x) => x.id)).not.toContain(c.id);
    await h.ok('demo-resident-1', 'member.leaveHousehold', { confirm: true });
    const mine = await h.ok<{ items: ConcernSummary[] }>('demo-spouse', 'concern.listMine', {});
    expect(mine.items.map((x) => x.id)).toContain(c.id);
    const seen = await h.ok<ConcernView>('demo-spouse', 'concern.get', { concernId: c.id });
    expect(seen.timeline.map((e) => e.label)).toContain('提交人已搬离，转由本户跟进');
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '已更换下水管' });
    await h.ok('demo-spouse', 'concern.rate', { concernId: c.id, resolved: true, satisfaction: 5 });
    expect(await inboxTitles('demo-spouse')).toContain('同户居民已搬离');
    // The one who left keeps hearing how it goes.
    expect(await inboxTitles('demo-resident-1')).toContain('已办结');
  });
  it('hands every unfinished concern to the household at once, each with its own step', async () => {
    await moveIn('demo-spouse', '1', '101', '刘先生');
    const [a, b] = [await submit(), await submit()];
    await h.ok('demo-resident-1', 'member.leaveHousehold', { confirm: true });
    for (const c of [a, b]) {
      const seen = await h.ok<ConcernView>('demo-spouse', 'concern.get', { concernId: c.id });
      expect(seen.timeline.filter((e) => e.label === '提交人已搬离，转由本户跟进')).toHaveLength(1);
    }
  });
  it('shows no request waiting after leaving when an invite made their request moot', async () => {
    const req = await h.ok<{ status: string }>('newcomer', 'member.requestBinding', { communityId: 'demo', buildingId: h.ids['1号楼'], unit: '3', room: '303', name: '王女士' }, key());
    expect(req.status).toBe('pending');
    const bound = await moveIn('newcomer', '2', '202');
    expect(bound.pendingRequest).toBeUndefined();
    const left = await h.ok<MeView>('newcomer', 'member.leaveHousehold', { confirm: true });
    expect(left.household).toBeUndefined();
    expect(left.pendingRequest).toBeUndefined();
    // As the view said: what was in the database is the same view when read afresh.
    expect(await h.ok<MeView>('newcomer', 'member.me', {})).toEqual(left);
  });
  it('lets them bind to their new home in the same community', async () => {
    await h.ok('demo-resident-1', 'member.leaveHousehold', { confirm: true });
    const me = await moveIn('demo-resident-1', '2', '202');
    expect(me.household).toMatchObject({ unit: '2', room: '202' });
    expect(me.name).toBe('刘阿姨');
    const again = await h.call('demo-resident-1', 'member.leaveHousehold', { confirm: true });
    expect(again.ok).toBe(true);
    // A binding request after an ended one opens a new round.
    const req = await h.ok<{ status: string }>('demo-resident-1', 'member.requestBinding', { communityId: 'demo', buildingId: h.ids['1号楼'], unit: '3', room: '303', name: '刘阿姨' }, key());
    expect(req.status).toBe('pending');
  });
});

describe('someone who moved out and follows a handed-over concern', () => {
  it('hears the outcome, but is neither asked for details nor asked to rate', async () => {
    const asked = await submit();
    const fixed = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道声控灯不亮了，晚上看不见' }, key());
    for (const c of [asked, fixed]) await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-resident-1', 'member.leaveHousehold', { confirm: true });
    await h.ok('demo-grid-1', 'concern.requestInfo', { concernId: asked.id, question: '漏水的是哪一根管子？' });
    expect(await inboxTitles('demo-resident-1')).not.toContain('请补充诉求情况');
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: fixed.id, summary: '已更换灯泡' });
    const titles = await inboxTitles('demo-resident-1');
    expect(titles).not.toContain('请评价');
    expect(titles).toContain('与您反映的问题合并办理的诉求已办结');
  });
});

describe('staff removing a member who moved away', () => {
  it('lets the grid worker of the building remove them, audited with the reason, the person told', async () => {
    await moveIn('demo-spouse', '1', '101', '刘先生');
    const res = await h.ok('demo-grid-1', 'member.removeFromHousehold', { memberId: member('demo-spouse'), reason: '已搬去外地，家属来电告知' });
    expect(res).toEqual({ removed: true });
    const ev = (await memberEvents('demo-spouse')).find((e) => e.type === 'member.removed');
    expect(ev).toMatchObject({ actorId: member('demo-grid-1'), note: '已搬去外地，家属来电告知' });
    expect(await inboxTitles('demo-spouse')).toContain('您已被移出住户｜社区工作人员已将您移出1号楼 1单元 101室：已搬去外地');
    expect(await inboxTitles('demo-resident-1')).toContain('同户居民已搬离｜刘先生已不再绑定');
    expect((await h.ok<MeView>('demo-spouse', 'member.me', {})).household).toBeUndefined();
  });
  it('refuses a grid worker of another grid as if the person did not exist', async () => {
    const res = await h.call('demo-grid-2', 'member.removeFromHousehold', { memberId: member('demo-resident-1'), reason: '已搬走' });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await h.ok<MeView>('demo-resident-1', 'member.me', {})).household).toBeDefined();
  });
  it('refuses residents', async () => {
    expect(await h.call('demo-resident-2', 'member.removeFromHousehold', { memberId: member('demo-resident-1'), reason: '已搬走' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('an invite-bound resident giving a name', () => {
  it('takes the name with the invite code', async () => {
    const me = await moveIn('demo-newcomer', '6', '601', '周阿姨');
    expect(me.name).toBe('周阿姨');
  });
  it('lets them set it later, content-checked and audited without the name itself', async () => {
    await moveIn('demo-newcomer', '6', '601');
    expect((await h.ok<MeView>('demo-newcomer', 'member.me', {})).name).toBeUndefined();
    const me = await h.ok<MeView>('demo-newcomer', 'member.setName', { name: '周阿姨' });
    expect(me.name).toBe('周阿姨');
    const ev = (await memberEvents('demo-newcomer')).find((e) => e.type === 'member.renamed');
    expect(ev).toMatchObject({ note: null, from: null, to: null });
    const refused = await h.call('demo-newcomer', 'member.setName', { name: '赌博大王' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: 'name' }] } } });
    expect((await h.ok<MeView>('demo-newcomer', 'member.me', {})).name).toBe('周阿姨');
  });
  it('refuses a name the check rejects at redemption and keeps the code unused', async () => {
    const { invites } = await h.ok<{ invites: Array<{ code: string }> }>('demo-admin', 'member.issueInvites', { households: [{ buildingId: h.ids['1号楼'], unit: '6', room: '602' }] });
    expect(await h.call('demo-newcomer', 'member.redeemInvite', { code: invites[0].code, name: '赌博大王' })).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect((await h.ok<MeView>('demo-newcomer', 'member.redeemInvite', { code: invites[0].code, name: '周阿姨' })).name).toBe('周阿姨');
  });
});

describe('what 搬离 costs the database', () => {
  it('reads everything ending the binding needs (housemates, request, concerns, bookings) with the caller\'s record: one read', async () => {
    let reads = 0;
    const READS = new Set(['get', 'getMany', 'query', 'readTogether']);
    const metered = await createHarness({
      wrapStore: (store) =>
        new Proxy(store, {
          get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver) as unknown;
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              if (READS.has(String(property))) reads += 1;
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          },
        }),
    });
    try {
      const c = await metered.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: metered.ids['1号楼'], text: '厨房下水管漏水，楼下也渗水了' }, key());
      reads = 0;
      await metered.ok<MeView>('demo-resident-1', 'member.leaveHousehold', { confirm: true });
      expect(reads).toBe(1);
      // The concern was handed over all the same.
      expect(await metered.deps.store.get('concerns', c.id)).toMatchObject({ authorId: null });
    } finally {
      metered.close();
    }
  });
});
