/**
 * The 公开日历 as the community lives it: a quarter ends, its disclosures fall due, the staff
 * are reminded, what is late goes to the supervisory committee and then is recorded as owed to
 * the subdistrict; publishing meets a due, on time or late, and the month's 公开及时率 counts it.
 * Residents' questions are chased the same way.
 */
import type { CalendarView, DueView, ItemView, QuestionView } from '../../../../../miniprogram/core/disclosure/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { appointCommittee, inbox, MEMBERS } from './committee-fixtures';
import { financeDraft, newDraft, publish } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  // The catalogue exists from the community's first day (T0, 28 November).
  await h.ok('demo-admin', 'disclosure.catalogue');
  await appointCommittee(h);
});
afterEach(() => h.close());

const beijing = (s: string) => Date.parse(`${s}+08:00`);
const calendar = (month?: string, who = 'demo-admin') => h.ok<CalendarView>(who, 'disclosure.calendar', month ? { month } : {});
const finance = (c: CalendarView): DueView => {
  const d = c.dues.find((x) => x.categoryKey === 'finance');
  if (!d) throw new Error(`no finance due in ${JSON.stringify(c.dues.map((x) => x.label))}`);
  return d;
};
const kinds = async (who: string) => (await inbox(h, who)).map((m) => m.kind);
const at = async (instant: string) => {
  h.clock.set(beijing(instant));
  await runSweep(h.deps);
};
const q4 = { title: '2026年第四季度财务收支', period: { kind: 'quarter', year: 2026, quarter: 4 } };

describe('a quarter that ends makes its disclosures due on the 15th of the next month', () => {
  it('lists the fourth quarter of every quarterly category on 1 January, none of them late yet', async () => {
    await at('2027-01-01T00:05:00');
    const c = await calendar();
    expect(c.month).toBe('2027-01');
    expect(c.dues.map((d) => d.categoryLabel)).toEqual(expect.arrayContaining(['财务收支', '救助与补贴款物']));
    expect(finance(c)).toMatchObject({ label: '2026年第四季度 财务收支', state: 'due', overdue: false, escalation: 'none', dueAt: beijing('2027-01-16T00:00:00') - 1 });
    expect(c.rate).toMatchObject({ onTime: 0, due: 0, rateText: '本月无到期事项' });
  });

  it('owes nothing for a quarter whose deadline passed before the community began', async () => {
    await at('2026-11-28T12:00:00');
    expect((await calendar('2026-10')).dues).toEqual([]);
  });

  it('makes each due once, however many sweeps run at once', async () => {
    h.clock.set(beijing('2027-01-01T00:05:00'));
    await Promise.all([runSweep(h.deps), runSweep(h.deps), runSweep(h.deps)]);
    const labels = (await calendar()).dues.map((d) => d.label);
    expect(labels).toHaveLength(new Set(labels).size);
    expect(labels.filter((l) => l.includes('财务收支'))).toHaveLength(1);
  });
});

describe('a due not met in time goes to the committee, then is owed to the subdistrict', () => {
  it('reminds the staff three days before, tells the committee at the deadline, records the subdistrict a week later', async () => {
    await at('2027-01-01T00:05:00');
    expect(await kinds('admins:demo')).not.toContain('disclosure.due');

    await at('2027-01-13T09:00:00');
    expect((await inbox(h, 'admins:demo')).filter((m) => m.kind === 'disclosure.due' && m.title.includes('财务收支'))).toHaveLength(1);
    expect(await kinds(MEMBERS.chair.who)).not.toContain('disclosure.escalated');

    await at('2027-01-16T00:05:00');
    expect(finance(await calendar())).toMatchObject({ overdue: true, escalation: 'committee' });
    const toChair = (await inbox(h, MEMBERS.chair.who)).filter((m) => m.kind === 'disclosure.escalated' && m.title.includes('财务收支'));
    expect(toChair).toHaveLength(1);
    expect(toChair[0].page).toBe('/disclosure/board/index');
    expect((await inbox(h, 'admins:demo')).some((m) => m.kind === 'disclosure.overdue' && m.title.includes('财务收支'))).toBe(true);
    // The committee reads the calendar too.
    expect(finance(await calendar(undefined, MEMBERS.chair.who)).escalation).toBe('committee');

    await at('2027-01-23T00:05:00');
    expect(finance(await calendar('2027-01')).escalation).toBe('subdistrict');
    const before = (await inbox(h, MEMBERS.chair.who)).length;
    await at('2027-02-10T00:05:00');
    expect((await inbox(h, MEMBERS.chair.who)).length).toBe(before);
    // Still unmet, it stays on February's calendar.
    expect(finance(await calendar('2027-02'))).toMatchObject({ state: 'due', overdue: true });
  });

  it('is audited as the record of what ran late', async () => {
    await at('2027-01-01T00:05:00');
    await at('2027-01-16T00:05:00');
    await at('2027-01-23T00:05:00');
    const page = await h.deps.store.query('events', {
      where: { communityId: 'demo', type: { $in: ['disclosure.overdue', 'disclosure.escalated'] } }, orderBy: { field: 'at', dir: 'asc' }, limit: 100,
    });
    const financeEvents = page.items.filter((e) => e.note?.includes('财务收支'));
    expect(financeEvents.map((e) => e.type)).toEqual(['disclosure.overdue', 'disclosure.escalated']);
    expect(financeEvents.every((e) => e.actorRole === 'system')).toBe(true);
  });
});

describe('publishing meets a due, and the on-time rate of the month counts it', () => {
  it('counts the finance published on the 10th on time, the four categories never published late', async () => {
    await at('2027-01-01T00:05:00');
    h.clock.set(beijing('2027-01-10T10:00:00'));
    expect((await publish(h, await newDraft(h, q4))).ok).toBe(true);
    expect(finance(await calendar())).toMatchObject({ state: 'met', onTime: true, overdue: false });
    await at('2027-01-20T10:00:00');
    const c = await calendar();
    expect(c.rate.due).toBe(c.dues.length);
    expect(c.rate).toMatchObject({ onTime: 1, rateText: `1/${c.rate.due}（${Math.floor(100 / c.rate.due)}%）` });
    // What was met is not chased.
    expect((await inbox(h, MEMBERS.chair.who)).filter((m) => m.kind === 'disclosure.escalated' && m.title.includes('财务收支'))).toEqual([]);
  });

  it('counts a late publication as met but not on time', async () => {
    await at('2027-01-01T00:05:00');
    await at('2027-01-16T00:05:00');
    h.clock.set(beijing('2027-01-18T10:00:00'));
    expect((await publish(h, await newDraft(h, q4))).ok).toBe(true);
    expect(finance(await calendar())).toMatchObject({ state: 'met', onTime: false, escalation: 'committee' });
    await at('2027-01-23T00:05:00');
    expect(finance(await calendar()).escalation).toBe('committee');
  });

  it('meets the due of a quarter published before the clock came round, and a correction changes nothing', async () => {
    h.clock.set(beijing('2026-12-31T18:00:00'));
    const item = await newDraft(h, q4);
    h.clock.set(beijing('2027-01-01T00:01:00'));
    expect((await publish(h, item)).ok).toBe(true);
    await at('2027-01-01T00:05:00');
    expect(finance(await calendar())).toMatchObject({ state: 'met', onTime: true, itemId: item.itemId });
    const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId: item.itemId, reason: '少记一笔收入' });
    h.clock.set(beijing('2027-01-20T10:00:00'));
    const edited = await h.ok<ItemView>('demo-grid-1', 'disclosure.draft', { ...financeDraft(q4), itemId: item.itemId, draftVersion: c.draft!.draftVersion }, key());
    expect((await publish(h, edited)).ok).toBe(true);
    expect(finance(await calendar())).toMatchObject({ state: 'met', onTime: true });
  });
});

describe('the calendar is for those who run and supervise the board', () => {
  it('refuses a resident who does not sit on the committee', async () => {
    const res = await h.call('demo-resident-2', 'disclosure.calendar', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('a question from a resident is chased until it is answered', () => {
  async function asked(): Promise<QuestionView> {
    const item = await newDraft(h);
    const res = await publish(h, item);
    if (!res.ok) throw new Error('publish');
    return h.ok<QuestionView>('demo-resident-2', 'disclosure.ask', { itemId: item.itemId, text: '楼道灯维修的是哪几栋楼？' }, key());
  }

  it('reminds the staff two days before the answer is due and copies the committee when it is late', async () => {
    const q = await asked();
    await at('2026-12-06T10:00:00');
    expect((await inbox(h, 'admins:demo')).filter((m) => m.kind === 'disclosure.questionDue')).toHaveLength(1);
    expect(await kinds(MEMBERS.chair.who)).not.toContain('disclosure.escalated');
    h.clock.set(q.dueAt + 60_000);
    await runSweep(h.deps);
    await runSweep(h.deps);
    const late = (await inbox(h, MEMBERS.chair.who)).filter((m) => m.kind === 'disclosure.escalated');
    expect(late).toHaveLength(1);
    expect(late[0].body).not.toContain('demo-resident-2');
  });

  it('is not chased once answered', async () => {
    const q = await asked();
    await h.ok('demo-admin', 'disclosure.answer', { questionId: q.questionId, text: '是1号楼和2号楼。' }, key());
    h.clock.set(q.dueAt + 60_000);
    await runSweep(h.deps);
    expect(await kinds('admins:demo')).not.toContain('disclosure.questionDue');
    expect(await kinds(MEMBERS.chair.who)).not.toContain('disclosure.escalated');
  });
});
