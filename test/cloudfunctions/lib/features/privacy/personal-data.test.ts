/**
 * Personal data: phones masked everywhere but for their owner and the staff handling them,
 * an export of everything about me, deletion that anonymises after the waiting period.
 */
import type { ConcernView, ConcernStats } from '../../../../../miniprogram/core/concern/contract';
import type { MeView } from '../../../../../miniprogram/core/member/contract';
import type { MyData } from '../../../../../miniprogram/core/privacy/contract';
import type { BookingView, ServiceView, SlotView } from '../../../../../miniprogram/core/booking/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import type { MemberRecord } from '../../../../../cloudfunctions/lib/kernel/members';
import { createHarness, key, member, T0, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());
const DAY = 24 * 3600_000;

describe('phone numbers', () => {
  it('are stored encrypted and shown in full only to the owner and the staff handling them', async () => {
    expect(await h.ok('demo-resident-1', 'privacy.setPhone', { code: 'demo-13812345678' })).toEqual({ phone: '13812345678' });
    const raw = await h.deps.store.get<MemberRecord>('members', member('demo-resident-1'));
    expect(JSON.stringify(raw)).not.toContain('13812345678');
    expect(raw?.phoneMasked).toBe('138****5678');
    expect((await h.ok<MeView>('demo-resident-1', 'member.me')).phone).toBe('13812345678');
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '水管漏水了' }, key());
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id })).authorPhone).toBe('13812345678');
    expect(c.authorPhone).toBeUndefined();
    expect(JSON.stringify(await h.call('demo-grid-2', 'concern.get', { concernId: c.id }))).not.toContain('13812345678');
  });
  it('follow the resident to the concerns they raised before: staff call the new number', async () => {
    await h.ok('demo-resident-1', 'privacy.setPhone', { code: 'demo-13812345678' });
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '水管漏水了' }, key());
    await h.ok('demo-resident-1', 'privacy.setPhone', { code: 'demo-13900002222' });
    const staff = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(staff.authorPhone).toBe('13900002222');
  });
  it('refuse a code that is not a real authorisation', async () => {
    expect(await h.call('demo-resident-1', 'privacy.setPhone', { code: 'made-up' })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
  it('reach a service’s staff on the day’s list', async () => {
    await h.ok('demo-resident-1', 'privacy.setPhone', { code: 'demo-13900001111' });
    const service = (await h.ok<{ items: ServiceView[] }>('demo-admin', 'booking.services', {})).items.find((s) => s.name === '健康体检')!;
    const slot = (await h.ok<{ items: SlotView[] }>('demo-resident-1', 'booking.slots', { serviceId: service.id, from: T0 + DAY })).items[0];
    await h.ok('demo-resident-1', 'booking.create', { slotId: slot.id }, key());
    const list = await h.ok<{ items: BookingView[] }>('demo-grid-1', 'booking.listForSlot', { slotId: slot.id });
    expect(list.items[0].residentPhone).toBe('13900001111');
    expect((await h.ok<{ items: BookingView[] }>('demo-resident-1', 'booking.listMine', {})).items[0].residentPhone).toBeUndefined();
  });
});

describe('download my data', () => {
  it('contains everything about me and nothing about my neighbours', async () => {
    await h.ok('demo-resident-1', 'privacy.setPhone', { code: 'demo-13812345678' });
    const data = await h.ok<MyData>('demo-resident-1', 'privacy.export');
    expect(data.profile).toMatchObject({ name: '刘阿姨', phone: '13812345678', roles: ['resident'] });
    expect(data.concerns.length).toBeGreaterThan(0);
    expect(data.bindingRequests[0]).toMatchObject({ name: '刘阿姨', status: 'approved' });
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/demo-resident-2|demo-resident-1|phoneEnc|openid/);
    expect(text).not.toContain('3号楼北侧垃圾桶');
  });
});

describe('deleting my account', () => {
  it('can be undone during the waiting period', async () => {
    const { scheduledFor } = await h.ok<{ scheduledFor: number }>('demo-resident-1', 'privacy.requestDeletion', { confirm: true });
    expect(scheduledFor).toBe(T0 + 7 * DAY);
    expect((await h.ok<MeView>('demo-resident-1', 'member.me')).deletionScheduledFor).toBe(scheduledFor);
    expect(await h.ok('demo-resident-1', 'privacy.cancelDeletion')).toEqual({ cancelled: true });
    h.clock.advance(8 * DAY);
    await runSweep(h.deps);
    expect((await h.ok<MeView>('demo-resident-1', 'member.me')).roles).toEqual(['resident']);
  });
  it('anonymises my records after the waiting period and keeps the community’s figures', async () => {
    const c = await h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼顶漏雨好几天了' }, key());
    await h.ok('demo-resident-1', 'privacy.setPhone', { code: 'demo-13812345678' });
    const before = await h.ok<ConcernStats>('demo-admin', 'concern.stats', { from: T0 - 1, to: T0 + 30 * DAY });
    await h.ok('demo-resident-1', 'privacy.requestDeletion', { confirm: true });
    h.clock.advance(6 * DAY);
    expect((await runSweep(h.deps)).jobs.deletions).toEqual({ deleted: 0 });
    h.clock.advance(2 * DAY);
    expect((await runSweep(h.deps)).jobs.deletions).toEqual({ deleted: 1 });
    const staff = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(staff.authorName).toBeUndefined();
    expect(staff.authorPhone).toBeUndefined();
    expect(staff.text).toBe('楼顶漏雨好几天了');
    const me = await h.ok<MeView>('demo-resident-1', 'member.me');
    expect(me.roles).toEqual(['visitor']);
    expect(me.household).toBeUndefined();
    const raw = JSON.stringify(await h.deps.store.get('members', member('demo-resident-1')));
    expect(raw).not.toMatch(/刘阿姨|demo-resident-1|138\*\*\*\*5678/);
    const after = await h.ok<ConcernStats>('demo-admin', 'concern.stats', { from: T0 - 1, to: T0 + 30 * DAY });
    expect(after.overall.total).toBe(before.overall.total);
    expect((await runSweep(h.deps)).jobs.deletions).toEqual({ deleted: 0 });
  });
});
