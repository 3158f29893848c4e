/**
 * Whatever happens while a poll is open — residents voting in the app and voting again,
 * housemates voting for one household, staff keying in paper ballots and meeting votes for
 * any unit (their own grids' or not), second keyings with the right marks or wrong ones,
 * returned papers and new entries after them — every answer is the one a single ballot per
 * unit allows, the running participation is the number of ballots, and after close the
 * staff's tally equals exactly a model kept from the ballots that were written: per option,
 * abstentions, per channel, ballots = distinct units with a counted ballot, open texts, and
 * (open ballots) who chose what. Person and household polls, single and multiple choice,
 * secret and open. A seeded RNG (test/proof/support-b/rng.ts): the same runs everywhere.
 *
 * Why it catches double counting: the model holds one entry per unit, so a second ballot
 * for a unit (another channel, a housemate, a re-entry after a return) shows as `ballots`,
 * participation and the stored count exceeding the model's size; a pending paper counted,
 * a confirmation counted again or an option counted twice on one ballot shows in the option
 * totals; a repeat vote that changed the choice shows in the voter's answer and the tally.
 */
import type { MyBallotView, PaperBallotView, PollResultView, PollRollEntryView, PollView } from '../../../../../miniprogram/core/poll/contract';
import type { Page } from '../../../../../miniprogram/core/action';
import { CHANNEL_LABELS, type PollChannel } from '../../../../../miniprogram/core/poll/vocabulary';
import { ballotId, type BallotRecord } from '../../../../../cloudfunctions/lib/features/poll/records';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { addHouseholds, makePoll } from '../../../../support/polls';
import { rng, type Rng } from '../../../../proof/support-b/rng';

const SEED = 20261205;
const RUNS = 16;
const OPS = 80;
const OPTIONS = ['甲方案', '乙方案', '丙方案'];

/** Staff and the grids whose units they may collect (admins: every unit). */
const STAFF = ['demo-admin', 'demo-grid-1', 'demo-grid-1b', 'demo-grid-2'] as const;
type Staff = (typeof STAFF)[number];

type Choice = { optionIds: string[] } | { abstain: true };
interface Ballot {
  channel: PollChannel;
  voterId: string | null;
  enteredBy: Staff | null;
  pending: boolean;
  choice: Choice;
  openText: string | null;
}

const isAbstain = (c: Choice): c is { abstain: true } => 'abstain' in c;
const sameMarks = (a: Choice, b: Choice) => (isAbstain(a) || isAbstain(b) ? isAbstain(a) && isAbstain(b) : [...a.optionIds].sort().join() === [...b.optionIds].sort().join());
const labelsOf = (c: Choice) => (isAbstain(c) ? ['弃权'] : OPTIONS.filter((_, i) => c.optionIds.includes(`o${i + 1}`)));

function randomChoice(r: Rng, maxPicks: number): Choice {
  if (r.int(6) === 0) return { abstain: true };
  return { optionIds: r.shuffle(['o1', 'o2', 'o3']).slice(0, 1 + r.int(maxPicks)) };
}

function otherChoice(r: Rng, maxPicks: number, than: Choice): Choice {
  for (;;) {
    const c = randomChoice(r, maxPicks);
    if (!sameMarks(c, than)) return c;
  }
}

const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'OK' : res.error?.code);

/** What the runs met, so the property is shown to reach every path, not only empty polls. */
const seen = { appVotes: 0, repeats: 0, householdConflicts: 0, paper: 0, meeting: 0, entryConflicts: 0, outOfGrid: 0, confirmed: 0, wrongMarks: 0, ownEntry: 0, returned: 0, pendingAtClose: 0 };

async function run(index: number): Promise<void> {
  const r = rng(SEED + index);
  const unit = index % 2 === 0 ? 'household' : 'person';
  const secret = r.int(2) === 0;
  const maxPicks = 1 + r.int(2);
  const openTextLabel = r.int(2) === 0 ? '其他意见' : null;
  const h: Harness = await createHarness();
  try {
    const homes = await addHouseholds(h, [
      { building: '1号楼', room: '501', people: 2 },
      { building: '1号楼', room: '502', people: 1 },
      { building: '2号楼', room: '501', people: 2 },
      { building: '3号楼', room: '501', people: 2 },
      { building: '3号楼', room: '502', people: 0 },
      { building: '4号楼', room: '501', people: 1 },
      { building: '4号楼', room: '502', people: 0 },
      { building: '2号楼', room: '502', people: 0 },
      { building: '2号楼', room: '503', people: 0 },
      { building: '2号楼', room: '504', people: 3 },
      { building: '3号楼', room: '503', people: 0 },
      { building: '4号楼', room: '503', people: 2 },
      { building: '4号楼', room: '504', people: 0 },
    ]);
    const poll = await makePoll(h, { unit, secret, options: OPTIONS, minPicks: 1, maxPicks, openTextLabel, channels: ['app', 'paper', 'meeting'], eligibility: { scope: 'community' } });

    // Who votes for which unit: their household, or themself.
    const voters = [...homes.flatMap((x) => x.openids), 'demo-resident-1', 'demo-resident-2'];
    const unitOf = new Map<string, string>();
    for (const v of voters) {
      const m = await h.deps.store.get('members', member(v));
      unitOf.set(v, unit === 'household' ? (m?.householdId as string) : member(v));
    }
    // The frozen roll, and which grid each unit lies in (what each grid worker is shown of it).
    const rollOf = async (who: string) => (await h.ok<Page<PollRollEntryView>>(who, 'poll.roll', { pollId: poll.id, limit: 50 })).items;
    const roll = await rollOf('demo-admin');
    expect(roll.length).toBeLessThan(50);
    const grid1 = new Set((await rollOf('demo-grid-1')).map((u) => u.unitKey));
    const grid2 = new Set((await rollOf('demo-grid-2')).map((u) => u.unitKey));
    expect(grid1.size + grid2.size).toBe(roll.length);
    for (const v of voters) expect(roll.map((u) => u.unitKey)).toContain(unitOf.get(v));
    const mayCollect = (s: Staff, unitKey: string) => s === 'demo-admin' || (s === 'demo-grid-2' ? grid2 : grid1).has(unitKey);
    const label = new Map(roll.map((u) => [u.unitKey, u.label]));

    const model = new Map<string, Ballot>();
    const text = (n: number) => (openTextLabel && r.int(3) === 0 ? `第${index}轮意见${n}` : undefined);
    const participation = async () => (await h.ok<PollView>('demo-admin', 'poll.get', { pollId: poll.id })).participation;

    for (let n = 0; n < OPS; n += 1) {
      const roll100 = r.int(100);
      const pending = [...model.entries()].filter(([, b]) => b.pending);
      const step = `run ${index} (${unit}${secret ? ', secret' : ''}) op ${n}`;

      if (roll100 < 35) {
        // An app vote — by anyone on the roll, or again by someone who already voted.
        const earlier = voters.filter((v) => model.get(unitOf.get(v) as string)?.voterId === member(v));
        const again = earlier.length > 0 && r.int(3) === 0;
        const who = again ? r.pick(earlier) : r.pick(voters);
        const unitKey = unitOf.get(who) as string;
        const choice = randomChoice(r, maxPicks);
        const openText = text(n);
        const res = await h.call<MyBallotView>(who, 'poll.vote', { pollId: poll.id, choice, ...(openText ? { openText } : {}) });
        const held = model.get(unitKey);
        if (!held) {
          expect([step, code(res)]).toEqual([step, 'OK']);
          model.set(unitKey, { channel: 'app', voterId: member(who), enteredBy: null, pending: false, choice, openText: openText ?? null });
          seen.appVotes += 1;
        } else if (held.voterId === member(who)) {
          // The voter's own ballot comes back unchanged, whatever was sent this time.
          expect([step, code(res)]).toEqual([step, 'OK']);
          if (res.ok) expect([step, res.data.choiceLabels]).toEqual([step, secret ? null : labelsOf(held.choice)]);
          seen.repeats += 1;
        } else {
          expect([step, code(res)]).toEqual([step, 'CONFLICT']);
          seen.householdConflicts += 1;
        }
      } else if (roll100 < 65) {
        // A paper ballot or a meeting vote keyed in by staff, for any unit on the roll.
        const staff = r.pick(STAFF);
        const unitKey = r.pick(roll).unitKey;
        const channel = r.int(4) === 0 ? 'meeting' : 'paper';
        const choice = randomChoice(r, maxPicks);
        const openText = text(n);
        const res = await h.call<PaperBallotView>(staff, 'poll.enterPaperBallot', { pollId: poll.id, unitKey, channel, choice, ...(openText ? { openText } : {}) });
        if (!mayCollect(staff, unitKey)) {
          expect([step, code(res)]).toEqual([step, 'NOT_FOUND']);
          seen.outOfGrid += 1;
        } else if (model.has(unitKey)) {
          expect([step, code(res)]).toEqual([step, 'CONFLICT']);
          seen.entryConflicts += 1;
        } else {
          expect([step, code(res)]).toEqual([step, 'OK']);
          if (res.ok) expect([step, res.data.pending]).toEqual([step, channel === 'paper']);
          model.set(unitKey, { channel, voterId: null, enteredBy: staff, pending: channel === 'paper', choice, openText: openText ?? null });
          seen[channel] += 1;
        }
      } else if (pending.length > 0) {
        // A second keying of a waiting paper ballot — right or wrong marks — or its return.
        const [unitKey, b] = r.pick(pending);
        const staff = r.pick(STAFF);
        const giveBack = r.int(5) === 0;
        const right = r.int(3) > 0;
        const marks = right ? b.choice : otherChoice(r, maxPicks, b.choice);
        const input = giveBack ? { ballotId: ballotId(poll.id, unitKey), reject: '录错了户' } : { ballotId: ballotId(poll.id, unitKey), choice: marks };
        const res = await h.call(staff, 'poll.confirmPaperBallot', input);
        if (!mayCollect(staff, unitKey) || staff === b.enteredBy) {
          expect([step, code(res)]).toEqual([step, 'FORBIDDEN']);
          if (staff === b.enteredBy) seen.ownEntry += 1;
        } else if (giveBack) {
          expect([step, code(res)]).toEqual([step, 'OK']);
          model.delete(unitKey);
          seen.returned += 1;
        } else if (right) {
          expect([step, code(res)]).toEqual([step, 'OK']);
          b.pending = false;
          seen.confirmed += 1;
        } else {
          expect([step, code(res)]).toEqual([step, 'CONFLICT']);
          seen.wrongMarks += 1;
        }
      }
      // While it is open, participation is the number of ballots (waiting paper included).
      expect([step, await participation()]).toEqual([step, model.size]);
    }

    // Every unit holds at most one stored ballot, and exactly the model's.
    const stored = (await h.deps.store.query<BallotRecord>('ballots', { where: { communityId: 'demo', pollId: poll.id }, orderBy: { field: 'at', dir: 'asc' }, limit: 50 })).items;
    expect(stored.map((b) => b.unitKey).sort()).toEqual([...model.keys()].sort());

    await h.ok('demo-admin', 'poll.close', { pollId: poll.id, reason: '议事会商定提前结束' });
    const results = () => h.ok<PollResultView>('demo-admin', 'poll.results', { pollId: poll.id });
    const waiting = [...model.entries()].filter(([, b]) => b.pending);
    if (waiting.length) {
      // Nothing is counted while a paper ballot waits; then each is keyed in a second time.
      expect(await results()).toMatchObject({ stage: 'counting', result: null });
      seen.pendingAtClose += waiting.length;
      for (const [unitKey, b] of waiting) {
        const by = b.enteredBy === 'demo-admin' ? (grid1.has(unitKey) ? 'demo-grid-1' : 'demo-grid-2') : 'demo-admin';
        await h.ok(by, 'poll.confirmPaperBallot', { ballotId: ballotId(poll.id, unitKey), choice: b.choice });
        b.pending = false;
      }
    }

    const ballots = [...model.values()];
    const r2 = await results();
    const t = r2.result;
    if (!t) throw new Error(`run ${index}: no result after close: ${JSON.stringify(r2)}`);
    const step = `run ${index} (${unit}${secret ? ', secret' : ''}, ${ballots.length} ballots)`;
    expect([step, r2.stage]).toEqual([step, 'ready']);
    expect([step, t.ballots, r2.participation]).toEqual([step, ballots.length, ballots.length]);
    expect([step, t.abstain]).toEqual([step, ballots.filter((b) => isAbstain(b.choice)).length]);
    expect([step, t.options.map((o) => [o.label, o.units])]).toEqual([step, OPTIONS.map((o, i) => [o, ballots.filter((b) => !isAbstain(b.choice) && b.choice.optionIds.includes(`o${i + 1}`)).length])]);
    const byChannel: Record<string, number> = {};
    for (const b of ballots) byChannel[CHANNEL_LABELS[b.channel]] = (byChannel[CHANNEL_LABELS[b.channel]] ?? 0) + 1;
    expect([step, Object.fromEntries(t.byChannel.map((c) => [c.channelLabel, c.ballots]))]).toEqual([step, byChannel]);
    expect([step, t.openTexts]).toEqual([step, openTextLabel ? ballots.flatMap((b) => (b.openText ? [b.openText] : [])).sort() : null]);
    if (secret) expect([step, t.voters]).toEqual([step, null]);
    else {
      const chosen = Object.fromEntries([...model.entries()].map(([k, b]) => [label.get(k), labelsOf(b.choice)]));
      expect([step, Object.fromEntries((t.voters ?? []).map((v) => [v.unitLabel, v.choiceLabels]))]).toEqual([step, chosen]);
      expect([step, t.voters?.length]).toEqual([step, ballots.length]);
    }
    expect([step, (await h.ok<PollView>('demo-admin', 'poll.get', { pollId: poll.id })).participation]).toEqual([step, ballots.length]);
    // Each voter is told whether their unit's ballot stands.
    for (const v of voters) {
      const mine = await h.ok<MyBallotView>(v, 'poll.myBallot', { pollId: poll.id });
      expect([step, v, mine.voted]).toEqual([step, v, model.has(unitOf.get(v) as string)]);
    }
  } finally {
    h.close();
  }
}

test(`the tally after close equals the distinct ballots written — ${RUNS} seeded runs of ${OPS} steps`, async () => {
  for (let i = 0; i < RUNS; i += 1) await run(i);
  for (const [what, n] of Object.entries(seen)) expect([what, n > 0]).toEqual([what, true]);
}, 240_000);
