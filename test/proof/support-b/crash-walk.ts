/**
 * The crash walk the proofs share (crash-points.test.ts does it inline): a dry run lists the
 * writes one call makes, then for each k a fresh case is set up and its call dies right
 * after write k; then either the client sends the same request again, or no retry ever
 * comes and the sweep runs. Whatever the case's check finds wrong afterwards is a problem.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSweep } from '../../../cloudfunctions/lib/sweep/run-sweep';
import type { Envelope } from '../../../miniprogram/core/envelope';
import { DbReader } from './checks';
import { describeOp, inProcess, type InProcess } from './hooked-store';
import { prepareWorld, type World } from './world';

export interface ProofWorld {
  readonly world: World;
  readonly app: InProcess;
  readonly reader: DbReader;
}

/**
 * A world of the test file's own (a fresh SQLite file with `residents` more residents, the
 * backend in-process on a store that can be made to crash, a reader of the file), made
 * before the file's tests and removed after them. Read its fields inside tests or hooks.
 */
export function proofWorld(name: string, residents: number): ProofWorld {
  let dir = '';
  const held: { -readonly [K in keyof ProofWorld]?: ProofWorld[K] } = {};
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `linli-proof-${name}-`));
    const file = path.join(dir, 'linli.sqlite');
    held.world = await prepareWorld(file, { residents });
    held.app = inProcess(file);
    held.reader = new DbReader(file);
  }, 30_000);
  afterAll(() => {
    held.reader?.close();
    held.app?.deps.store.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get world() { return held.world!; },
    get app() { return held.app!; },
    get reader() { return held.reader!; },
  };
}

export interface CrashCase {
  send(): Promise<Envelope<unknown>>;
  /** What is wrong with the state the call (and its repair) left; empty when all is well. */
  check(): string[];
}

export type Finish = 'retry' | 'sweep';

/**
 * Walks every crash point of the call `make` sets up. `retryMayAnswer`: error codes a retry
 * may answer once the first call had in fact done its work (CLOSED for a cancel that landed):
 * the state is what counts.
 */
export async function crashAtEveryWrite(app: InProcess, make: () => Promise<CrashCase>, finish: Finish, retryMayAnswer: readonly string[] = []): Promise<{ writes: string[]; problems: string[] }> {
  const dry = await make();
  app.hooked.revive();
  const res = await dry.send();
  if (!res.ok) throw new Error(`clean run failed: ${res.error.code}`);
  const writes = app.hooked.writes.map(describeOp);
  const problems = dry.check().map((p) => `clean run: ${p}`);
  for (let k = 1; k <= writes.length; k += 1) {
    const c = await make();
    app.hooked.revive();
    app.hooked.crashAfter = k;
    const crashed = await c.send();
    app.hooked.revive();
    const found: string[] = crashed.ok ? ['the crashed call answered ok'] : [];
    if (finish === 'retry') {
      const again = await c.send();
      if (!again.ok && !retryMayAnswer.includes(again.error.code)) found.push(`retry answered ${again.error.code}`);
    } else {
      await runSweep(app.deps);
    }
    found.push(...c.check());
    if (found.length) problems.push(`crash after write ${k} (${writes[k - 1]}): ${found.join('; ')}`);
  }
  return { writes, problems };
}
