/**
 * 代办, as it happens on the phone: 刘阿姨 calls her grid worker. The worker finds her by her
 * address or her name, files the concern for her, and from then on it is hers — routed and
 * clocked like her own, audited with the channel and the reason, told to her in the app,
 * rated by her. A household with nobody on the app is served the same way, and whoever binds
 * there later finds its concerns as theirs.
 */
import type { BookingView, SlotView } from '../../../../../miniprogram/core/booking/contract';
import type { ConcernSummary, ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { FoundEntry } from '../../../../../miniprogram/core/member/contract';
import type { InboxItem } from '../../../../../miniprogram/core/notify/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const HOUR = 3600_000;
type Page<T> = { items: T[]; next?: string };
const find = (who: string, data: Record<string, unknown>) => h.ok<Page<FoundEntry>>(who, 'member.find', data);
const names = (p: Page<FoundEntry>) => p.items.flatMap((e) => e.people.map((x) => x.name));

async function liuAyi(): Promise<FoundEntry> {
  const found = await find('demo-grid-1', { buildingId: h.ids['1号楼'], unit: '1', room: '101' });
  expect(found.items).toHaveLength(1);
  return found.items[0];
}

describe('a grid worker finds a resident who phones', () => {
  it('finds 刘阿姨 by 1号楼 1单元 101, with her name and that she is on the app', async () => {
    const e = await liuAyi();
    expect(e.household).toMatchObject({ buildingName: '1号楼', unit: '1', room: '101', address: '1号楼 1单元 101室' });
    expect(e.people).toEqual([{ memberId: member('demo-resident-1'), name: '刘阿姨', roles: ['resident'] }]);
    expect(e.onApp).toBe(true);
    expect(JSON.stringify(e)).not.toMatch(/phone|138/);
  });

  it('finds her by the start of her name, and lists a building unit by unit', async () => {
    const byName = await find('demo-grid-1', { name: '刘' });
    expect(names(byName)).toEqual(['刘阿姨']);
    expect(byName.items[0].household?.address).toBe('1号楼 1单元 101室');
    // Written as residents say it ("1单元") it is the same unit.
    expect(names(await find('demo-grid-1', { buildingId: h.ids['1号楼'], unit: '1单元' }))).toContain('刘阿姨');
  });

  it('shows a household nobody of which uses the app as such', async () => {
    const found = await find('demo-grid-1', { buildingId: h.ids['2号楼'], unit: '1', room: '201' });
    expect(found.items).toEqual([expect.objectContaining({ people: [], onApp: false, household: expect.objectContaining({ address: '2号楼 1单元 201室' }) })]);
  });

  it('finds nothing outside her grids, by address or by name', async () => {
    expect((await find('demo-grid-2', { buildingId: h.ids['1号楼'], unit: '1', room: '101' })).items).toEqual([]);
    expect((await find('demo-grid-2', { name: '刘' })).items).toEqual([]);
    // The admin searches the whole community.
    expect(names(await find('demo-admin', { name: '刘' }))).toEqual(['刘阿姨']);
  });

  it('is refused to residents and visitors', async () => {
    for (const who of ['demo-resident-1', 'demo-visitor-1', 'demo-volunteer-1']) {
      expect(await h.call(who, 'member.find', { name: '刘' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('a worker files a concern for her by phone', () => {
  let c: ConcernView;
  const filing = () => ({
    householdId: '', residentId: member('demo-resident-1'), category: 'cat_demo_repair',
    text: '刘阿姨来电：1号楼1单元的楼梯扶手松了，老人不敢扶。', channel: 'phone', reason: '老人眼睛不好，不会用手机',
  });
  const firstKey = key();

  it('is routed and clocked like her own, and says who filed it', async () => {
    const e = await liuAyi();
    c = await h.ok<ConcernView>('demo-grid-1b', 'concern.fileFor', { ...filing(), householdId: e.household?.id }, firstKey);
    expect(c).toMatchObject({ status: 'dispatched', assignee: { memberId: member('demo-grid-1'), name: '李秀英' }, buildingName: '1号楼', authorName: '刘阿姨' });
    expect(c.contactDueAt - c.createdAt).toBe(24 * HOUR);
    expect(c.number).toMatch(/^\d{8}-\d{4}$/);
    expect(c.filedBy).toEqual({ channel: 'phone', channelLabel: '电话', staffName: '赵丽', reason: '老人眼睛不好，不会用手机' });
    expect(c.timeline.map((x) => x.label)).toEqual(['已受理', '工作人员代为登记', '已分派']);
    expect(c.timeline[1]).toMatchObject({ internal: true, note: '赵丽代为登记（电话）：老人眼睛不好，不会用手机' });
    const inbox = await h.ok<Page<InboxItem>>('demo-grid-1', 'notify.inbox', {});
    expect(inbox.items.some((m) => m.kind === 'concern.dispatched' && m.title.includes(c.categoryName) && m.body.includes('楼梯扶手'))).toBe(true);
  });

  it('gives the same concern for a retry with the same key, and CONFLICT for other words', async () => {
    const e = await liuAyi();
    const again = await h.ok<ConcernView>('demo-grid-1b', 'concern.fileFor', { ...filing(), householdId: e.household?.id }, firstKey);
    expect(again.id).toBe(c.id);
    expect(again.number).toBe(c.number);
    const other = await h.call('demo-grid-1b', 'concern.fileFor', { ...filing(), householdId: e.household?.id, text: '另一件事：门口的井盖松动了。' }, firstKey);
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('is in her list and her inbox; she sees the channel but not the staff-only reason', async () => {
    const mine = await h.ok<Page<ConcernSummary>>('demo-resident-1', 'concern.listMine', {});
    expect(mine.items.map((x) => x.id)).toContain(c.id);
    const inbox = await h.ok<Page<InboxItem>>('demo-resident-1', 'notify.inbox', {});
    expect(inbox.items.find((m) => m.kind === 'concern.filedFor')).toMatchObject({ title: expect.stringContaining('社区已为您登记诉求'), body: expect.stringContaining('电话') });
    const view = await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id });
    expect(view.filedBy).toEqual({ channel: 'phone', channelLabel: '电话' });
    expect(view.timeline.map((x) => x.label)).toEqual(['已收到', '已交给网格员']);
    expect(view.timeline[0].note).toContain('电话代为登记');
    expect(view.allowedActions).toEqual(expect.arrayContaining(['concern.supplement', 'concern.withdraw']));
  });

  it('is rated by her once resolved', async () => {
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '已请物业加固扶手。' });
    const rated = await h.ok<ConcernView>('demo-resident-1', 'concern.rate', { concernId: c.id, resolved: true, satisfaction: 5 });
    expect(rated).toMatchObject({ status: 'closed', rating: { resolved: true, satisfaction: 5 } });
  });

  it('is refused to residents, visitors and workers of another grid', async () => {
    const e = await liuAyi();
    for (const who of ['demo-resident-1', 'demo-visitor-1']) {
      expect(await h.call(who, 'concern.fileFor', { ...filing(), householdId: e.household?.id }, key())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await h.call('demo-grid-2', 'concern.fileFor', { ...filing(), householdId: e.household?.id }, key())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { issues: [{ path: 'householdId' }] } } });
    // A resident of another household cannot be named for this one.
    expect(await h.call('demo-grid-1', 'concern.fileFor', { ...filing(), householdId: e.household?.id, residentId: member('demo-resident-2') }, key())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { issues: [{ path: 'residentId' }] } } });
  });
});

describe('a household with nobody on the app', () => {
  let c: ConcernView;
  it('gets a concern filed at the window, tied to the household', async () => {
    const [e] = (await find('demo-grid-1', { buildingId: h.ids['2号楼'], unit: '1', room: '201' })).items;
    c = await h.ok<ConcernView>('demo-grid-1', 'concern.fileFor', {
      householdId: e.household?.id, contactName: '孙奶奶', category: 'cat_demo_repair', text: '孙奶奶到窗口反映：家里水管漏水，楼下天花板渗水。', channel: 'window', reason: '独居老人，没有智能手机',
    }, key());
    expect(c).toMatchObject({ status: 'dispatched', authorName: '孙奶奶', filedBy: { channel: 'window', contactName: '孙奶奶' } });
    // Nobody on the app to tell: no resident inbox entry, and no error for the missing author.
    expect(c.timeline.map((x) => x.label)).toEqual(['已受理', '工作人员代为登记', '已分派']);
  });

  it('can be worked on and answered without an author', async () => {
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    const replied = await h.ok<ConcernView>('demo-grid-1', 'concern.reply', { concernId: c.id, text: '已联系物业明天上门检修。' });
    expect(replied.status).toBe('accepted');
  });

  it('is seen as theirs by whoever binds to the household later', async () => {
    const { invites } = await h.ok<{ invites: Array<{ code: string }> }>('demo-admin', 'member.issueInvites', { households: [{ buildingId: h.ids['2号楼'], unit: '1', room: '201' }] });
    await h.ok('new-grandson', 'member.redeemInvite', { code: invites[0].code });
    const mine = await h.ok<Page<ConcernSummary>>('new-grandson', 'concern.listMine', {});
    expect(mine.items.map((x) => x.id)).toEqual([c.id]);
    const view = await h.ok<ConcernView>('new-grandson', 'concern.get', { concernId: c.id });
    expect(view.text).toContain('水管漏水');
    expect(view.allowedActions).toContain('concern.supplement');
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '水管已更换，天花板已修补。' });
    expect((await h.ok<ConcernView>('new-grandson', 'concern.rate', { concernId: c.id, resolved: true, satisfaction: 4 })).status).toBe('closed');
  });

  it('stays out of other residents’ lists', async () => {
    const mine = await h.ok<Page<ConcernSummary>>('demo-resident-1', 'concern.listMine', {});
    expect(mine.items.map((x) => x.id)).not.toContain(c.id);
    expect(await h.call('demo-resident-1', 'concern.get', { concernId: c.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('a booking on behalf of a resident picked through the finder', () => {
  it('books 刘阿姨 with the channel and reason recorded, and tells her', async () => {
    const [e] = (await find('demo-grid-1', { name: '刘阿姨' })).items;
    const services = await h.ok<Page<{ id: string; name: string }>>('demo-grid-1', 'booking.services', {});
    const health = services.items.find((s) => s.name === '健康体检') as { id: string };
    h.clock.advance(0);
    const slots = await h.ok<Page<SlotView>>('demo-grid-1', 'booking.slots', { serviceId: health.id });
    const slot = slots.items.find((s) => s.startAt > h.clock.now() + 2 * HOUR) as SlotView;
    const b = await h.ok<BookingView>('demo-grid-1', 'booking.create', { slotId: slot.id, onBehalfOf: e.people[0].memberId, reason: '老人来电委托', channel: 'phone' }, key());
    expect(b).toMatchObject({ status: 'booked', residentName: '刘阿姨', onBehalf: { staffName: '李秀英', channel: 'phone', reason: '老人来电委托' } });
    const inbox = await h.ok<Page<InboxItem>>('demo-resident-1', 'notify.inbox', {});
    expect(inbox.items.find((m) => m.kind === 'booking.booked')?.body).toContain('（电话）为您代办了预约');
  });
});
