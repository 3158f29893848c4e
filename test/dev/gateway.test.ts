/**
 * The local gateway, black-box over HTTP: the same envelope as wx.cloud.callFunction, the
 * caller from the x-wx-openid header, and no request that can knock it over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiFunction } from '../../cloudfunctions/lib/api-function';
import { createGateway, listen, type Gateway } from '../../dev/gateway';
import { seedDemo } from '../../dev/demo-seed';
import { localDeps, OffsetClock, type LocalDeps } from '../../dev/local-deps';

let gw: Gateway;
let deps: LocalDeps;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-gw-'));
  const clock = new OffsetClock();
  deps = localDeps({ filename: path.join(dir, 'linli.sqlite'), clock, quiet: true });
  await seedDemo(createApiFunction(deps, (c) => (c as { openid: string | null }).openid), deps.store);
  gw = await listen(createGateway(deps, clock), 0);
});
afterAll(async () => {
  await gw.close();
  deps.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function post(pathname: string, body: string, openid?: string) {
  const res = await fetch(`${gw.url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } } };
}

describe('health and routing', () => {
  it('answers /healthz when ready', async () => {
    const res = await fetch(`${gw.url}/healthz`);
    expect(res.status).toBe(200);
  });
  it('answers NOT_FOUND for unknown paths and functions', async () => {
    expect((await post('/functions/nope', '{}')).body.error?.code).toBe('NOT_FOUND');
    expect((await post('/elsewhere', '{}')).status).toBe(404);
  });
});

describe('the caller is the x-wx-openid header', () => {
  it('acts as the named demo person', async () => {
    const me = await post('/functions/api', JSON.stringify({ action: 'member.me' }), 'demo-grid-1');
    expect(me.body.data.roles).toEqual(['gridWorker']);
  });
  it('is anonymous without the header or with a malformed one', async () => {
    expect((await post('/functions/api', JSON.stringify({ action: 'concern.listMine' }))).body.error?.code).toBe('UNAUTHENTICATED');
    expect((await post('/functions/api', JSON.stringify({ action: 'concern.listMine' }), 'bad id with spaces')).body.error?.code).toBe('UNAUTHENTICATED');
  });
});

describe('bad requests get typed errors and the gateway keeps serving', () => {
  it('answers VALIDATION_ERROR for a body that is not JSON', async () => {
    const res = await post('/functions/api', '{"action": "member.me",', 'demo-resident-1');
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALIDATION_ERROR');
  });
  it('answers VALIDATION_ERROR for a body over 1 MB', async () => {
    const res = await post('/functions/api', JSON.stringify({ action: 'member.me', data: { x: 'x'.repeat(2 * 1024 * 1024) } }), 'demo-resident-1');
    expect(res.status).toBe(413);
    expect(res.body.error?.code).toBe('VALIDATION_ERROR');
  });
  it('still serves after a burst of garbage', async () => {
    await Promise.all(['', 'null', '[]', '"x"', '{"action":{}}', '\u0000\u0001'].map((b) => post('/functions/api', b, 'demo-resident-1')));
    expect((await post('/functions/api', JSON.stringify({ action: 'member.me' }), 'demo-resident-1')).body.ok).toBe(true);
  });
});

describe('the sweep function and the dev clock', () => {
  it('runs the sweep at once on POST /functions/sweep and moves time on request', async () => {
    const clock = await post('/_dev/clock?advanceMinutes=' + 15 * 24 * 60, '');
    expect(clock.body.ok).toBe(true);
    const sweep = (await post('/functions/sweep', '{}')) as unknown as { body: { jobs: { expireBindingRequests: { expired: number } } } };
    expect(sweep.body.jobs.expireBindingRequests.expired).toBe(1);
  });
  it('shows a person’s inbox for demos', async () => {
    const res = await fetch(`${gw.url}/_dev/inbox?openid=demo-grid-1`);
    const body = (await res.json()) as { data: { items: Array<{ title: string }> } };
    expect(body.data.items.map((m) => m.title)).toEqual(expect.arrayContaining(['新诉求待签收：设施维修']));
  });
});
