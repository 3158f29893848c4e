/**
 * 四议两公开 on a resolution: the register's six stages in order, each once; the resolving
 * meeting's own line comes from the meeting; a meeting stage needs 应到/实到 and cannot be
 * entered below its body's quorum (两委 and 党员大会: 三分之二以上到会), exactly.
 */
import type { ResolutionView } from '../../../../../miniprogram/core/council/resolution-contract';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { stageQuorum } from '../../../../../cloudfunctions/lib/features/resolution/stages';
import type { Harness } from '../../../../support/harness';
import { createHarness, seedResolution } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const stage = (who: string, resolutionId: string, s: string, extra: Record<string, unknown> = {}) =>
  h.call<ResolutionView>(who, 'resolution.recordStage', { resolutionId, stage: s, date: h.clock.now() - 3 * DAY, bodyText: '社区党委', outcome: '同意提交商议', ...extra });

describe('the resolving meeting’s stage is filled from the meeting', () => {
  it('shows 决议 done with its 应到/实到 and quorum line, the others waiting', async () => {
    const r = await seedResolution(h, { procedure: true, meeting: { due: 60, present: 45 } });
    const v = await h.ok<ResolutionView>('demo-resident-1', 'resolution.get', { resolutionId: r._id });
    expect(v.procedure?.map((s) => [s.stage, s.done])).toEqual([['propose', false], ['discuss', false], ['review', false], ['resolve', true], ['discloseResolution', false], ['discloseResult', false]]);
    expect(v.procedure?.[3]).toMatchObject({ label: '居民会议或代表会议决议', due: 60, present: 45, ratioText: '应到60人，实到45人（75%）', quorumText: '到会45人（需≥40人）→ 已达法定人数' });
    expect(await stage('demo-admin', r._id, 'resolve', { due: 60, present: 45 })).toMatchObject({ error: { code: 'CONFLICT', details: { issues: [{ path: 'stage' }] } } });
  });
  it('has no register at all when the matter does not need one', async () => {
    const r = await seedResolution(h);
    expect((await h.ok<ResolutionView>('demo-admin', 'resolution.get', { resolutionId: r._id })).procedure).toBeNull();
    expect(await stage('demo-admin', r._id, 'propose')).toMatchObject({ error: { code: 'CONFLICT' } });
  });
});

describe('stages go in order, each once, by admins', () => {
  it('refuses a stage before the one it follows, a second entry and grid workers', async () => {
    const r = await seedResolution(h, { procedure: true });
    expect(await stage('demo-admin', r._id, 'discuss', { due: 9, present: 9 })).toMatchObject({ error: { code: 'CONFLICT', message: '请先登记「党组织提议」' } });
    expect(await stage('demo-grid-1', r._id, 'propose')).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await stage('demo-admin', r._id, 'propose')).ok).toBe(true);
    expect(await stage('demo-admin', r._id, 'propose')).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await stage('demo-admin', r._id, 'discloseResolution')).toMatchObject({ error: { message: '请先登记「两委会议商议」' } });
  });
  it('refuses a date in the future, or after the meeting for a stage before it', async () => {
    const r = await seedResolution(h, { procedure: true });
    expect(await stage('demo-admin', r._id, 'propose', { date: h.clock.now() + DAY })).toMatchObject({ error: { details: { issues: [{ path: 'date' }] } } });
    expect(await stage('demo-admin', r._id, 'propose', { date: h.clock.now() - DAY / 2 })).toMatchObject({ error: { details: { issues: [{ path: 'date' }] } } });
  });
  it('walks the whole register to 实施结果公开, which waits for the work to be done', async () => {
    const r = await seedResolution(h, { procedure: true });
    await stage('demo-admin', r._id, 'propose');
    await stage('demo-admin', r._id, 'discuss', { bodyText: '两委联席会议', due: 9, present: 7 });
    await stage('demo-admin', r._id, 'review', { bodyText: '党员大会', due: 30, present: 20 });
    expect((await stage('demo-admin', r._id, 'discloseResolution', { date: h.clock.now(), bodyText: '居务公开栏' })).ok).toBe(true);
    expect(await stage('demo-admin', r._id, 'discloseResult', { date: h.clock.now() })).toMatchObject({ error: { code: 'CONFLICT', message: '决议落实完成（进度100%）后才能公开实施结果' } });
    expect((await h.ok<ResolutionView>('demo-admin', 'resolution.get', { resolutionId: r._id })).allowedActions).not.toContain('resolution.recordStage');
    await h.ok('demo-grid-1', 'resolution.progress', { resolutionId: r._id, percent: 100, text: '快递柜已安装投用' });
    const v = await h.ok<ResolutionView>('demo-admin', 'resolution.recordStage', { resolutionId: r._id, stage: 'discloseResult', date: h.clock.now(), bodyText: '居务公开栏', outcome: '已公示落实结果' });
    expect(v.procedure?.every((s) => s.done)).toBe(true);
    expect(v.procedure?.[1]).toMatchObject({ ratioText: '应到9人，实到7人（77%）', quorumText: '三分之二以上到会（需≥6人）→ 已达法定人数', recordedByName: '王书记' });
    expect(v.allowedActions).not.toContain('resolution.recordStage');
  });
});

describe('a meeting stage below its quorum is refused, with the numbers, on present', () => {
  it('needs 应到 and 实到', async () => {
    const r = await seedResolution(h, { procedure: true });
    await stage('demo-admin', r._id, 'propose');
    expect(await stage('demo-admin', r._id, 'discuss', { present: 7 })).toMatchObject({ error: { details: { issues: [{ path: 'due' }] } } });
    expect(await stage('demo-admin', r._id, 'discuss', { due: 9 })).toMatchObject({ error: { details: { issues: [{ path: 'present' }] } } });
    expect(await stage('demo-admin', r._id, 'discuss', { due: 9, present: 10 })).toMatchObject({ error: { details: { issues: [{ path: 'present' }] } } });
  });
  it('refuses 5 of 9 at the 两委 meeting and 19 of 30 at the 党员大会; 6 of 9 and 20 of 30 are exactly enough', async () => {
    const r = await seedResolution(h, { procedure: true });
    await stage('demo-admin', r._id, 'propose');
    expect(await stage('demo-admin', r._id, 'discuss', { due: 9, present: 5 })).toMatchObject({
      error: { code: 'VALIDATION_ERROR', message: '应到9人，实到5人（55%），三分之二以上到会（需≥6人）→ 未达法定人数，不能登记为完成', details: { issues: [{ path: 'present' }] } },
    });
    expect((await stage('demo-admin', r._id, 'discuss', { due: 9, present: 6 })).ok).toBe(true);
    expect(await stage('demo-admin', r._id, 'review', { due: 30, present: 19 })).toMatchObject({ error: { details: { issues: [{ path: 'present' }] } } });
    expect((await stage('demo-admin', r._id, 'review', { due: 30, present: 20 })).ok).toBe(true);
  });
  it('decides in integers at every size: present reaches 2/3 exactly when 3·present ≥ 2·due', () => {
    for (let due = 1; due <= 300; due++) {
      for (const present of [Math.floor((2 * due) / 3) - 1, Math.floor((2 * due) / 3), Math.ceil((2 * due) / 3), due]) {
        if (present < 0) continue;
        expect(stageQuorum('discuss', due, present).met).toBe(3 * present >= 2 * due);
        expect(stageQuorum('review', due, present).met).toBe(3 * present >= 2 * due);
      }
    }
  });
});
