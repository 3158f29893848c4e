/** Only your own uploads can be attached; a photo is visible exactly where its record is. */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const photo = (name: string, who: string) => `local://uploads/${member(who)}_${name}`;
const submit = (who: string, photos: string[]) =>
  h.call<ConcernView>(who, 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids[who === 'demo-resident-2' ? '3号楼' : '1号楼'], text: '井盖松动，车一压就响', photos }, key());

describe('attaching photos', () => {
  it('refuses to register a file in someone else’s folder', async () => {
    expect(await h.call('demo-resident-2', 'media.register', { fileId: photo('x.jpg', 'demo-resident-1') })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-resident-2', 'media.register', { fileId: 'cloud://env-1.bucket/uploads/m_someoneelse/x.jpg' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
  it('refuses unregistered files and other people’s files', async () => {
    expect(await submit('demo-resident-1', [photo('never-registered.jpg', 'demo-resident-1')])).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    const theirs = photo('y.jpg', 'demo-resident-1');
    await h.ok('demo-resident-1', 'media.register', { fileId: theirs });
    expect(await submit('demo-resident-2', [theirs])).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
  it('refuses to reuse one photo on a second concern', async () => {
    const f = photo('z.jpg', 'demo-resident-1');
    await h.ok('demo-resident-1', 'media.register', { fileId: f });
    expect((await submit('demo-resident-1', [f])).ok).toBe(true);
    expect(await submit('demo-resident-1', [f])).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });
  it('accepts cloud file ids in the caller’s own folder', async () => {
    const f = `cloud://env-1.bucket/uploads/${member('demo-resident-1')}/1700000000-ab.jpg`;
    expect(await h.ok('demo-resident-1', 'media.register', { fileId: f })).toEqual({ fileId: f, status: 'pending' });
  });
});

describe('photo links follow the concern’s visibility', () => {
  it('gives links to the uploader and, after the check, to the handling staff; never to other residents', async () => {
    const f = photo('p.jpg', 'demo-resident-1');
    await h.ok('demo-resident-1', 'media.register', { fileId: f });
    await submit('demo-resident-1', [f]);
    const own = await h.ok<{ urls: Record<string, string> }>('demo-resident-1', 'media.urls', { fileIds: [f] });
    expect(own.urls[f]).toMatch(/^http:\/\/gateway\.test\/uploads\/.+\?exp=\d+&sig=/);
    expect((await h.ok<{ urls: Record<string, string> }>('demo-grid-1', 'media.urls', { fileIds: [f] })).urls).toEqual({});
    h.clock.advance(11_000);
    await runSweep(h.deps);
    expect(Object.keys((await h.ok<{ urls: Record<string, string> }>('demo-grid-1', 'media.urls', { fileIds: [f] })).urls)).toEqual([f]);
    expect((await h.ok<{ urls: Record<string, string> }>('demo-resident-2', 'media.urls', { fileIds: [f] })).urls).toEqual({});
    expect((await h.ok<{ urls: Record<string, string> }>('demo-grid-2', 'media.urls', { fileIds: [f] })).urls).toEqual({});
  });
});

describe('reports', () => {
  it('hide content after three different people report it, counting each person once', async () => {
    const f = photo('q.jpg', 'demo-resident-1');
    await h.ok('demo-resident-1', 'media.register', { fileId: f });
    const c = await submit('demo-resident-1', [f]);
    h.clock.advance(11_000);
    await runSweep(h.deps);
    const id = c.ok ? c.data.id : '';
    for (const who of ['demo-grid-1', 'demo-grid-1']) expect(await h.ok(who, 'moderation.report', { subjectType: 'photo', fileId: f, reason: '含有他人隐私' })).toEqual({ reported: true, hidden: false });
    expect(await h.ok('demo-leader', 'moderation.report', { subjectType: 'photo', fileId: f, reason: '含有他人隐私' })).toEqual({ reported: true, hidden: false });
    expect(await h.ok('demo-admin', 'moderation.report', { subjectType: 'photo', fileId: f, reason: '含有他人隐私' })).toEqual({ reported: true, hidden: true });
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: id })).photos).toEqual([]);
    expect(await h.call('demo-resident-2', 'moderation.report', { subjectType: 'concernText', subjectId: id, reason: '不实' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
