import type { PollResultView, PollView, PaperBallotView, PollRollEntryView } from '../../../../../miniprogram/core/poll/contract';
import type { Page } from '../../../../../miniprogram/core/action';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, type Harness } from '../../../../support/harness';
import { addFamily, addSecondAdmin, DAY, makePoll } from '../../../../support/polls';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await addFamily(h);
  await addSecondAdmin(h);
});
afterEach(() => h.close());

const results = (who: string, pollId: string) => h.ok<PollResultView>(who, 'poll.results', { pollId });

describe('while a poll is open nobody sees a result', () => {
  it('gives every role only participation, labelled as such', async () => {
    const poll = await makePoll(h);
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    for (const who of ['demo-admin', 'demo-admin-2', 'demo-resident-1', 'demo-resident-2', 'demo-grid-1']) {
      const r = await results(who, poll.id);
      expect(r).toMatchObject({ stage: 'sealed', result: null, participation: 1 });
      expect(r.participationText).toBe('已投票1户（投票人次，非结果）');
    }
  });
});

describe('after close', () => {
  it('closes by itself at its time, in the sweep', async () => {
    const poll = await makePoll(h, { lasts: DAY });
    h.clock.advance(DAY);
    await runSweep(h.deps);
    expect((await h.deps.store.get('polls', poll.id))?.status).toBe('closed');
  });
  it('shows the staff the count and residents only that it awaits publishing', async () => {
    const poll = await makePoll(h, { lasts: DAY });
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    await h.ok('demo-resident-2', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o2'] } });
    h.clock.advance(DAY);
    const staff = await results('demo-admin', poll.id);
    expect(staff.stage).toBe('ready');
    expect(staff.result?.options.map((o) => [o.label, o.units])).toEqual([['赞成', 1], ['反对', 1]]);
    const resident = await results('demo-resident-1', poll.id);
    expect(resident).toMatchObject({ stage: 'awaitingPublish', result: null });
  });
  it('waits for every paper entry to be confirmed before counting or publishing', async () => {
    const poll = await makePoll(h, { lasts: DAY });
    const unit = (await h.ok<Page<PollRollEntryView>>('demo-admin', 'poll.roll', { pollId: poll.id, search: '3号楼' })).items[0];
    const entry = await h.ok<PaperBallotView>('demo-grid-2', 'poll.enterPaperBallot', { pollId: poll.id, unitKey: unit.unitKey, choice: { optionIds: ['o1'] } });
    h.clock.advance(DAY);
    expect((await results('demo-admin', poll.id))).toMatchObject({ stage: 'counting', result: null });
    const early = await h.call('demo-admin-2', 'poll.publish', { pollId: poll.id });
    expect(!early.ok && early.error.code).toBe('CONFLICT');
    await h.ok('demo-admin', 'poll.confirmPaperBallot', { ballotId: entry.ballotId, choice: { optionIds: ['o1'] } });
    expect((await results('demo-admin', poll.id)).result?.byChannel).toEqual([{ channelLabel: '纸质选票', ballots: 1 }]);
  });
});

describe('publishing takes a second admin', () => {
  it('refuses the admin who made the poll and lets another publish', async () => {
    const poll = await makePoll(h, { lasts: DAY });
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    h.clock.advance(DAY);
    const own = await h.call('demo-admin', 'poll.publish', { pollId: poll.id });
    expect(!own.ok && own.error.message).toBe('须由发起人以外的另一位管理员公布结果');
    const done = await h.ok<PollResultView>('demo-admin-2', 'poll.publish', { pollId: poll.id });
    expect(done.stage).toBe('published');
    const resident = await results('demo-resident-2', poll.id);
    expect(resident.stage).toBe('published');
    expect(resident.result?.publishedByName).toBe('李主任');
    expect(resident.result?.voters).toBeNull();
    expect(resident.result?.openTexts).toBeNull();
  });
  it('explains the result with every number, the rule and the roll’s hash', async () => {
    const poll = await makePoll(h, { lasts: DAY });
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    await h.ok('demo-resident-2', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    h.clock.advance(DAY);
    const r = (await h.ok<PollResultView>('demo-admin-2', 'poll.publish', { pollId: poll.id })).result;
    const size = (await h.deps.store.get('polls', poll.id))?.roll?.size ?? 0;
    expect(size).toBeGreaterThan(2);
    expect(r?.rollSize).toBe(size);
    expect(r?.rollHash).toMatch(/^[0-9a-f]{16}$/);
    expect(r?.explanation).toContain(`${size}户；参与2户`);
    expect(r?.valid).toBe(2 * 2 > size);
  });
});

describe('an open ballot shows staff who chose what; a secret one never does', () => {
  it('lists the voters of an open ballot to staff after close', async () => {
    const open = await makePoll(h, { lasts: DAY, secret: false, openTextLabel: '其他意见' });
    const secret = await makePoll(h, { lasts: DAY, secret: true, openTextLabel: '其他意见' });
    for (const p of [open, secret]) await h.ok('demo-resident-1', 'poll.vote', { pollId: p.id, choice: { optionIds: ['o2'] }, openText: '希望装在北门' });
    h.clock.advance(DAY);
    expect((await results('demo-admin', open.id)).result?.voters).toEqual([{ unitLabel: expect.stringContaining('1号楼'), name: '刘阿姨', choiceLabels: ['反对'] }]);
    const s = (await results('demo-admin', secret.id)).result;
    expect(s?.voters).toBeNull();
    expect(s?.openTexts).toEqual(['希望装在北门']);
  });
});

describe('a show of hands', () => {
  it('records attendance and hands once, and decides from them', async () => {
    const poll = await makePoll(h, { channels: ['hands'], secret: false, lasts: DAY });
    const view = await h.ok<PollView>('demo-admin', 'poll.get', { pollId: poll.id });
    const size = view.rollSize ?? 0;
    const tooMany = await h.call('demo-admin', 'poll.recordHands', { pollId: poll.id, present: size, counts: { o1: size, o2: 1 } });
    expect(!tooMany.ok && tooMany.error.code).toBe('VALIDATION_ERROR');
    await h.ok('demo-admin', 'poll.recordHands', { pollId: poll.id, present: size, counts: { o1: size - 1, o2: 1 } });
    const again = await h.call('demo-admin', 'poll.recordHands', { pollId: poll.id, present: size, counts: { o1: size } });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
    await h.ok('demo-admin', 'poll.close', { pollId: poll.id, reason: '会议表决结束' });
    const r = (await results('demo-admin', poll.id)).result;
    expect(r?.options[0]).toMatchObject({ units: size - 1, adopted: true });
  });
});

describe('ending early and withdrawing', () => {
  it('asks a reason to end early', async () => {
    const poll = await makePoll(h);
    const bare = await h.call('demo-admin', 'poll.close', { pollId: poll.id });
    expect(!bare.ok && bare.error.code).toBe('VALIDATION_ERROR');
    expect((await h.ok<PollView>('demo-admin', 'poll.close', { pollId: poll.id, reason: '议题已撤回' })).status).toBe('closed');
  });
  it('withdraws a poll not yet open, and not one that opened', async () => {
    const later = await makePoll(h, { opensIn: DAY });
    expect((await h.ok<PollView>('demo-admin', 'poll.cancel', { pollId: later.id, reason: '时间冲突' })).status).toBe('cancelled');
    const now = await makePoll(h);
    const res = await h.call('demo-admin', 'poll.cancel', { pollId: now.id, reason: '时间冲突' });
    expect(!res.ok && res.error.code).toBe('CLOSED');
  });
});
