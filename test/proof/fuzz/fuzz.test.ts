/**
 * Input fuzzing through the real wrapper. For every action, inputs generated from its
 * published JSON Schema and one-field mutations of the fixture's valid input are sent by a
 * caller the table allows; every answer must be a proper envelope, never INTERNAL, and a
 * refused call must leave the database exactly as it was. Each run starts from a fresh copy
 * of the fixture's world, so a counterexample replays on its own.
 *
 * Seeds are fixed per action (PROOF_FUZZ_SEED overrides; PROOF_FUZZ_RUNS scales the runs).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { ActionDescription } from '../../../miniprogram/core/meta/contract';
import { COLUMNS, EXPECTATIONS } from '../authorization/expectations';
import { actionOf, builders, type Built } from '../authorization/fixtures';
import { codeOf, describeActions, envelopeProblem, show, type AnyEnvelope } from '../support/envelope';
import { baseSnapshot, CALLERS, changedCollections, contentHash, restore, snapshot, totalChanges, type CallerKind, type Snapshot } from '../support/world';
import { idempotencyKeyArb, inputFor, malformedEvent, type JsonSchema } from './arbitraries';

jest.setTimeout(60_000);

const RUNS = Number(process.env.PROOF_FUZZ_RUNS ?? 150);
const EVENT_RUNS = Number(process.env.PROOF_FUZZ_EVENT_RUNS ?? 1000);

/** A seed per action that does not move when actions are added. */
function seedFor(name: string): number {
  const base = process.env.PROOF_FUZZ_SEED ? Number(process.env.PROOF_FUZZ_SEED) : 20261128;
  return (base ^ createHash('sha1').update(name).digest().readInt32BE(0)) | 0;
}

/** Who sends: the first caller the table lets through (residents for resident actions…). */
const PREFERRED: CallerKind[] = ['resident', 'gridWorker', 'admin', 'volunteer', 'visitor', 'otherResident', 'otherGridWorker', 'otherAdmin', 'anonymous'];
function senderFor(caseName: string): CallerKind {
  const row = EXPECTATIONS[caseName];
  const kind = row && PREFERRED.find((k) => row[k] === 'allow');
  return kind ?? 'admin';
}

let base: Snapshot;
let catalogue: Map<string, ActionDescription>;

beforeAll(async () => {
  base = await baseSnapshot();
  const w = await restore(base);
  try {
    catalogue = await describeActions(w.h);
  } finally {
    w.h.close();
  }
});

/** Outcome codes per test, printed with PROOF_FUZZ_STATS=1 to see how deep the inputs reach. */
const outcomes = new Map<string, Record<string, number>>();
afterAll(() => {
  if (!process.env.PROOF_FUZZ_STATS) return;
  const lines = [...outcomes].map(([name, codes]) => `${name.padEnd(28)} ${Object.entries(codes).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}=${n}`).join(' ')}`);
  console.info(`fuzz outcomes:\n${lines.join('\n')}`);
});

/** Sends one event on a fresh copy of `snap` and returns what is wrong, if anything. */
async function probe(snap: Snapshot, openid: string | null, event: unknown, expectKnownAction: boolean, tally?: string): Promise<string | null> {
  // No rate limits: the point is to reach every handler, thousands of times.
  const w = await restore(snap, { rateLimits: {} });
  try {
    const res = (await w.h.api(event, { openid })) as AnyEnvelope;
    const shape = envelopeProblem(res);
    if (shape) return `malformed envelope: ${shape}; response ${show(res)}`;
    const code = codeOf(res);
    if (tally) {
      const t = outcomes.get(tally) ?? {};
      t[code] = (t[code] ?? 0) + 1;
      outcomes.set(tally, t);
    }
    if (code === 'INTERNAL') return `INTERNAL; logged: ${show(w.h.errors[0] ?? null, 900)}`;
    if (w.h.errors.length) return `logged an internal error though answering ${code}: ${show(w.h.errors[0], 900)}`;
    if (expectKnownAction && code === 'UNKNOWN_ACTION') return 'UNKNOWN_ACTION for a listed action';
    if (!res.ok) {
      const writes = totalChanges(w.h);
      if (code === 'VALIDATION_ERROR' && writes !== 0) return `VALIDATION_ERROR after ${writes} row write(s) (${changedCollections(w.h, snap).join(', ') || 'reverted'})`;
      if (writes !== 0 && contentHash(w.h) !== snap.hash) return `refused with ${code} but changed ${changedCollections(w.h, snap).join(', ')}`;
    }
    return null;
  } finally {
    w.h.close();
  }
}

describe('every action answers any input with a proper envelope and refuses without side effects', () => {
  it('fuzzes an action for every action meta.describe lists', () => {
    const missing = [...catalogue.keys()].filter((name) => !builders[name]);
    if (missing.length) throw new Error(`no fixture (valid input to mutate) for: ${missing.join(', ')} — add one to test/proof/authorization/fixtures.ts`);
  });

  for (const caseName of Object.keys(builders).filter((n) => !n.includes('#'))) {
    const kind = senderFor(caseName);
    it(`${caseName} as ${kind}`, async () => {
      const action = actionOf(caseName);
      const description = catalogue.get(action);
      if (!description) throw new Error(`${action} is not listed by meta.describe`);
      const w = await restore(base, { rateLimits: {} });
      let built: Built;
      let snap: Snapshot;
      try {
        built = await builders[caseName](w);
        snap = snapshot(w);
      } finally {
        w.h.close();
      }
      const schema = description.input as JsonSchema;
      const openid = CALLERS[kind];
      const key = description.idempotent ? idempotencyKeyArb : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(inputFor(schema, built.data), key, async (data, idempotencyKey) => {
          const event = { action, data, ...(idempotencyKey ? { idempotencyKey } : {}) };
          const problem = await probe(snap, openid, event, true, caseName);
          if (problem) throw new Error(`${action} as ${kind}: ${problem}\n  data: ${show(data)}`);
        }),
        { seed: seedFor(caseName), numRuns: RUNS, endOnFailure: false },
      );
    });
  }

  it('answers malformed events (no action, odd types, huge keys) with a proper envelope', async () => {
    const names = [...catalogue.keys()];
    await fc.assert(
      fc.asyncProperty(malformedEvent(names), fc.constantFrom(...COLUMNS), async (event, kind) => {
        const problem = await probe(base, CALLERS[kind], event, false, '(malformed events)');
        if (problem) throw new Error(`as ${kind}: ${problem}\n  event: ${show(event)}`);
      }),
      { seed: seedFor('(malformed events)'), numRuns: EVENT_RUNS },
    );
  });
});
