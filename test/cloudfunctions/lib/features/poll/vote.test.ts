import type { MyBallotView, PollView } from '../../../../../miniprogram/core/poll/contract';
import { createHarness, type Harness } from '../../../../support/harness';
import { addFamily, DAY, makePoll } from '../../../../support/polls';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await addFamily(h);
});
afterEach(() => h.close());

const vote = (who: string, pollId: string, choice: unknown, extra: Record<string, unknown> = {}) => h.call<MyBallotView>(who, 'poll.vote', { pollId, choice, ...extra });

describe('one ballot per household (一户一票)', () => {
  it('counts the first ballot of a household and tells the others who voted', async () => {
    const poll = await makePoll(h);
    const first = await h.ok<MyBallotView>('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    expect(first).toMatchObject({ voted: true, byMe: true, counted: true, channelLabel: '小程序投票' });
    const second = await vote('demo-family-1', poll.id, { optionIds: ['o2'] });
    expect(!second.ok && second.error.code).toBe('CONFLICT');
    expect(!second.ok && second.error.message).toBe('您家已由刘阿姨投票，一户一票，不能再投');
    const seen = await h.ok<MyBallotView>('demo-family-1', 'poll.myBallot', { pollId: poll.id });
    expect(seen).toMatchObject({ voted: true, byMe: false, byName: '刘阿姨', receipt: null, choiceLabels: null, cannotVote: '您家已经投过票，一户一票' });
  });

  it('takes 50 taps of one resident as one ballot, each answered with it', async () => {
    const poll = await makePoll(h);
    const answers = await Promise.all(Array.from({ length: 50 }, () => vote('demo-resident-1', poll.id, { optionIds: ['o1'] })));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(new Set(answers.map((a) => a.ok && a.data.receipt)).size).toBe(1);
    const ballots = await h.deps.store.query('ballots', { where: { communityId: 'demo', pollId: poll.id }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 });
    expect(ballots.items).toHaveLength(1);
    expect((await h.ok<PollView>('demo-resident-1', 'poll.get', { pollId: poll.id })).participation).toBe(1);
  });

  it('lets two of one household racing leave exactly one ballot', async () => {
    const poll = await makePoll(h);
    const [a, b] = await Promise.all([vote('demo-resident-1', poll.id, { optionIds: ['o1'] }), vote('demo-family-1', poll.id, { optionIds: ['o2'] })]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const ballots = await h.deps.store.query('ballots', { where: { communityId: 'demo', pollId: poll.id }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 });
    expect(ballots.items).toHaveLength(1);
  });
});

describe('one ballot per adult resident', () => {
  it('gives each member of a household their own ballot', async () => {
    const poll = await makePoll(h, { unit: 'person' });
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    await h.ok('demo-family-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o2'] } });
    expect((await h.ok<PollView>('demo-admin', 'poll.get', { pollId: poll.id })).participation).toBe(2);
  });
});

describe('who may vote', () => {
  it('refuses a resident outside the poll’s buildings with FORBIDDEN', async () => {
    const poll = await makePoll(h, { eligibility: { scope: 'buildings', ids: [h.ids['3号楼']] } });
    const res = await vote('demo-resident-1', poll.id, { optionIds: ['o1'] });
    expect(!res.ok && res.error.code).toBe('FORBIDDEN');
    expect((await vote('demo-resident-2', poll.id, { optionIds: ['o1'] })).ok).toBe(true);
  });
  it('refuses someone bound after the roll froze', async () => {
    const poll = await makePoll(h);
    await addFamily(h, 'demo-late-1', '102');
    const res = await vote('demo-late-1', poll.id, { optionIds: ['o1'] });
    expect(!res.ok && res.error.code).toBe('FORBIDDEN');
    expect(!res.ok && res.error.message).toBe('您不在本次投票的名册上，不能投票');
  });
  it('says CLOSED before the poll opens and after it closes', async () => {
    const later = await makePoll(h, { opensIn: DAY });
    const early = await vote('demo-resident-1', later.id, { optionIds: ['o1'] });
    expect(!early.ok && [early.error.code, early.error.message]).toEqual(['CLOSED', '投票尚未开始']);
    const now = await makePoll(h, { lasts: DAY });
    h.clock.advance(DAY);
    const late = await vote('demo-resident-1', now.id, { optionIds: ['o1'] });
    expect(!late.ok && [late.error.code, late.error.message]).toEqual(['CLOSED', '投票已结束']);
  });
});

describe('the marks on a ballot', () => {
  it('holds a multiple choice to its min and max, naming the field', async () => {
    const poll = await makePoll(h, { options: ['周一', '周三', '周五', '周六'], minPicks: 2, maxPicks: 3, rule: { id: 'none' } });
    const few = await vote('demo-resident-1', poll.id, { optionIds: ['o1'] });
    expect(!few.ok && few.error).toMatchObject({ code: 'VALIDATION_ERROR', message: '请选择2至3项' });
    const unknown = await vote('demo-resident-1', poll.id, { optionIds: ['o1', 'o9'] });
    expect(!unknown.ok && unknown.error.code).toBe('VALIDATION_ERROR');
    expect((await vote('demo-resident-1', poll.id, { optionIds: ['o1', 'o4'] })).ok).toBe(true);
  });
  it('takes abstention as a ballot: it counts as taking part', async () => {
    const poll = await makePoll(h);
    expect((await vote('demo-resident-1', poll.id, { abstain: true })).ok).toBe(true);
    expect((await h.ok<PollView>('demo-resident-1', 'poll.get', { pollId: poll.id })).participation).toBe(1);
  });
});

describe('a voter’s receipt', () => {
  it('on a secret ballot says it was counted and nothing of the choice', async () => {
    const poll = await makePoll(h, { secret: true });
    const mine = await h.ok<MyBallotView>('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o2'] } });
    expect(mine.receipt).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(mine.choiceLabels).toBeNull();
    expect(JSON.stringify(await h.ok('demo-resident-1', 'poll.myBallot', { pollId: poll.id }))).not.toContain('反对');
  });
  it('on an open ballot shows the voter what they chose', async () => {
    const poll = await makePoll(h, { secret: false });
    const mine = await h.ok<MyBallotView>('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o2'] } });
    expect(mine.choiceLabels).toEqual(['反对']);
  });
  it('keeps the choice sealed in the store', async () => {
    const poll = await makePoll(h, { secret: false });
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o2'] } });
    const stored = await h.deps.store.query('ballots', { where: { communityId: 'demo', pollId: poll.id }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    // Quoted: the sealed text is base64url, which may hold the letters o2 but never a quote.
    for (const plain of ['"o2"', 'optionIds', '反对']) expect(JSON.stringify(stored.items)).not.toContain(plain);
    expect(JSON.parse(h.deps.cipher.decrypt(stored.items[0].choiceSealed))).toEqual({ optionIds: ['o2'] });
  });
});
