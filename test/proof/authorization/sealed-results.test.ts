/**
 * Sealed results, proven from the matrix. A poll is open with ballots whose choices are
 * known — 赞成 3 (刘阿姨 in the app, 4号楼1单元101 in a meeting, 2号楼1单元301 on paper, still
 * waiting for its second keying), 反对 1 (马大爷 in the app), 弃权 1 (2号楼1单元302 in a
 * meeting, with an open-text answer naming 紫藤) — and every action of the poll and roll
 * features, plus every screen that lists or exports (下载我的数据, the audit log, the inbox,
 * meta…), is called by every kind of caller with the matrix's fixture input pointed at this
 * poll. No answer may carry a tally: no option counts, no abstain count, no `result` but
 * null, no decision or explanation (the real one, taken from a closed copy, is searched for
 * verbatim), no open texts, no voters, no choice but the caller's own, not the open-text
 * word. Then the poll closes: nobody sees a count while a paper ballot waits, those who
 * manage it see the tally once it is confirmed, residents only after it is published; and
 * the stored ballots hold no choice in the clear.
 */
import type { ActionDescription } from '../../../miniprogram/core/meta/contract';
import type { PaperBallotView, PollResultView, PollView } from '../../../miniprogram/core/poll/contract';
import type { BallotRecord } from '../../../cloudfunctions/lib/features/poll/records';
import { householdIdFor } from '../../../cloudfunctions/lib/features/member/household';
import { makePoll } from '../../support/polls';
import { codeOf, describeActions, envelopeProblem, show, type AnyEnvelope } from '../support/envelope';
import { leaksFor } from '../support/privacy';
import { baseSnapshot, CALLERS, CALLER_KINDS, key, restore, snapshot, type CallerKind, type Snapshot, type World } from '../support/world';
import { actionOf, builders, paperHousehold, POLL_MAKER } from './fixtures';

const WORD = '紫藤';
const OPEN_TEXT = `希望在${WORD}架下给老人留出休息的地方`;
const OPTIONS = ['赞成', '反对'];

/** Lists and exports outside the two features that could carry a ballot or a count. */
const OTHER_SCREENS = ['privacy.export', 'audit.log', 'notify.inbox', 'notify.unreadCount', 'meta.describe', 'member.me', 'moderation.queue', 'concern.export'];

/** What each caller chose themself (an open ballot shows the voter their own choice). */
const OWN_CHOICE: Partial<Record<CallerKind, string[]>> = { resident: ['赞成'], otherResident: ['反对'] };

interface Sealed {
  pollId: string;
  /** 2号楼1单元301's paper ballot, keyed in by 李秀英, not yet confirmed. */
  pendingBallot: string;
  /** unit label → the choice on its ballot, as the staff's voter list will show it. */
  expected: Record<string, string[]>;
}

let base: Snapshot;
let sealedSnap: Snapshot;
/** The same poll, still open, its paper ballot confirmed: nothing waits that could hide a tally. */
let countedSnap: Snapshot;
let sealed: Sealed;
let catalogue: Map<string, ActionDescription>;
/** The tally's own words (explanation, each option's test line), read from a closed copy. */
let reveals: string[];

const households = (w: World) => ({
  hers: householdIdFor('demo', w.ids.b1, '1', '101'),
  his: householdIdFor('demo', w.ids.b3, '2', '302'),
  meetingYes: householdIdFor('demo', w.h.ids['4号楼'], '1', '101'),
  meetingAbstain: householdIdFor('demo', w.ids.b2, '1', '302'),
  paperYes: householdIdFor('demo', w.ids.b2, '1', '301'),
});

beforeAll(async () => {
  base = await baseSnapshot();
  const w = await restore(base);
  try {
    catalogue = await describeActions(w.h);
    const h = w.h;
    // Two more households of grid 1 nobody has bound: they vote on paper or in a meeting.
    await h.ok('demo-admin', 'member.issueInvites', { households: [{ buildingId: w.ids.b2, unit: '1', room: '301' }, { buildingId: w.ids.b2, unit: '1', room: '302' }] });
    const poll = await makePoll(h, {
      by: POLL_MAKER, unit: 'household', secret: false, openTextLabel: '其他意见', options: OPTIONS,
      channels: ['app', 'paper', 'meeting'], eligibility: { scope: 'community' },
    });
    const u = households(w);
    await h.ok('demo-resident-1', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o1'] } });
    await h.ok('demo-resident-2', 'poll.vote', { pollId: poll.id, choice: { optionIds: ['o2'] } });
    await h.ok('demo-admin', 'poll.enterPaperBallot', { pollId: poll.id, unitKey: u.meetingYes, channel: 'meeting', choice: { optionIds: ['o1'] } });
    await h.ok('demo-admin', 'poll.enterPaperBallot', { pollId: poll.id, unitKey: u.meetingAbstain, channel: 'meeting', choice: { abstain: true }, openText: OPEN_TEXT });
    const paper = await h.ok<PaperBallotView>('demo-grid-1', 'poll.enterPaperBallot', { pollId: poll.id, unitKey: u.paperYes, channel: 'paper', choice: { optionIds: ['o1'] } });
    expect((await h.ok<PollView>('demo-admin', 'poll.get', { pollId: poll.id })).participation).toBe(5);
    const labels = new Map((await h.deps.store.query<BallotRecord>('ballots', { where: { communityId: 'demo', pollId: poll.id }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 })).items.map((b) => [b.unitKey, b.unitLabel]));
    const expected: Record<string, string[]> = {};
    for (const [unit, choice] of [[u.hers, '赞成'], [u.his, '反对'], [u.meetingYes, '赞成'], [u.meetingAbstain, '弃权'], [u.paperYes, '赞成']] as const) expected[labels.get(unit) as string] = [choice];
    sealed = { pollId: poll.id, pendingBallot: paper.ballotId, expected };
    sealedSnap = snapshot(w);
  } finally {
    w.h.close();
  }
  // What the answer will be, taken from a copy that runs to the end: the words to search for.
  const end = await restore(sealedSnap);
  try {
    await end.h.ok('demo-admin', 'poll.confirmPaperBallot', { ballotId: sealed.pendingBallot, choice: { optionIds: ['o1'] } });
    countedSnap = snapshot(end);
    await end.h.ok('demo-admin', 'poll.close', { pollId: sealed.pollId, reason: '议事会商定提前结束' });
    const r = (await end.h.ok<PollResultView>('demo-admin', 'poll.results', { pollId: sealed.pollId })).result;
    if (!r) throw new Error('the closed copy shows its admin no result');
    reveals = [r.explanation, ...r.options.flatMap((o) => o.lines.map((l) => l.text))];
    expect(r.options.map((o) => [o.label, o.units])).toEqual([['赞成', 3], ['反对', 1]]);
  } finally {
    end.h.close();
  }
});

/** Keys that only a tally, a decision or somebody's ballot carries. */
const TALLY_KEYS = new Set(['explanation', 'decision', 'adopted', 'support', 'byChannel', 'tally', 'participationLines', 'published']);
const NON_NULL_KEYS = new Set(['result', 'openTexts', 'voters', 'hands']);

/** Everything in `res` that tells a count, a decision or someone else's choice. */
function tallyLeaks(kind: CallerKind, res: unknown): string[] {
  const found: string[] = [];
  const json = JSON.stringify(res) ?? '';
  if (json.includes(WORD)) found.push(`the open-text word "${WORD}"`);
  for (const r of reveals) if (json.includes(r)) found.push(`the tally's words "${r}"`);
  const own = OWN_CHOICE[kind] ?? null;
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      const at = `${path}.${k}`;
      // meta.describe's JSON Schemas: a property map names input fields (moderation's `decision`), it holds no data.
      if (k === 'properties') continue;
      if (TALLY_KEYS.has(k)) found.push(`${at}`);
      if (NON_NULL_KEYS.has(k) && x !== null) found.push(`${at} = ${show(x, 120)}`);
      // A count: the result's `abstain`, an option's `units` (a ballot's `units` is a list).
      if ((k === 'abstain' || k === 'units') && typeof x === 'number') found.push(`${at} = ${x}`);
      if (k === 'counts' && x && typeof x === 'object' && Object.values(x).length > 0 && Object.values(x).every((n) => typeof n === 'number')) found.push(`${at} = ${show(x)}`);
      // A ballot's choice: only the caller's own (the export names it `choice`).
      if ((k === 'choiceLabels' || k === 'choice') && Array.isArray(x) && JSON.stringify(x) !== JSON.stringify(own)) found.push(`${at} = ${show(x)} (not the caller's own choice)`);
      walk(x, at);
    }
  };
  walk(res, '$');
  return found;
}

/** The matrix's input for `caseName`, aimed at the sealed poll and its waiting paper ballot. */
function retarget(data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  if ('pollId' in out) out.pollId = sealed.pollId;
  if ('ballotId' in out) out.ballotId = sealed.pendingBallot;
  return out;
}

const SCANNED = [...Object.keys(builders).filter((n) => /^(poll|roll)\./.test(n)), ...OTHER_SCREENS];

describe('the scan covers both features', () => {
  it('calls every poll and roll action meta.describe lists', () => {
    const missing = [...catalogue.keys()].filter((n) => /^(poll|roll)\./.test(n) && !SCANNED.some((c) => actionOf(c) === n));
    expect(missing).toEqual([]);
  });
  it('points the inputs that name a poll or a ballot at the sealed one', async () => {
    const w = await restore(sealedSnap);
    try {
      for (const c of ['poll.get', 'poll.vote', 'poll.results', 'poll.confirmPaperBallot']) {
        const data = retarget((await builders[c](w)).data);
        expect(data.pollId ?? data.ballotId).toBe(c === 'poll.confirmPaperBallot' ? sealed.pendingBallot : sealed.pollId);
      }
      // The fixture's paper household is still free on the sealed poll: that entry is written.
      expect(paperHousehold(w)).not.toBe(households(w).paperYes);
    } finally {
      w.h.close();
    }
  });
});

interface Prepared {
  snap: Snapshot;
  data: Record<string, unknown>;
}

async function prepare(caseName: string, from: Snapshot): Promise<Prepared> {
  const w = await restore(from);
  try {
    const built = await builders[caseName](w);
    return { snap: snapshot(w), data: retarget(built.data) };
  } finally {
    w.h.close();
  }
}

// Twice: a waiting paper ballot holds the staff's result at 「计票中」, which must not be what keeps it sealed.
const STATES: Array<[string, () => Snapshot]> = [['a paper ballot waits for its second keying', () => sealedSnap], ['every ballot is counted', () => countedSnap]];

describe.each(STATES)('while the poll is open and %s, no answer carries a tally', (_state, from) => {
  for (const caseName of SCANNED) {
    describe(caseName, () => {
      let prepared: Promise<Prepared> | undefined;
      const ready = () => (prepared ??= prepare(caseName, from()));
      for (const kind of CALLER_KINDS) {
        it(`${kind}`, async () => {
          const { snap, data } = await ready();
          const action = actionOf(caseName);
          const description = catalogue.get(action);
          if (!description) throw new Error(`${action} is not listed by meta.describe`);
          const w = await restore(snap);
          try {
            const res = (await w.h.call(CALLERS[kind], action, data, description.idempotent ? key() : undefined)) as AnyEnvelope;
            const shape = envelopeProblem(res);
            const leaks = [...(shape ? [`malformed envelope: ${shape}`] : []), ...tallyLeaks(kind, res), ...leaksFor(kind, res)];
            if (leaks.length) throw new Error(`${caseName} as ${kind} (${codeOf(res)}) leaks:\n  ${leaks.join('\n  ')}\n  input: ${show(data)}\n  response: ${show(res, 900)}`);
          } finally {
            w.h.close();
          }
        });
      }
    });
  }
});

/** Every screen of the poll a caller can open, as every caller: none may show a tally. */
async function noTallyOnPollScreens(w: World, kinds: readonly CallerKind[], what: string): Promise<void> {
  const problems: string[] = [];
  for (const kind of kinds) {
    for (const [action, data] of [
      ['poll.results', { pollId: sealed.pollId }], ['poll.get', { pollId: sealed.pollId }], ['poll.myBallot', { pollId: sealed.pollId }],
      ['poll.list', { when: 'past' }], ['poll.list', { when: 'current' }], ['privacy.export', {}], ['audit.log', { limit: 50 }],
    ] as const) {
      const res = await w.h.call(CALLERS[kind], action, data);
      const leaks = tallyLeaks(kind, res);
      if (leaks.length) problems.push(`${action} as ${kind}: ${leaks.join(', ')}`);
    }
  }
  if (problems.length) throw new Error(`${what}:\n  ${problems.join('\n  ')}`);
}

const results = (w: World, openid: string | null) => w.h.call<PollResultView>(openid, 'poll.results', { pollId: sealed.pollId });

describe('after close', () => {
  it('shows nobody a count while a paper ballot waits, then the tally to its admins only, then to residents once published', async () => {
    const w = await restore(sealedSnap);
    try {
      await w.h.ok('demo-admin', 'poll.close', { pollId: sealed.pollId, reason: '议事会商定提前结束' });

      // 1. Closed, a paper ballot waiting for its second keying: counting, for everyone.
      expect(await results(w, CALLERS.admin)).toMatchObject({ ok: true, data: { stage: 'counting', result: null } });
      expect(await results(w, POLL_MAKER)).toMatchObject({ ok: true, data: { stage: 'counting', result: null } });
      await noTallyOnPollScreens(w, CALLER_KINDS, 'closed with a paper ballot waiting');

      // 2. Confirmed by someone other than who keyed it in: the tally, to those who manage the poll.
      await w.h.ok('demo-admin', 'poll.confirmPaperBallot', { ballotId: sealed.pendingBallot, choice: { optionIds: ['o1'] } });
      for (const admin of [CALLERS.admin, POLL_MAKER]) {
        const r = await w.h.ok<PollResultView>(admin, 'poll.results', { pollId: sealed.pollId });
        expect(r.stage).toBe('ready');
        expect(r.result).toMatchObject({ ballots: 5, abstain: 1, openTexts: [OPEN_TEXT] });
        expect(r.result?.options.map((o) => [o.label, o.units])).toEqual([['赞成', 3], ['反对', 1]]);
        expect(Object.fromEntries((r.result?.byChannel ?? []).map((c) => [c.channelLabel, c.ballots]))).toEqual({ 小程序投票: 2, 会议现场表决: 2, 纸质选票: 1 });
        expect(Object.fromEntries((r.result?.voters ?? []).map((v) => [v.unitLabel, v.choiceLabels]))).toEqual(sealed.expected);
      }
      // Residents and the grid workers (a community-wide poll is managed by its admins) still see nothing.
      const notManaging = CALLER_KINDS.filter((k) => k !== 'admin');
      await noTallyOnPollScreens(w, notManaging, 'closed and counted, not published');
      for (const kind of ['resident', 'otherResident', 'gridWorker', 'otherGridWorker'] as const) {
        expect(await results(w, CALLERS[kind])).toMatchObject({ ok: true, data: { stage: 'awaitingPublish', result: null } });
      }

      // 3. Published by 王书记 (李主任 made it): residents see the numbers, never the open texts or who chose what.
      await w.h.ok('demo-admin', 'poll.publish', { pollId: sealed.pollId });
      for (const kind of ['resident', 'otherResident', 'gridWorker', 'otherGridWorker', 'admin'] as const) {
        const res = await results(w, CALLERS[kind]);
        if (!res.ok) throw new Error(`${kind} cannot read the published result: ${show(res)}`);
        expect(res.data.stage).toBe('published');
        expect(res.data.result).toMatchObject({ ballots: 5, abstain: 1 });
        expect(res.data.result?.options.map((o) => [o.label, o.units])).toEqual([['赞成', 3], ['反对', 1]]);
        expect(res.data.result?.explanation).toBe(reveals[0]);
        if (kind === 'admin') continue;
        expect(res.data.result).toMatchObject({ openTexts: null, voters: null });
        expect(JSON.stringify(res)).not.toContain(WORD);
      }
      // Those who may not vote in it still do not learn of it.
      for (const kind of ['volunteer', 'otherAdmin'] as const) expect(codeOf((await results(w, CALLERS[kind])) as AnyEnvelope)).toBe('NOT_FOUND');
    } finally {
      w.h.close();
    }
  });
});

describe('the stored ballots are sealed', () => {
  it('hold no option id, label, abstention or open text in the clear — and the sealed text opens to exactly the choice', async () => {
    const w = await restore(sealedSnap);
    try {
      const rows = w.h.deps.store.db.prepare("SELECT doc FROM c_ballots WHERE json_extract(doc, '$.pollId') = ?").all(sealed.pollId) as { doc: string }[];
      expect(rows).toHaveLength(5);
      const opened: Record<string, string[]> = {};
      for (const { doc } of rows) {
        for (const plain of ['"o1"', '"o2"', 'optionIds', 'abstain', ...OPTIONS, '弃权', WORD, OPEN_TEXT]) expect(doc).not.toContain(plain);
        const b = JSON.parse(doc) as BallotRecord;
        expect(() => JSON.parse(b.choiceSealed)).toThrow();
        // Not blind: the same bytes, opened with the data key, are the marks that were cast.
        const choice = JSON.parse(w.h.deps.cipher.decrypt(b.choiceSealed)) as { optionIds?: string[]; abstain?: true; openText?: string };
        opened[b.unitLabel] = choice.abstain ? ['弃权'] : (choice.optionIds ?? []).map((id) => OPTIONS[Number(id.slice(1)) - 1]);
        if (choice.abstain) expect(choice.openText).toBe(OPEN_TEXT);
      }
      expect(opened).toEqual(sealed.expected);
    } finally {
      w.h.close();
    }
  });
});
