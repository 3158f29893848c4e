/**
 * The authorization matrix: every action `meta.describe` lists × every kind of caller,
 * each cell on a private copy of the world, checked against the one table in
 * ./expectations.ts. A new action without a row fails here, by name.
 */
import type { ActionDescription } from '../../../miniprogram/core/meta/contract';
import { codeOf, describeActions, envelopeProblem, show, type AnyEnvelope } from '../support/envelope';
import { proofCase, Symptom } from '../support/known-bugs';
import { leaksFor } from '../support/privacy';
import { baseSnapshot, CALLERS, contentHash, key, restore, snapshot, type CallerKind, type Snapshot } from '../support/world';
import { versionHash } from '../../../cloudfunctions/lib/features/disclosure/publish-item';
import type { Harness } from '../../support/harness';
import { COLUMNS, EXPECTATIONS, KNOWN_BUGS, type Cell } from './expectations';
import { actionOf, builders, type Built } from './fixtures';

const DENIALS = ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED'];

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

describe('the table covers exactly the actions meta.describe lists', () => {
  it('has a row for every listed action', () => {
    const missing = [...catalogue.keys()].filter((name) => !EXPECTATIONS[name]);
    if (missing.length) {
      throw new Error(
        `meta.describe lists ${missing.length} action(s) with no row in test/proof/authorization/expectations.ts: ${missing.join(', ')}.\n` +
          'Add a row (who may call it on 刘阿姨’s / grid 1’s item) and a fixture in fixtures.ts.',
      );
    }
  });
  it('has a fixture for every listed action', () => {
    const missing = [...catalogue.keys()].filter((name) => !builders[name]);
    if (missing.length) throw new Error(`no fixture builder in test/proof/authorization/fixtures.ts for: ${missing.join(', ')}`);
  });
  it('has no row for an action that is no longer listed', () => {
    const stale = Object.keys(EXPECTATIONS).filter((name) => !catalogue.has(actionOf(name)));
    if (stale.length) throw new Error(`rows for actions meta.describe no longer lists: ${stale.join(', ')}`);
  });
  it('names only real cells in KNOWN_BUGS', () => {
    const bad = Object.keys(KNOWN_BUGS).filter((k) => {
      const [row, column] = k.split('/');
      return !EXPECTATIONS[row] || !(COLUMNS as readonly string[]).includes(column);
    });
    expect(bad).toEqual([]);
  });
  it('pairs every row with a fixture and every fixture with a row', () => {
    expect(Object.keys(builders).filter((n) => !EXPECTATIONS[n])).toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((n) => !builders[n])).toEqual([]);
  });
});

/** Every published 居务公开 version, by id, as the hash of what residents read in it. */
async function publishedVersions(h: Harness): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const communityId of ['demo', 'other']) {
    const page = await h.deps.store.query('disclosureVersions', { where: { communityId }, orderBy: { field: 'itemId', dir: 'asc' }, limit: 100 });
    for (const v of page.items) out.set(v._id, versionHash(v));
  }
  return out;
}

interface Prepared {
  snap: Snapshot;
  built: Built;
}

/** Runs the fixture once on a fresh world; every caller then starts from a copy of that. */
async function prepare(caseName: string): Promise<Prepared> {
  const build = builders[caseName];
  if (!build) throw new Error(`no fixture builder for ${caseName}`);
  const w = await restore(base);
  try {
    const built = await build(w);
    return { snap: snapshot(w), built };
  } finally {
    w.h.close();
  }
}

async function checkCell(caseName: string, kind: CallerKind, cell: Cell, prepared: Prepared): Promise<void> {
  const action = actionOf(caseName);
  const description = catalogue.get(action);
  if (!description) throw new Error(`${action} is not listed by meta.describe`);
  const { snap, built } = prepared;
  const w = await restore(snap);
  try {
    const otherCommunity = kind === 'otherAdmin' ? 'demo' : 'other';
    const foreignBefore = contentHash(w.h, { communityId: otherCommunity });
    const openid = CALLERS[kind];
    const versionsBefore = await publishedVersions(w.h);
    const res = (await w.h.call(openid, action, built.data, description.idempotent ? key() : undefined)) as AnyEnvelope;

    const problems: string[] = [];
    const shape = envelopeProblem(res);
    if (shape) problems.push(`malformed envelope: ${shape}`);
    if (w.h.errors.length) problems.push(`logged an internal error: ${show(w.h.errors[0])}`);
    const code = codeOf(res);
    const wrote = contentHash(w.h) !== snap.hash;
    const json = JSON.stringify(res);
    const probeSeen = built.probe !== undefined && json.includes(built.probe);

    if (cell === 'allow') {
      if (!res.ok) problems.push(`expected success, got ${code}`);
      else if (built.probe !== undefined && !probeSeen) problems.push(`succeeded but the target (${built.probe}) is not in the response`);
    } else if (cell === 'own') {
      if (!res.ok) problems.push(`expected success on the caller's own data, got ${code}`);
      else if (probeSeen) problems.push(`UNEXPECTED ALLOW: the target (${built.probe}) is in the response`);
    } else if (cell === 'hidden') {
      if (!res.ok) problems.push(`expected success scoped away from the target, got ${code}`);
      else if (probeSeen) problems.push(`UNEXPECTED ALLOW: the target (${built.probe}) is in the response`);
      if (wrote) problems.push('wrote to the database');
    } else {
      if (res.ok) problems.push('UNEXPECTED ALLOW: the call succeeded');
      else if (cell === 'deny' ? !DENIALS.includes(code) : code !== cell) problems.push(`expected ${cell === 'deny' ? DENIALS.join('|') : cell}, got ${code}`);
      if (wrote) problems.push('a refused call wrote to the database');
    }
    if (kind === 'anonymous' && !res.ok && code !== 'UNAUTHENTICATED') problems.push(`anonymous refused with ${code}, not UNAUTHENTICATED`);
    if (contentHash(w.h, { communityId: otherCommunity }) !== foreignBefore) problems.push(`changed data of community "${otherCommunity}"`);
    // A published version is never edited or removed, by any action, whoever calls it.
    const versionsAfter = await publishedVersions(w.h);
    for (const [id, hash] of versionsBefore) if (versionsAfter.get(id) !== hash) problems.push(`changed or removed the published version ${id}`);
    const leaks = leaksFor(kind, res);
    if (leaks.length) problems.push(`response leaks ${leaks.join(', ')}`);

    if (problems.length) {
      throw new Symptom(`${caseName} as ${kind} (${openid ?? 'no openid'}) — expected ${cell}\n  ${problems.join('\n  ')}\n  input: ${show(built.data)}\n  response: ${show(res)}`);
    }
  } finally {
    w.h.close();
  }
}

for (const [caseName, row] of Object.entries(EXPECTATIONS)) {
  describe(`${caseName}`, () => {
    let prepared: Promise<Prepared> | undefined;
    const ready = () => (prepared ??= prepare(caseName));
    for (const kind of COLUMNS) {
      const cell = row[kind];
      // Known bugs (expectations.ts KNOWN_BUGS) run as it.failing until fixed.
      proofCase(`${kind}: ${cell}`, KNOWN_BUGS[`${caseName}/${kind}`], async () => checkCell(caseName, kind, cell, await ready()));
    }
  });
}
