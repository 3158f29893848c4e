/**
 * A resolution from adoption to done: one per adopted item however often it is made, its
 * owner and the admins report progress that only goes forward, the mover and the concern's
 * author hear of it at each quarter and at the end, and everyone in the community reads it —
 * residents seeing only their own concern among those it came from.
 */
import type { ResolutionView } from '../../../../../miniprogram/core/council/resolution-contract';
import type { Page } from '../../../../../miniprogram/core/action';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { resolutionIdFor } from '../../../../../cloudfunctions/lib/features/resolution/records';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { key, member, type Harness } from '../../../../support/harness';
import { createHarness, inbox, motionFromConcern, seedResolution } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const get = (who: string, id: string) => h.ok<ResolutionView>(who, 'resolution.get', { resolutionId: id });
const progress = (who: string, id: string, percent: number, extra: Record<string, unknown> = {}) =>
  h.call<ResolutionView>(who, 'resolution.progress', { resolutionId: id, percent, text: `已完成${percent}%的工作量`, ...extra });

describe('an adopted item becomes one resolution, however often it is made', () => {
  it('returns the first one on a retry and tells the owner once', async () => {
    const a = await seedResolution(h);
    const b = await seedResolution(h, { dueInDays: 90 });
    expect(b).toEqual(a);
    expect(a._id).toBe(resolutionIdFor('mt_test', 'it1'));
    const told = (await inbox(h, 'demo-grid-1')).filter((m) => m.kind === 'resolution.assigned');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: '请落实会议决议：在东门增设快递柜', page: `/staff/resolution/index?id=${a._id}` });
  });
  it('starts at 0 % in progress, owned and due as given, readable by everyone in the community', async () => {
    const r = await seedResolution(h);
    for (const who of ['demo-resident-2', 'demo-volunteer-1', 'demo-grid-2', 'demo-admin']) {
      expect(await get(who, r._id)).toMatchObject({ status: 'inProgress', statusLabel: '落实中', percent: 0, ownerName: '李秀英', overdue: false, meeting: { bodyLabel: '居民代表会议' } });
    }
  });
  it('is NOT_FOUND in another community', async () => {
    const r = await seedResolution(h);
    expect(await h.call('other-admin', 'resolution.get', { resolutionId: r._id })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('the mover and the concern’s author follow it; residents see only their own concern', () => {
  it('tells them it was adopted and lists it under 我的', async () => {
    const { motionId, concernId } = await motionFromConcern(h, { author: 'demo-resident-1', mover: 'demo-resident-2' });
    const r = await seedResolution(h, { motionId });
    for (const who of ['demo-resident-1', 'demo-resident-2']) {
      expect((await inbox(h, who)).filter((m) => m.kind === 'resolution.adopted')).toHaveLength(1);
      const mine = await h.ok<Page<ResolutionView>>(who, 'resolution.list', { when: 'mine' });
      expect(mine.items.map((i) => i.id)).toEqual([r._id]);
    }
    const author = await get('demo-resident-1', r._id);
    expect(author.motion).toEqual({ motionId, title: '在东门增设快递柜' });
    expect(author.concerns.map((c) => c.concernId)).toEqual([concernId]);
    expect(author.concerns[0].title).toContain('设施维修');
    // The mover is not the concern's author: the concern stays the author's.
    expect((await get('demo-resident-2', r._id)).concerns).toEqual([]);
    expect((await get('demo-volunteer-1', r._id)).concerns).toEqual([]);
    expect((await get('demo-admin', r._id)).concerns.map((c) => c.concernId)).toEqual([concernId]);
    expect((await h.ok<Page<ResolutionView>>('demo-volunteer-1', 'resolution.list', { when: 'mine' })).items).toEqual([]);
  });
});

describe('progress is reported by the owner or an admin', () => {
  it('refuses another grid worker and residents', async () => {
    const r = await seedResolution(h);
    expect(await progress('demo-grid-2', r._id, 20)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await progress('demo-resident-1', r._id, 20)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await progress('demo-grid-1', r._id, 20)).ok).toBe(true);
    expect((await progress('demo-admin', r._id, 30)).ok).toBe(true);
    const v = await get('demo-resident-1', r._id);
    expect(v.progress.map((p) => [p.percent, p.byName])).toEqual([[20, '李秀英'], [30, '王书记']]);
    expect(v.allowedActions).toEqual(['resolution.get']);
    expect((await get('demo-grid-1', r._id)).allowedActions).toContain('resolution.progress');
  });
});

describe('progress never goes back', () => {
  it('refuses a lower figure naming the field, and keeps the entries it has', async () => {
    const r = await seedResolution(h);
    await progress('demo-grid-1', r._id, 60);
    const back = await progress('demo-grid-1', r._id, 40);
    expect(back).toMatchObject({ error: { code: 'VALIDATION_ERROR', message: '进度不能倒退：已记录到60%', details: { issues: [{ path: 'percent' }] } } });
    expect((await progress('demo-grid-1', r._id, 60, { text: '施工队已进场，本周完成基础' })).ok).toBe(true);
    expect((await get('demo-admin', r._id)).progress.map((p) => p.percent)).toEqual([60, 60]);
  });
  it('loses neither of two reports sent at once: each lands or is refused as CONFLICT, never overwritten', async () => {
    const r = await seedResolution(h);
    const [a, b] = await Promise.all([progress('demo-grid-1', r._id, 30), progress('demo-admin', r._id, 50)]);
    const landed = [a, b].filter((x) => x.ok).length;
    expect(landed).toBeGreaterThanOrEqual(1);
    for (const x of [a, b]) if (!x.ok) expect(x).toMatchObject({ error: { code: 'CONFLICT' } });
    // Whichever order they met the database in, the history holds every report that landed.
    expect((await get('demo-admin', r._id)).progress).toHaveLength(landed);
  });
});

describe('100 % is done, and the followers hear of each quarter crossed and of the end', () => {
  it('tells at 25, 50 (jumped from 30 to 55), 100 and not for small steps; done stops further reports', async () => {
    const { motionId } = await motionFromConcern(h, { author: 'demo-resident-1', mover: null });
    const r = await seedResolution(h, { motionId });
    for (const p of [10, 25, 30, 55, 60, 100]) expect((await progress('demo-grid-1', r._id, p)).ok).toBe(true);
    const told = (await inbox(h, 'demo-resident-1')).filter((m) => m.kind.startsWith('resolution.')).map((m) => m.title).reverse();
    expect(told).toEqual([
      '您关心的事已形成决议：在东门增设快递柜',
      '决议落实到25%：在东门增设快递柜',
      '决议落实到55%：在东门增设快递柜',
      '决议已办结：在东门增设快递柜',
    ]);
    // The motion's page shows the same bar.
    expect(await h.deps.store.get('motions', motionId)).toMatchObject({ resolutionId: r._id, resolution: { percent: 100, status: 'done' } });
    const done = await get('demo-resident-1', r._id);
    expect(done).toMatchObject({ status: 'done', statusLabel: '已办结', percent: 100, doneAt: h.clock.now() });
    expect(await progress('demo-admin', r._id, 100)).toMatchObject({ error: { code: 'CLOSED' } });
    expect((await h.ok<Page<ResolutionView>>('demo-resident-2', 'resolution.list', { when: 'done' })).items.map((i) => i.id)).toEqual([r._id]);
    expect((await h.ok<Page<ResolutionView>>('demo-resident-2', 'resolution.list', { when: 'open' })).items).toEqual([]);
  });
});

describe('a report’s words and photos pass the checks', () => {
  it('refuses words the content check refuses, naming the field', async () => {
    const r = await seedResolution(h);
    expect(await progress('demo-grid-1', r._id, 10, { text: '赌博场所已经清理完毕' })).toMatchObject({ error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: 'text' }] } } });
    expect((await get('demo-admin', r._id)).progress).toEqual([]);
  });
  it('takes only the reporter’s own uploads, and shows checked photos to residents', async () => {
    const r = await seedResolution(h);
    const mine = `local://uploads/${member('demo-grid-1')}_kdg.jpg`;
    const theirs = `local://uploads/${member('demo-resident-1')}_x.jpg`;
    await h.ok('demo-grid-1', 'media.register', { fileId: mine });
    await h.ok('demo-resident-1', 'media.register', { fileId: theirs });
    expect(await progress('demo-grid-1', r._id, 10, { photoIds: [theirs] })).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'photos' }] } } });
    expect((await progress('demo-grid-1', r._id, 10, { photoIds: [mine] })).ok).toBe(true);
    h.clock.advance(11_000);
    await runSweep(h.deps);
    const urls = await h.ok<{ urls: Record<string, string> }>('demo-resident-2', 'media.urls', { fileIds: [mine] });
    expect(Object.keys(urls.urls)).toEqual([mine]);
  });
});

describe('reassigning is for admins, with a reason, to community staff', () => {
  it('moves the owner and the date, tells the new owner, and is refused to the owner himself', async () => {
    const r = await seedResolution(h);
    expect(await h.call('demo-grid-1', 'resolution.reassign', { resolutionId: r._id, ownerId: member('demo-grid-2'), reason: '工作调整' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-admin', 'resolution.reassign', { resolutionId: r._id, ownerId: member('demo-resident-1'), reason: '工作调整' })).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'ownerId' }] } } });
    expect(await h.call('demo-admin', 'resolution.reassign', { resolutionId: r._id, reason: '工作调整' })).toMatchObject({ error: { details: { issues: [{ path: 'ownerId' }] } } });
    expect(await h.call('demo-admin', 'resolution.reassign', { resolutionId: r._id, dueAt: h.clock.now() - 1, reason: '延期' })).toMatchObject({ error: { details: { issues: [{ path: 'dueAt' }] } } });
    const due = h.clock.now() + 60 * DAY;
    const v = await h.ok<ResolutionView>('demo-admin', 'resolution.reassign', { resolutionId: r._id, ownerId: member('demo-grid-2'), dueAt: due, reason: '网格调整' });
    expect(v).toMatchObject({ ownerName: '张建国', dueAt: due });
    expect((await inbox(h, 'demo-grid-2')).some((m) => m.kind === 'resolution.assigned' && m.body.includes('网格调整'))).toBe(true);
    expect(await progress('demo-grid-1', r._id, 10)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await progress('demo-grid-2', r._id, 10)).ok).toBe(true);
    expect((await h.ok<Page<ResolutionView>>('demo-grid-2', 'resolution.list', { when: 'mine' })).items.map((i) => i.id)).toEqual([r._id]);
    expect((await h.ok<Page<ResolutionView>>('demo-grid-1', 'resolution.list', { when: 'mine' })).items).toEqual([]);
  });
});

describe('an overdue resolution is chased: the owner at the due date, then the admins every 3 days', () => {
  it('marks it overdue, tells the owner, then the admins, and stops once it is done', async () => {
    const r = await seedResolution(h, { dueInDays: 5 });
    await runSweep(h.deps);
    expect(await inbox(h, 'demo-grid-1')).not.toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'resolution.overdue' })]));
    h.clock.advance(5 * DAY + 1000);
    await runSweep(h.deps);
    await runSweep(h.deps);
    expect((await inbox(h, 'demo-grid-1')).filter((m) => m.kind === 'resolution.overdue')).toHaveLength(1);
    expect((await inbox(h, `admins:demo`)).filter((m) => m.kind === 'resolution.chased')).toHaveLength(0);
    expect(await get('demo-resident-1', r._id)).toMatchObject({ overdue: true });
    const open = await h.ok<Page<ResolutionView>>('demo-admin', 'resolution.list', { when: 'open' });
    expect(open.items[0]).toMatchObject({ id: r._id, overdue: true });
    h.clock.advance(3 * DAY);
    await runSweep(h.deps);
    expect((await inbox(h, `admins:demo`)).filter((m) => m.kind === 'resolution.chased')).toHaveLength(1);
    await progress('demo-grid-1', r._id, 100);
    h.clock.advance(10 * DAY);
    await runSweep(h.deps);
    expect((await inbox(h, `admins:demo`)).filter((m) => m.kind === 'resolution.chased')).toHaveLength(1);
  });
  it('starts afresh when an admin gives it a new date', async () => {
    const r = await seedResolution(h, { dueInDays: 1 });
    h.clock.advance(2 * DAY);
    await runSweep(h.deps);
    await h.ok('demo-admin', 'resolution.reassign', { resolutionId: r._id, dueAt: h.clock.now() + 10 * DAY, reason: '等待物业报价' }, key());
    expect(await get('demo-admin', r._id)).toMatchObject({ overdue: false });
    h.clock.advance(4 * DAY);
    await runSweep(h.deps);
    expect((await inbox(h, `admins:demo`)).filter((m) => m.kind === 'resolution.chased')).toHaveLength(0);
  });
});
