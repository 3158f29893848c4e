import type { DisputeView, HourEntryView, MyHoursView } from '../../../../../miniprogram/core/hours/contract';
import type { SignupView } from '../../../../../miniprogram/core/volunteer/contract';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { device, HOUR, seedActivity, type SeededActivity } from '../../../../support/volunteer-records';

const LEAD = 'demo-grid-1';
const ADMIN = 'demo-admin';
const LIU = 'demo-resident-1';
/** The local content check refuses text with this word. */
const REFUSED = '赌博';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function served(a: SeededActivity): Promise<HourEntryView> {
  const s = a.shifts[0];
  h.clock.set(s.startAt);
  await h.ok(LIU, 'activity.checkIn', { activityId: a.activityId, shiftId: s.shiftId, code: a.code(h.clock.now()), deviceKey: device(LIU) });
  h.clock.set(s.endAt);
  await h.ok(LIU, 'activity.checkOut', { activityId: a.activityId, shiftId: s.shiftId, code: a.code(h.clock.now()), deviceKey: device(LIU) });
  return (await h.ok<MyHoursView>(LIU, 'hours.mine', {})).entries[0];
}
const refusedOn = (field: string) => ({ ok: false, error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: field }] } } });

describe('every text written about hours goes through the content check', () => {
  test('a dispute with a refused word is refused on its field and nothing reaches the queue', async () => {
    const e = await served(await seedActivity(h, { booked: [LIU] }));
    expect(await h.call(LIU, 'hours.dispute', { entryId: e.id, text: `签退时间不对，${REFUSED}` })).toMatchObject(refusedOn('text'));
    expect((await h.ok<{ items: DisputeView[] }>(ADMIN, 'hours.disputes', {})).items).toEqual([]);
  });

  test('an answer, a decline reason, a correction reason and a 团体录入 reason are refused the same way', async () => {
    const a = await seedActivity(h, { booked: [LIU] });
    const e = await served(a);
    const d = await h.ok<DisputeView>(LIU, 'hours.dispute', { entryId: e.id, text: '我实际服务到12点' });
    expect(await h.call(ADMIN, 'hours.answerDispute', { disputeId: d.id, answer: `${REFUSED}不算` })).toMatchObject(refusedOn('answer'));
    expect((await h.ok<{ items: DisputeView[] }>(ADMIN, 'hours.disputes', {})).items).toHaveLength(1);
    expect(await h.call(LEAD, 'hours.verify', { entryId: e.id, decision: 'decline', reason: `${REFUSED}了` })).toMatchObject(refusedOn('reason'));
    expect(await h.call(LEAD, 'hours.adjust', { entryId: e.id, minutes: 30, reason: `${REFUSED}补时` }, 'adjust-refused-1')).toMatchObject(refusedOn('reason'));
    expect((await h.ok<MyHoursView>(LIU, 'hours.mine', {})).entries).toEqual([expect.objectContaining({ id: e.id, status: 'pending' })]);
    const b = await seedActivity(h, { booked: [LIU] });
    expect(await h.call(LEAD, 'activity.checkInByHand', { activityId: b.activityId, shiftId: b.shiftId, memberId: member(LIU), step: 'in', reason: `${REFUSED}代签` })).toMatchObject(refusedOn('reason'));
  });
});

describe('my hours show my dispute and its answer', () => {
  test('after disputing, the entry says 异议待答复 and offers no second 有异议; the answer shows once given', async () => {
    const e = await served(await seedActivity(h, { booked: [LIU] }));
    expect(e.allowedActions).toContain('hours.dispute');
    const d = await h.ok<DisputeView>(LIU, 'hours.dispute', { entryId: e.id, text: '我实际服务到12点' });
    let entry = (await h.ok<MyHoursView>(LIU, 'hours.mine', {})).entries[0];
    expect(entry).toMatchObject({ dispute: { statusLabel: '异议待答复', text: '我实际服务到12点', answer: null } });
    expect(entry.allowedActions).not.toContain('hours.dispute');
    await h.ok(ADMIN, 'hours.answerDispute', { disputeId: d.id, answer: '已核实，另做更正记录' });
    entry = (await h.ok<MyHoursView>(LIU, 'hours.mine', {})).entries[0];
    expect(entry.dispute).toEqual({ statusLabel: '异议已答复', text: '我实际服务到12点', answer: '已核实，另做更正记录' });
    const inbox = await h.ok<{ items: Array<{ kind: string; page: string }> }>(LIU, 'notify.inbox', {});
    expect(inbox.items.find((m) => m.kind === 'hours.disputeAnswered')?.page).toBe('/pages/volunteer/hours/index');
  });
});

describe('my sign-ups offer 签到/签退 on the day of a booked shift', () => {
  test('not the day before, yes from an hour before the start until the forgotten check-out closes', async () => {
    const a = await seedActivity(h, { booked: [LIU], shifts: [[24 * HOUR, 26 * HOUR]] });
    const actions = async () => (await h.ok<{ items: SignupView[] }>(LIU, 'activity.mine', {})).items[0]?.allowedActions ?? [];
    expect(await actions()).not.toContain('activity.checkIn');
    h.clock.set(a.shifts[0].startAt - HOUR / 2);
    expect(await actions()).toContain('activity.checkIn');
    h.clock.set(a.shifts[0].endAt + 3 * HOUR);
    const past = await h.ok<{ items: SignupView[] }>(LIU, 'activity.mine', { when: 'past' });
    expect(past.items[0]?.allowedActions ?? []).not.toContain('activity.checkIn');
  });
});
