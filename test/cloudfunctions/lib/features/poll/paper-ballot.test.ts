import type { PaperBallotView, PollRollEntryView, PollView } from '../../../../../miniprogram/core/poll/contract';
import type { Page } from '../../../../../miniprogram/core/action';
import { createHarness, type Harness } from '../../../../support/harness';
import { makePoll } from '../../../../support/polls';

let h: Harness;
let poll: PollView;
let unitOf: (label: string) => Promise<PollRollEntryView>;
beforeEach(async () => {
  h = await createHarness();
  poll = await makePoll(h, { channels: ['app', 'paper', 'meeting'] });
  unitOf = async (search) => (await h.ok<Page<PollRollEntryView>>('demo-admin', 'poll.roll', { pollId: poll.id, search })).items[0];
});
afterEach(() => h.close());

const enter = (who: string, unitKey: string, choice: unknown, channel: 'paper' | 'meeting' = 'paper') => h.call<PaperBallotView>(who, 'poll.enterPaperBallot', { pollId: poll.id, unitKey, choice, channel });

describe('one ballot per unit across channels', () => {
  it('refuses a paper entry for a household that voted in the app, naming how', async () => {
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    const unit = await unitOf('1号楼');
    expect(unit).toMatchObject({ voted: true, channelLabel: '小程序投票' });
    const res = await enter('demo-grid-1', unit.unitKey, { optionIds: ['o2'] });
    expect(!res.ok && res.error.code).toBe('CONFLICT');
    expect(!res.ok && res.error.message).toContain('已经投过票（小程序投票）');
  });
  it('refuses an app vote for a household whose paper ballot was entered', async () => {
    const unit = await unitOf('1号楼');
    await h.ok('demo-grid-1', 'poll.enterPaperBallot', { pollId: poll.id, unitKey: unit.unitKey, choice: { optionIds: ['o2'] } });
    const res = await h.call('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    expect(!res.ok && res.error.code).toBe('CONFLICT');
  });
  it('lets an app vote racing a paper entry leave one ballot', async () => {
    const unit = await unitOf('1号楼');
    const results = await Promise.all([
      h.call('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } }),
      enter('demo-grid-1', unit.unitKey, { optionIds: ['o2'] }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const ballots = await h.deps.store.query('ballots', { where: { communityId: 'demo', pollId: poll.id }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    expect(ballots.items).toHaveLength(1);
  });
});

describe('a paper ballot counts only when a second person keys it in the same', () => {
  it('refuses the person who entered it', async () => {
    const unit = await unitOf('1号楼');
    const entry = await h.ok<PaperBallotView>('demo-grid-1', 'poll.enterPaperBallot', { pollId: poll.id, unitKey: unit.unitKey, choice: { optionIds: ['o2'] } });
    expect(entry.pending).toBe(true);
    const res = await h.call('demo-grid-1', 'poll.confirmPaperBallot', { ballotId: entry.ballotId, choice: { optionIds: ['o2'] } });
    expect(!res.ok && res.error.message).toBe('须由录入人以外的另一位工作人员复核');
  });
  it('refuses marks that differ, then counts the same marks', async () => {
    const unit = await unitOf('1号楼');
    const entry = await h.ok<PaperBallotView>('demo-grid-1', 'poll.enterPaperBallot', { pollId: poll.id, unitKey: unit.unitKey, choice: { optionIds: ['o2'] } });
    const pending = await h.ok<Page<PaperBallotView>>('demo-admin', 'poll.pendingPaper', { pollId: poll.id });
    expect(pending.items.map((p) => p.unitLabel)).toEqual([unit.label]);
    expect(pending.items[0].enteredByMe).toBe(false);
    expect((await h.ok<Page<PaperBallotView>>('demo-grid-1', 'poll.pendingPaper', { pollId: poll.id })).items[0].enteredByMe).toBe(true);
    expect(JSON.stringify(pending)).not.toContain('o2');
    const wrong = await h.call('demo-admin', 'poll.confirmPaperBallot', { ballotId: entry.ballotId, choice: { optionIds: ['o1'] } });
    expect(!wrong.ok && wrong.error.code).toBe('CONFLICT');
    const right = await h.ok<PaperBallotView>('demo-admin', 'poll.confirmPaperBallot', { ballotId: entry.ballotId, choice: { optionIds: ['o2'] } });
    expect(right.pending).toBe(false);
    expect((await h.ok<Page<PaperBallotView>>('demo-admin', 'poll.pendingPaper', { pollId: poll.id })).items).toEqual([]);
  });
  it('returning an entry frees the unit for a corrected entry', async () => {
    const unit = await unitOf('1号楼');
    const entry = await h.ok<PaperBallotView>('demo-grid-1', 'poll.enterPaperBallot', { pollId: poll.id, unitKey: unit.unitKey, choice: { optionIds: ['o2'] } });
    await h.ok('demo-admin', 'poll.confirmPaperBallot', { ballotId: entry.ballotId, reject: '录错了户' });
    expect((await unitOf('1号楼')).voted).toBe(false);
    expect((await enter('demo-grid-1', unit.unitKey, { optionIds: ['o1'] })).ok).toBe(true);
  });
  it('a vote recorded in a meeting counts at once', async () => {
    const unit = await unitOf('3号楼');
    const entry = await h.ok<PaperBallotView>('demo-grid-2', 'poll.enterPaperBallot', { pollId: poll.id, unitKey: unit.unitKey, channel: 'meeting', choice: { abstain: true } });
    expect(entry).toMatchObject({ pending: false, channelLabel: '会议现场表决' });
  });
});

describe('who may enter paper', () => {
  it('refuses residents', async () => {
    const unit = await unitOf('1号楼');
    const res = await enter('demo-resident-1', unit.unitKey, { optionIds: ['o1'] });
    expect(!res.ok && res.error.code).toBe('FORBIDDEN');
  });
  it('lets grid workers collect the paper of their own grid in a community-wide poll, not of another', async () => {
    const mine = await unitOf('1号楼');
    const theirs = await unitOf('3号楼');
    const roll = await h.ok<Page<PollRollEntryView>>('demo-grid-1', 'poll.roll', { pollId: poll.id });
    expect(roll.items.map((u) => u.label).every((l) => /^[12]号楼/.test(l))).toBe(true);
    expect((await enter('demo-grid-1', mine.unitKey, { optionIds: ['o1'] })).ok).toBe(true);
    const refused = await enter('demo-grid-1', theirs.unitKey, { optionIds: ['o1'] });
    expect(!refused.ok && refused.error.code).toBe('NOT_FOUND');
  });
  it('lets a grid worker enter paper in a poll of their own grid', async () => {
    poll = await makePoll(h, { by: 'demo-grid-1', eligibility: { scope: 'grids', ids: [h.ids['第一网格']] } });
    const entries = await h.ok<Page<PollRollEntryView>>('demo-grid-1', 'poll.roll', { pollId: poll.id });
    expect(entries.items.every((u) => u.label.startsWith('1号楼') || u.label.startsWith('2号楼'))).toBe(true);
    expect((await enter('demo-grid-1', entries.items[0].unitKey, { optionIds: ['o1'] })).ok).toBe(true);
    const other = await h.call('demo-grid-2', 'poll.roll', { pollId: poll.id });
    expect(!other.ok && other.error.code).toBe('FORBIDDEN');
  });
});
