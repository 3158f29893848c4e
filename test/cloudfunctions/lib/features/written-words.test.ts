/**
 * Every text a person writes passes the content check before anyone else sees it — not only
 * the concern itself. A word the checker refuses (赌博 on the local word list) is refused in
 * each path, naming its field, and nothing of it reaches the record, the timeline or a message.
 */
import type { ConcernView } from '../../../../miniprogram/core/concern/contract';
import type { Envelope } from '../../../../miniprogram/core/envelope';
import { createHarness, key, member, type Harness } from '../../../support/harness';
import { addDepartment, joinAsContact } from '../../../support/departments';

const BAD = '这里有人聚众赌博';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const submit = (who = 'demo-resident-1', text = '楼道灯坏了一个星期了') =>
  h.ok<ConcernView>(who, 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text }, key());
const accepted = async () => {
  const c = await submit();
  await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
  return c;
};
const resolved = async () => {
  const c = await accepted();
  await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '灯已更换' });
  return c;
};

const inboxOf = async (openid: string) =>
  (await h.deps.store.query('inbox', { where: { communityId: 'demo', recipientId: member(openid) }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 100 })).items;

/** Refused as CONTENT_REJECTED naming `field`; the words are on no timeline and in no message. */
async function expectRefused(res: Envelope<unknown>, field: string, concernId?: string) {
  expect(res).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: field }] } } });
  const seen = [
    ...(await Promise.all(['demo-grid-1', 'demo-resident-1', 'demo-leader'].map(inboxOf))),
    concernId ? await h.ok('demo-admin', 'concern.get', { concernId }) : null,
  ];
  expect(JSON.stringify(seen)).not.toContain('赌博');
}

describe('a refused word in a resident’s supplement', () => {
  it('is refused, though the same word was always refused on submit', async () => {
    expect(await h.call('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: BAD }, key())).toMatchObject({ error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: 'text' }] } } });
    const c = await accepted();
    await expectRefused(await h.call('demo-resident-1', 'concern.supplement', { concernId: c.id, text: BAD }), 'text', c.id);
    const seen = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(seen.timeline.map((e) => e.type)).not.toContain('concern.supplemented');
  });
});

describe('a refused word in a rating comment', () => {
  it('is refused and the concern stays waiting for its rating', async () => {
    const c = await resolved();
    await expectRefused(await h.call('demo-resident-1', 'concern.rate', { concernId: c.id, resolved: true, satisfaction: 5, comment: BAD }), 'comment', c.id);
    expect((await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id })).status).toBe('resolved');
  });
});

describe('a refused word in a reopen or withdraw reason', () => {
  it('is refused', async () => {
    const c = await resolved();
    await expectRefused(await h.call('demo-resident-1', 'concern.reopen', { concernId: c.id, reason: BAD }), 'reason', c.id);
    const open = await submit();
    await expectRefused(await h.call('demo-resident-1', 'concern.withdraw', { concernId: open.id, reason: BAD }), 'reason', open.id);
  });
});

describe('a refused word in what staff write on a concern', () => {
  it('is refused in a reply, an internal note, a question, a resolve summary and a 催办 note', async () => {
    const c = await accepted();
    await expectRefused(await h.call('demo-grid-1', 'concern.reply', { concernId: c.id, text: BAD }), 'text', c.id);
    await expectRefused(await h.call('demo-grid-1b', 'concern.note', { concernId: c.id, text: BAD }), 'text', c.id);
    await expectRefused(await h.call('demo-grid-1', 'concern.requestInfo', { concernId: c.id, question: BAD }), 'question', c.id);
    await expectRefused(await h.call('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: BAD }), 'summary', c.id);
    await expectRefused(await h.call('demo-leader', 'concern.urge', { concernId: c.id, note: BAD }), 'note', c.id);
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id })).status).toBe('accepted');
  });
  it('is refused in a transfer or merge reason, before either concern changes', async () => {
    const c = await accepted();
    await expectRefused(await h.call('demo-grid-1', 'concern.transfer', { concernId: c.id, toGridId: h.ids['第二网格'], reason: BAD }), 'reason', c.id);
    const dup = await submit('demo-resident-2', '1号楼楼道的灯坏了');
    await expectRefused(await h.call('demo-admin', 'concern.merge', { concernId: dup.id, intoId: c.id, reason: BAD }), 'reason', dup.id);
    expect((await h.ok<ConcernView>('demo-admin', 'concern.get', { concernId: c.id })).timeline.map((e) => e.type)).not.toContain('concern.mergedIn');
  });
  it('is refused in a whistle note and in the department’s answer', async () => {
    const c = await accepted();
    const dept = await addDepartment(h, '物业公司');
    await joinAsContact(h, dept, 'dept-contact');
    await expectRefused(await h.call('demo-grid-1', 'concern.whistle', { concernId: c.id, departmentId: dept, note: BAD }), 'note', c.id);
    await h.ok('demo-grid-1', 'concern.whistle', { concernId: c.id, departmentId: dept, note: '请物业更换灯泡' });
    await expectRefused(await h.call('dept-contact', 'department.answer', { concernId: c.id, text: BAD }), 'text', c.id);
    await expectRefused(await h.call('demo-grid-1', 'concern.reportBack', { concernId: c.id, text: BAD }), 'text', c.id);
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id })).status).toBe('coordinating');
  });
});

describe('a refused word in a 代办 filing', () => {
  it('is refused in the words, the reason and the caller’s name', async () => {
    const found = await h.ok<{ items: Array<{ household?: { id: string } }> }>('demo-grid-1', 'member.find', { buildingId: h.ids['1号楼'], unit: '1', room: '101' });
    const filing = { householdId: found.items[0].household?.id, residentId: member('demo-resident-1'), category: 'cat_demo_repair', text: '楼道灯坏了一个星期了', channel: 'phone', reason: '老人不会用手机' };
    await expectRefused(await h.call('demo-grid-1', 'concern.fileFor', { ...filing, text: BAD }, key()), 'text');
    await expectRefused(await h.call('demo-grid-1', 'concern.fileFor', { ...filing, reason: BAD }, key()), 'reason');
    // Filed for the household rather than a resident on the app: the caller gives a name.
    const { residentId: _, ...forHousehold } = filing;
    await expectRefused(await h.call('demo-grid-1', 'concern.fileFor', { ...forHousehold, contactName: '赌博王' }, key()), 'contactName');
  });
});

describe('a refused word in a name someone gives', () => {
  it('is refused in a binding request and a department contact’s name', async () => {
    await expectRefused(await h.call('newcomer', 'member.requestBinding', { communityId: 'demo', buildingId: h.ids['1号楼'], unit: '1', room: '303', name: '赌博王' }, key()), 'name');
    expect(await h.deps.store.get('bindingRequests', `br_${member('newcomer')}`)).toBeNull();
    const dept = await addDepartment(h, '物业公司');
    const { code } = await h.ok<{ code: string }>('demo-admin', 'department.issueCode', { departmentId: dept });
    await expectRefused(await h.call('dept-contact', 'department.redeemCode', { code, name: '赌博王' }), 'name');
    // The code is not burnt by the refusal.
    await h.ok('dept-contact', 'department.redeemCode', { code, name: '物业刘经理' });
  });
});

describe('a refused word in a reason staff give a resident', () => {
  it('is refused when rejecting a binding request, reporting or moderating content', async () => {
    const req = await h.ok<{ id: string }>('newcomer', 'member.requestBinding', { communityId: 'demo', buildingId: h.ids['1号楼'], unit: '1', room: '303', name: '钱先生' }, key());
    await expectRefused(await h.call('demo-grid-1', 'member.reviewRequest', { requestId: req.id, decision: 'reject', reason: BAD }), 'reason');
    expect(await h.deps.store.get('bindingRequests', req.id)).toMatchObject({ status: 'pending' });
    const c = await submit();
    await expectRefused(await h.call('demo-grid-1', 'moderation.report', { subjectType: 'concernText', subjectId: c.id, reason: BAD }), 'reason');
    await h.ok('demo-grid-1', 'moderation.report', { subjectType: 'concernText', subjectId: c.id, reason: '内容不实' });
    // Words the check held wait for an admin; the rejection's reason goes to their author.
    await submit('demo-resident-1', '我准备写举报信反映楼道灯的问题');
    const queue = await h.ok<{ items: Array<{ id: string }> }>('demo-admin', 'moderation.queue', { status: 'pending' });
    expect(queue.items).toHaveLength(1);
    await expectRefused(await h.call('demo-admin', 'moderation.decide', { itemId: queue.items[0].id, decision: 'reject', reason: BAD }), 'reason');
  });
});

describe('a refused word in a booking', () => {
  it('is refused in a 代办 reason, a cancellation reason and a service note', async () => {
    const service = await h.ok<{ id: string }>('demo-admin', 'booking.upsertService', {
      name: '法律咨询', description: '社区律师坐班', location: '服务站二楼', durationMinutes: 60, seatsPerSlot: 2,
      minNoticeHours: 2, cancelCutoffHours: 12, maxPerMonth: 2, staffIds: [member('demo-grid-1')],
    });
    await h.ok('demo-admin', 'booking.setSchedule', { serviceId: service.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })) });
    const slots = await h.ok<{ items: Array<{ id: string; startAt: number }> }>('demo-resident-1', 'booking.slots', { serviceId: service.id, limit: 50 });
    const slot = slots.items.find((x) => x.startAt > h.clock.now() + 2 * 24 * 3600_000)!;
    await expectRefused(await h.call('demo-grid-1', 'booking.create', { slotId: slot.id, onBehalfOf: member('demo-resident-1'), reason: BAD, channel: 'phone' }, key()), 'reason');
    const b = await h.ok<{ id: string }>('demo-resident-1', 'booking.create', { slotId: slot.id }, key());
    await expectRefused(await h.call('demo-grid-1', 'booking.cancel', { bookingId: b.id, reason: BAD }), 'reason');
    h.clock.set(slot.startAt);
    await expectRefused(await h.call('demo-grid-1', 'booking.checkIn', { bookingId: b.id, note: BAD }), 'note');
  });
});
