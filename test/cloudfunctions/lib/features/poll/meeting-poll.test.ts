import type { PaperBallotView, PollView } from '../../../../../miniprogram/core/poll/contract';
import type { Page } from '../../../../../miniprogram/core/action';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { openMeetingPoll } from '../../../../../cloudfunctions/lib/features/poll/meeting-poll';
import { closeNow } from '../../../../../cloudfunctions/lib/features/poll/close-poll';
import { tally } from '../../../../../cloudfunctions/lib/features/poll/tally';
import { freezeRule } from '../../../../../miniprogram/core/poll/rules';
import { censusFor, type CensusUnit } from '../../../../../cloudfunctions/lib/features/roll/census';
import type { IdentifiedCaller } from '../../../../../cloudfunctions/lib/kernel/caller';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { addFamily, HOUR } from '../../../../support/polls';

let h: Harness;
let db: ScopedStore;
let census: CensusUnit[];
beforeEach(async () => {
  h = await createHarness();
  await addFamily(h);
  db = new ScopedStore(h.deps.store, 'demo');
  census = await censusFor(db, 'household', { scope: 'community', ids: [] }, 'perOwner');
});
afterEach(() => h.close());

const admin = { openid: 'demo-admin', memberId: member('demo-admin'), roles: ['admin'], communityId: 'demo', gridIds: [], name: '王书记' } as unknown as IdentifiedCaller;
const householdOf = (openid: string) => census.find((u) => u.voterIds.includes(member(openid))) as CensusUnit;

/** A meeting vote on the two demo households present, against a roll of `base` households. */
async function meetingPoll(o: { base?: number; present?: CensusUnit[]; channels?: Array<'app' | 'meeting' | 'hands'> } = {}) {
  const present = o.present ?? [householdOf('demo-resident-1'), householdOf('demo-resident-2')];
  return openMeetingPoll(db, h.deps, {
    meetingId: 'm1', itemId: 'i1', round: 1, title: '增设快递柜', description: '', eligibilityText: '居民会议到会人员',
    options: [{ id: 'o1', label: '同意' }, { id: 'o2', label: '不同意' }], secret: false, unit: 'household',
    rule: freezeRule('URC-2018', {}), channels: o.channels ?? ['app', 'meeting'], gridIds: [],
    base: { size: o.base ?? 3, areaCenti: 0, hash: 'f'.repeat(64) },
    present: { units: present.length, areaCenti: 0 }, units: present, closesAt: h.clock.now() + 6 * HOUR, by: admin, now: h.clock.now(),
  });
}

describe('a meeting vote is found on its meeting, not among the polls', () => {
  it('leaves it out of poll.list for staff and residents alike', async () => {
    const poll = await meetingPoll();
    for (const who of ['demo-admin', 'demo-resident-1']) {
      const page = await h.ok<Page<PollView>>(who, 'poll.list', { when: 'current' });
      expect(page.items.map((p) => p.id)).not.toContain(poll._id);
    }
  });

  it('shows it to a resident present (on its roll) and to nobody else', async () => {
    const poll = await meetingPoll({ present: [householdOf('demo-resident-1')] });
    const seen = await h.ok<PollView>('demo-resident-1', 'poll.get', { pollId: poll._id });
    expect(seen).toMatchObject({ eligible: true, eligibility: { scope: 'meeting', text: '居民会议到会人员' }, rollSize: 3 });
    expect(seen.allowedActions).toContain('poll.vote');
    const other = await h.call('demo-resident-2', 'poll.get', { pollId: poll._id });
    expect(!other.ok && other.error.code).toBe('NOT_FOUND');
  });

  it('is closed by the meeting only: poll.close and poll.recordHands refuse it', async () => {
    const poll = await meetingPoll({ channels: ['hands'] });
    const close = await h.call('demo-admin', 'poll.close', { pollId: poll._id, reason: '提前结束' });
    expect(!close.ok && close.error.code).toBe('FORBIDDEN');
    const hands = await h.call('demo-admin', 'poll.recordHands', { pollId: poll._id, present: 2, counts: { o1: 2 }, abstain: 0 });
    expect(!hands.ok && hands.error.code).toBe('FORBIDDEN');
    expect((await h.ok<PollView>('demo-admin', 'poll.get', { pollId: poll._id })).allowedActions).not.toContain('poll.close');
  });

  it('opens once: a second opening returns the same poll and leaves one bucket set', async () => {
    const [a, b] = await Promise.all([meetingPoll(), meetingPoll()]);
    expect(a._id).toBe(b._id);
    const buckets = await h.deps.store.query('pollRolls', { where: { communityId: 'demo', pollId: a._id }, orderBy: { field: '_id', dir: 'asc' }, limit: 100 });
    expect(buckets.items.map((d) => d.freezeId)).toEqual([a.roll?.freezeId]);
  });
});

describe('a meeting entry by staff counts at once, without a second keying', () => {
  it('is counted as entered and the unit then refuses an app vote', async () => {
    const poll = await meetingPoll();
    const entry = await h.ok<PaperBallotView>('demo-admin', 'poll.enterPaperBallot', { pollId: poll._id, unitKey: householdOf('demo-resident-1').unitKey, channel: 'meeting', choice: { optionIds: ['o1'] } });
    expect(entry.pending).toBe(false);
    const app = await h.call('demo-resident-1', 'poll.vote', { pollId: poll._id, choice: { optionIds: ['o2'] } });
    expect(!app.ok && app.error.code).toBe('CONFLICT');
  });
});

describe('approval is a majority of those present (出席人的过半数)', () => {
  it('rejects an item one of three present approved, though nobody voted against', async () => {
    const third = census.find((u) => u.voterIds.length === 0) as CensusUnit;
    const poll = await meetingPoll({ base: 4, present: [householdOf('demo-resident-1'), householdOf('demo-resident-2'), third] });
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll._id, choice: { optionIds: ['o1'] } });
    const closed = await closeNow(db, (await db.get('polls', poll._id))!, 'system', null, h.clock.now());
    const t = await tally(h.deps, db, closed);
    expect(t.ballots).toBe(1);
    expect(t.decision.options[0].adopted).toBe(false);
    expect(t.decision.explanation).toContain('到会3户');
    expect(t.decision.explanation).toContain('同意1户（需>1.5户）');
  });

  it('adopts it when two of three present approve', async () => {
    const third = census.find((u) => u.voterIds.length === 0) as CensusUnit;
    const poll = await meetingPoll({ base: 4, present: [householdOf('demo-resident-1'), householdOf('demo-resident-2'), third] });
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll._id, choice: { optionIds: ['o1'] } });
    await h.ok('demo-resident-2', 'poll.vote', { pollId: poll._id, choice: { optionIds: ['o1'] } });
    const closed = await closeNow(db, (await db.get('polls', poll._id))!, 'system', null, h.clock.now());
    const t = await tally(h.deps, db, closed);
    expect(t.decision.options[0].adopted).toBe(true);
    expect(t.decision.explanation).toMatch(/→ 通过/);
  });
});
