/**
 * Whom the gate masks and whom it leaves named: residents masked; staff, department contacts
 * and the committee sitting today (China time) named — a term not yet begun, ended or
 * replaced does not keep its members named.
 */
import { gateNames } from '../../../../../cloudfunctions/lib/features/disclosure/gate-names';
import { communityDay as chinaDay } from '../../../../../cloudfunctions/lib/features/supervision/committee';
import type { TermRecord } from '../../../../../cloudfunctions/lib/features/supervision/records';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { createHarness, member, T0, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const db = () => new ScopedStore(h.deps.store, 'demo');

async function addMember(openid: string, name: string, roles: string[]) {
  const now = h.clock.now();
  await h.deps.store.insert('members', {
    _id: member(openid), openid, communityId: 'demo', roles: roles as never, gridIds: [], householdId: null, household: null, name, version: 1, createdAt: now, updatedAt: now,
  });
}

async function addTerm(startsOn: string, endsOn: string, names: string[], endedOn: string | null = null) {
  const term: TermRecord = {
    _id: `term_demo_${startsOn}`, communityId: 'demo', chosenBy: 'residentsMeeting', meetingId: null, meetingTitle: null, startsOn, endsOn, endedOn,
    members: names.map((name, i) => ({ memberId: null, name, position: i === 0 ? 'chair' : 'member' })), roleState: 'granted', wakeAt: null, createdById: member('demo-admin'), createdAt: T0, version: 1,
  };
  await h.deps.store.insert('committeeTerms', term);
}

describe('residents are masked, officers named', () => {
  it('masks a resident, keeps an admin, a grid worker and a department contact', async () => {
    await addMember('gn-resident', '钱多多', ['resident']);
    await addMember('gn-admin', '孔主任', ['admin']);
    await addMember('gn-grid', '严网格', ['gridWorker']);
    await addMember('gn-dept', '卫联络', ['department']);
    const names = await gateNames(db(), T0);
    expect(names.knownNames).toContain('钱多多');
    expect(names.keepNames).toEqual(expect.arrayContaining(['孔主任', '严网格', '卫联络']));
    expect(names.keepNames).not.toContain('钱多多');
  });

  it('adds the names a source hands over', async () => {
    const names = await gateNames(db(), T0, { knownNames: ['花名册甲'], keepNames: ['提案人乙'] });
    expect(names.knownNames).toContain('花名册甲');
    expect(names.keepNames).toContain('提案人乙');
  });
});

describe('the committee sitting today stays named, no other term', () => {
  it('keeps the sitting term, including members without an account, and masks a resident of an ended term', async () => {
    await addMember('gn-old', '冯旧委', ['resident']);
    await addTerm('2023-01-01', '2025-12-31', ['冯旧委']);
    await addTerm('2026-01-01', '2028-12-31', ['褚主任委', '无账号委员']);
    const names = await gateNames(db(), T0);
    expect(names.keepNames).toEqual(expect.arrayContaining(['褚主任委', '无账号委员']));
    expect(names.keepNames).not.toContain('冯旧委');
    expect(names.knownNames).toContain('冯旧委');
  });

  it('does not keep a term replaced early (endedOn set) or one not yet begun', async () => {
    await addTerm('2026-01-01', '2028-12-31', ['蒋已替换'], '2026-06-01');
    await addTerm('2026-12-01', '2029-11-30', ['沈未开始']);
    const names = await gateNames(db(), T0);
    expect(names.keepNames).not.toContain('蒋已替换');
    expect(names.keepNames).not.toContain('沈未开始');
  });

  it('counts days in China time: a term starting at Beijing midnight sits from 16:00 UTC the day before', async () => {
    const start = Date.UTC(2026, 11, 1, 0, 0, 0) - 8 * 3600 * 1000; // 2026-12-01 00:00 Beijing
    expect(chinaDay(start - 1)).toBe('2026-11-30');
    expect(chinaDay(start)).toBe('2026-12-01');
    await addTerm('2026-12-01', '2029-11-30', ['韩新委']);
    expect((await gateNames(db(), start - 1)).keepNames).not.toContain('韩新委');
    expect((await gateNames(db(), start)).keepNames).toContain('韩新委');
  });
});
