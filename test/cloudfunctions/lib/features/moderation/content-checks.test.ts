/**
 * Every verdict path of the content checks, on text and on images: pass, review, risky,
 * and the check failing — which must hold content back, never let it through.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { ModerationItemView } from '../../../../../miniprogram/core/moderation/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { createApiFunction } from '../../../../../cloudfunctions/lib/api-function';
import { DEMO_APP_ID } from '../../../../../dev/local-deps';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const submit = (text: string, photos: string[] = []) =>
  h.call<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text, photos }, key());
const photo = (name: string, who = 'demo-resident-1') => `local://uploads/${member(who)}_${name}`;
const queue = async () => (await h.ok<{ items: ModerationItemView[] }>('demo-admin', 'moderation.queue', {})).items;

describe('text checks', () => {
  it('pass: staff see the text at once', async () => {
    const c = await submit('楼道灯坏了一周');
    expect(c.ok && c.data.underReview).toBeFalsy();
    const staff = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.ok ? c.data.id : '' });
    expect(staff.text).toBe('楼道灯坏了一周');
  });
  it('review: only the author and the moderators see it until approved', async () => {
    const res = await submit('我要写举报信反映物业问题');
    const c = res.ok ? res.data : (undefined as never);
    expect(c.text).toBe('我要写举报信反映物业问题');
    const worker = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(worker).toMatchObject({ underReview: true });
    expect(worker.text).not.toContain('举报信');
    const [item] = await queue();
    expect(item).toMatchObject({ subjectType: 'concernText', subjectId: c.id, reason: 'textReview' });
    await h.ok('demo-admin', 'moderation.decide', { itemId: item.id, decision: 'approve' });
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id })).text).toContain('举报信');
  });
  it('review then rejected: the concern ends and the resident is told why', async () => {
    const res = await submit('我要写举报信反映物业问题');
    const c = res.ok ? res.data : (undefined as never);
    const [item] = await queue();
    expect(await h.call('demo-admin', 'moderation.decide', { itemId: item.id, decision: 'reject' })).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    await h.ok('demo-admin', 'moderation.decide', { itemId: item.id, decision: 'reject', reason: '含有不实指控' });
    expect((await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id })).status).toBe('withdrawn');
    expect(await h.call('demo-admin', 'moderation.decide', { itemId: item.id, decision: 'approve' })).toMatchObject({ error: { code: 'CONFLICT' } });
  });
  it('risky: refused with CONTENT_REJECTED and nothing stored', async () => {
    expect(await submit('有人在楼下赌博')).toMatchObject({ error: { code: 'CONTENT_REJECTED' } });
  });
  it('the check failing: held for review, not published', async () => {
    h.deps.content = { checkText: async () => Promise.reject(new Error('-501001 system error')) };
    const res = await submit('电梯又坏了');
    expect(res.ok).toBe(true);
    const worker = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: res.ok ? res.data.id : '' });
    expect(worker.underReview).toBe(true);
  });
});

describe('image checks', () => {
  async function withPhoto(name: string) {
    const fileId = photo(name);
    await h.ok('demo-resident-1', 'media.register', { fileId });
    const res = await submit('楼道里堆满杂物', [fileId]);
    if (!res.ok) throw new Error(res.error.message);
    return { fileId, concern: res.data };
  }
  it('pending: the uploader sees it, staff do not, until the verdict arrives', async () => {
    const { fileId, concern } = await withPhoto('a.jpg');
    expect(concern.photos).toEqual([fileId]);
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: concern.id })).photos).toEqual([]);
    h.clock.advance(11_000);
    expect((await runSweep(h.deps)).jobs.mediaVerdicts).toEqual({ decided: 1 });
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: concern.id })).photos).toEqual([fileId]);
  });
  it('risky: stays hidden from everyone else', async () => {
    const { concern } = await withPhoto('risky.jpg');
    h.clock.advance(11_000);
    await runSweep(h.deps);
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: concern.id })).photos).toEqual([]);
  });
  it('review: goes to the moderation queue, shown after approval', async () => {
    const { fileId, concern } = await withPhoto('review.jpg');
    h.clock.advance(11_000);
    await runSweep(h.deps);
    const item = (await queue()).find((i) => i.subjectType === 'photo')!;
    expect(item).toMatchObject({ content: fileId, reason: 'imageReview' });
    await h.ok('demo-admin', 'moderation.decide', { itemId: item.id, decision: 'approve' });
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: concern.id })).photos).toEqual([fileId]);
  });
  it('the check request failing: held for review', async () => {
    h.deps.media = { request: async () => Promise.reject(new Error('quota')) };
    const { concern } = await withPhoto('b.jpg');
    expect((await queue()).find((i) => i.subjectType === 'photo')).toMatchObject({ reason: 'checkFailed' });
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: concern.id })).photos).toEqual([]);
  });
  it('takes WeChat’s push as the verdict, and never from a client call', async () => {
    h.deps.media = { request: async () => ({ traceId: 'trace-123' }) };
    const { fileId, concern } = await withPhoto('c.jpg');
    const forged = await h.api({ Event: 'wxa_media_check', trace_id: 'trace-123', result: { suggest: 'pass' } }, { openid: 'demo-resident-1' });
    expect(forged.ok).toBe(false);
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: concern.id })).photos).toEqual([]);
    await h.api({ MsgType: 'event', Event: 'wxa_media_check', appid: DEMO_APP_ID, trace_id: 'trace-123', result: { suggest: 'pass' } }, { openid: null });
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: concern.id })).photos).toEqual([fileId]);
  });
  // The platform may deliver a push with an openid of its own: the source decides, not the openid.
  const platformApi = () => createApiFunction(h.deps, (c) => (c as { openid: string | null }).openid, (c) => (c as { source: 'client' | 'platform' }).source);
  it('takes a push that carries an openid when the platform, not a client, delivered it', async () => {
    h.deps.media = { request: async () => ({ traceId: 'trace-456' }) };
    const { fileId, concern } = await withPhoto('d.jpg');
    const push = { MsgType: 'event', Event: 'wxa_media_check', appid: DEMO_APP_ID, trace_id: 'trace-456', result: { suggest: 'pass' } };
    expect(await platformApi()(push, { openid: 'oPushUser', source: 'client' })).toMatchObject({ ok: false });
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: concern.id })).photos).toEqual([]);
    expect(await platformApi()(push, { openid: 'oPushUser', source: 'platform' })).toEqual({ ok: true, data: 'success' });
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: concern.id })).photos).toEqual([fileId]);
  });
  it('refuses a push for another mini-program, and one for a trace id nobody waits for', async () => {
    h.deps.media = { request: async () => ({ traceId: 'trace-789' }) };
    const { concern } = await withPhoto('e.jpg');
    await h.api({ MsgType: 'event', Event: 'wxa_media_check', appid: 'wxsomeoneelse00000', trace_id: 'trace-789', result: { suggest: 'pass' } }, { openid: null });
    await h.api({ MsgType: 'event', Event: 'wxa_media_check', appid: DEMO_APP_ID, trace_id: 'trace-made-up', result: { suggest: 'pass' } }, { openid: null });
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: concern.id })).photos).toEqual([]);
    expect(h.errors.some((e) => String(e.error).includes('another app id'))).toBe(true);
  });
  it('sends a photo whose verdict never arrives to staff review after six hours', async () => {
    h.deps.media = { request: async () => ({ traceId: 'trace-lost' }) };
    await withPhoto('f.jpg');
    h.clock.advance(5 * 3600_000);
    expect((await runSweep(h.deps)).jobs.lateVerdicts).toEqual({ held: 0 });
    h.clock.advance(3600_000 + 1);
    expect((await runSweep(h.deps)).jobs.lateVerdicts).toEqual({ held: 1 });
    expect((await queue()).find((i) => i.subjectType === 'photo')).toMatchObject({ reason: 'checkFailed' });
  });
});
