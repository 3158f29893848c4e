/**
 * The action wrapper as a caller meets it: every bad request gets a typed error envelope,
 * identity comes only from the platform, and internals never leak.
 */
import { ERROR_CODES } from '../../../../miniprogram/core/errors';
import { dispatch } from '../../../../cloudfunctions/lib/kernel/dispatch';
import { FEATURE_REGISTRY } from '../../../../cloudfunctions/lib/manifests';
import { bind } from '../../../../cloudfunctions/lib/kernel/action';
import { getMe } from '../../../../miniprogram/core/member/contract';
import { createHarness, key, member, type Harness } from '../../../support/harness';
import { CountingStore } from '../../../../cloudfunctions/lib/store/counting-store';
import type { Store } from '../../../../cloudfunctions/lib/ports/store';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

function expectTyped(res: { ok: boolean; error?: { code: string; message: string } }, code: string) {
  expect(res.ok).toBe(false);
  expect(res.error?.code).toBe(code);
  expect(ERROR_CODES).toContain(res.error?.code);
  expect(res.error?.message).toMatch(/[\u4e00-\u9fa5]/);
}

describe('malformed events get VALIDATION_ERROR or UNKNOWN_ACTION, never INTERNAL', () => {
  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an array', [1, 2]],
    ['a numeric action', { action: 42 }],
    ['an empty action', { action: '' }],
    ['a huge action name', { action: 'x'.repeat(10_000) }],
  ])('%s', async (_label, event) => {
    const res = await h.api(event, { openid: 'demo-resident-1' });
    expectTyped(res, 'VALIDATION_ERROR');
  });

  it.each(['no.such', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])('unknown action %s', async (action) => {
    expectTyped(await h.call('demo-resident-1', action), 'UNKNOWN_ACTION');
  });
});

describe('input is validated with the shared schema and reported per field', () => {
  it('names the field with a wrong type', async () => {
    const res = await h.call('demo-resident-1', 'concern.submit', { category: 1, text: 'x', buildingId: h.ids['1号楼'] }, key());
    expectTyped(res, 'VALIDATION_ERROR');
    const paths = (res as { error: { details: { issues: Array<{ path: string }> } } }).error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['category', 'text']));
  });
  it('refuses oversized text', async () => {
    const res = await h.call('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', text: '长'.repeat(5000), buildingId: h.ids['1号楼'] }, key());
    expectTyped(res, 'VALIDATION_ERROR');
    expect(res.ok || res.error.message).toContain('1000');
  });
  it('refuses operator objects where an id belongs', async () => {
    const res = await h.call('demo-grid-1', 'concern.get', { concernId: { $ne: null } });
    expectTyped(res, 'VALIDATION_ERROR');
  });
  it('refuses bidi overrides and lone surrogates in text', async () => {
    for (const text of ['楼道灯坏了\u202Egnp.exe', '楼道灯坏了\uD800了了']) {
      expectTyped(await h.call('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', text, buildingId: h.ids['1号楼'] }, key()), 'VALIDATION_ERROR');
    }
  });
  it('requires an idempotency key on actions that create things', async () => {
    const res = await h.call('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', text: '楼道灯坏了好几天', buildingId: h.ids['1号楼'] });
    expectTyped(res, 'VALIDATION_ERROR');
    expect(res.ok || res.error.message).toContain('idempotencyKey');
  });
});

describe('identity and role come from the platform, never from the request', () => {
  it('refuses openid or role smuggled into data', async () => {
    for (const extra of [{ openid: 'demo-admin' }, { role: 'admin' }, { _openid: 'demo-admin' }, { memberId: member('demo-admin') }]) {
      expectTyped(await h.call('demo-resident-1', 'member.me', extra), 'VALIDATION_ERROR');
    }
  });
  it('ignores identity fields at the top of the event', async () => {
    const res = await h.api(
      { action: 'member.me', data: {}, openid: 'demo-admin', userInfo: { openId: 'demo-admin' }, role: 'admin' },
      { openid: 'demo-resident-1' },
    );
    expect(res.ok && (res.data as { roles: string[] }).roles).toEqual(['resident']);
  });
  it('treats a call without platform identity as anonymous', async () => {
    expectTyped(await h.call(null, 'concern.listMine'), 'UNAUTHENTICATED');
    const describe = await h.call(null, 'meta.describe');
    expect(describe.ok).toBe(true);
  });
  it('tells a visitor to bind before using resident features', async () => {
    const res = await h.call('someone-new', 'concern.submit', { category: 'cat_demo_repair', text: '楼道灯坏了好几天', buildingId: h.ids['1号楼'] }, key());
    expectTyped(res, 'FORBIDDEN');
    expect(res.ok || res.error.message).toContain('绑定');
  });
  it('forbids residents from staff and admin actions', async () => {
    for (const action of ['concern.queue', 'member.listRequests', 'member.setRoles', 'community.upsertGrid']) {
      expectTyped(await h.call('demo-resident-1', action, {}), 'FORBIDDEN');
    }
  });
});

describe('failures inside a use case are hidden behind INTERNAL and logged', () => {
  it('answers INTERNAL with no stack or message from the error', async () => {
    const boom = bind(getMe, async () => {
      throw new Error('SQLITE_CORRUPT at /srv/secret/path openid=demo-resident-1');
    });
    const errors: Array<Record<string, unknown>> = [];
    const res = await dispatch(() => ({ ...boom, name: 'member.me' }) as never, { ...h.deps, log: { info: () => undefined, error: (l) => errors.push(l) } }, { action: 'member.me' }, { openid: 'demo-resident-1', features: FEATURE_REGISTRY });
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
    expect(errors).toHaveLength(1);
  });
});

describe('a declared prefetch rides on the read of the caller\'s record', () => {
  it('reads the record and the parts in one round-trip, and the handler\'s matching read costs none', async () => {
    const counting = new CountingStore(h.deps.store);
    const seen: Array<{ trips: number; name: unknown; caller: string | null }> = [];
    const def = bind(
      getMe,
      async (ctx) => {
        const before = counting.trips;
        const self = await ctx.db().get('members', ctx.caller.memberId);
        seen.push({ trips: counting.trips - before, name: self?.name, caller: ctx.caller.communityId });
        return {} as never;
      },
      { prefetch: (_input, me) => ({ self: { collection: 'members', id: me } }) },
    );
    const deps = { ...h.deps, store: counting as unknown as Store, config: { ...h.deps.config, rateLimits: {} } };
    const res = await dispatch(() => ({ ...def, name: 'member.me' }) as never, deps, { action: 'member.me' }, { openid: 'demo-resident-1', features: FEATURE_REGISTRY });
    expect(res.ok).toBe(true);
    expect(seen).toEqual([{ trips: 0, name: expect.any(String), caller: 'demo' }]);
    expect(counting.trips).toBe(1);
  });
});

describe('each call writes one structured log line without personal data', () => {
  it('logs action, role, outcome and duration only', async () => {
    h.logs.length = 0;
    await h.call('demo-resident-1', 'member.me');
    await h.call('demo-resident-1', 'concern.queue');
    expect(h.logs).toHaveLength(2);
    expect(h.logs[0]).toEqual({ action: 'member.me', role: 'resident', code: 'OK', ms: expect.any(Number) });
    expect(h.logs[1]).toMatchObject({ action: 'concern.queue', role: 'resident', code: 'FORBIDDEN' });
    expect(JSON.stringify(h.logs)).not.toMatch(/demo-resident-1|m_[0-9a-f]{24}|刘阿姨/);
  });
});
