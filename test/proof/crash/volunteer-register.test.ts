/**
 * volunteer.register at every crash point (as crash-points.test.ts does it): a dry run lists
 * the writes, then for each k the call dies right after write k and the same request is sent
 * again on a healthy store. Numbers are claimed without a transaction (kernel/numbering.ts),
 * so the gaps to close are between the claim, the role, the record and its event: after the
 * retry there must be one record under the caller's number, the role, one registration
 * event, and the numbers stored must run 1..n without gaps or twins.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import type { VolunteerRecord } from '../../../cloudfunctions/lib/features/volunteer/records';
import type { Envelope } from '../../../miniprogram/core/envelope';
import { DbReader } from '../support-b/checks';
import { describeOp, inProcess, type InProcess } from '../support-b/hooked-store';
import { prepareWorld, type World } from '../support-b/world';

let dir: string;
let world: World;
let app: InProcess;
let reader: DbReader;
let next = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-proof-volreg-'));
  const file = path.join(dir, 'linli.sqlite');
  world = await prepareWorld(file, { residents: 60 });
  app = inProcess(file);
  reader = new DbReader(file);
}, 30_000);

afterAll(() => {
  reader?.close();
  app?.deps.store.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

type Who = 'resident' | 'visitor';

function caseFor(kind: Who) {
  const openid = kind === 'resident' ? world.residents[next++] : `crash-visitor-${next++}`;
  const data = kind === 'resident' ? { name: '崩溃点志愿者' } : { communityId: 'demo', name: '崩溃点同学' };
  const id = `vol_${memberIdFor(openid)}`;
  return {
    send: (): Promise<Envelope<any>> => app.call(openid, 'volunteer.register', data),
    check(): string[] {
      const out: string[] = [];
      const v = reader.doc<VolunteerRecord>('volunteers', id);
      if (!v) return ['no volunteer record'];
      const roles = reader.doc<{ roles: string[] }>('members', memberIdFor(openid))?.roles ?? [];
      if (!roles.includes('volunteer')) out.push(`roles ${JSON.stringify(roles)} lack volunteer`);
      const registered = reader.events(`volunteer:${id}`).filter((e) => e.type === 'volunteer.registered');
      if (registered.length !== 1) out.push(`${registered.length} volunteer.registered events`);
      const numbers = reader.where<VolunteerRecord>('volunteers', 'communityId', 'demo').map((x) => Number(x.volunteerNumber.slice(1))).sort((a, b) => a - b);
      if (numbers.some((n, i) => n !== i + 1)) out.push(`numbers stored ${numbers.join(',')}`);
      return out;
    },
  };
}

async function visit(kind: Who): Promise<{ writes: string[]; problems: string[] }> {
  const dry = caseFor(kind);
  app.hooked.revive();
  const res = await dry.send();
  if (!res.ok) throw new Error(`clean run failed: ${res.error.code}`);
  const writes = app.hooked.writes.map(describeOp);
  const problems = dry.check().map((p) => `clean run: ${p}`);
  for (let k = 1; k <= writes.length; k += 1) {
    const c = caseFor(kind);
    app.hooked.revive();
    app.hooked.crashAfter = k;
    const crashed = await c.send();
    app.hooked.revive();
    const again = await c.send();
    const found = [...(crashed.ok ? [`the crashed call answered ok`] : []), ...(again.ok ? [] : [`retry answered ${again.error.code}`]), ...c.check()];
    if (found.length) problems.push(`crash after write ${k} (${writes[k - 1]}): ${found.join('; ')}`);
  }
  return { writes, problems };
}

describe('volunteer.register: a crash between any two writes, then the client retries', () => {
  it('a resident: one record under its number, the role, one registration event, numbers without gaps', async () => {
    const { writes, problems } = await visit('resident');
    expect(writes.length).toBeGreaterThan(2);
    expect(problems.join('\n')).toBe('');
  }, 60_000);

  it('a visitor (member record made): likewise', async () => {
    const { writes, problems } = await visit('visitor');
    expect(writes.length).toBeGreaterThan(2);
    expect(problems.join('\n')).toBe('');
  }, 60_000);
});
