/**
 * Builders for 社情民意's rows. The world holds two repairs in 1号楼 (grid 1): the seed's and
 * 刘阿姨's door-entry concern; a third makes the sweep propose a 未诉先办 case there. Tasks
 * belong to 李秀英 (`gridWorker`); the month's topic is set by 王书记 with 李秀英 as its owner.
 */
import type { CaseView } from '../../../miniprogram/core/insight/contract';
import { runSweep } from '../../../cloudfunctions/lib/sweep/run-sweep';
import type { World } from '../support/world';
import { DAY, key, member } from '../support/world';
import type { Builder } from './fixtures';

const GRID1 = 'demo-grid-1';
const ADMIN = 'demo-admin';

const monthNow = (w: World) => new Date(w.h.clock.now() + 8 * 3600_000).toISOString().slice(0, 7);

async function proposed(w: World): Promise<string> {
  await w.h.ok('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: w.h.ids['1号楼'], text: '1号楼楼道灯又坏了，晚上看不清台阶。' }, key());
  await runSweep(w.h.deps);
  const { items } = await w.h.ok<{ items: CaseView[] }>(ADMIN, 'insight.cases', {});
  return items[0].caseId;
}

const task = (w: World, caseId: string) => ({ caseId, kind: 'task', ownerId: member(GRID1), dueAt: w.h.clock.now() + 5 * DAY, note: '排查1号楼全部楼道灯' });

async function accepted(w: World): Promise<string> {
  const caseId = await proposed(w);
  await w.h.ok(ADMIN, 'insight.decideCase', task(w, caseId), key());
  return caseId;
}

const TOPIC = (w: World) => ({
  month: monthNow(w),
  category: 'cat_demo_repair',
  title: '授权矩阵楼道照明',
  ownerId: member(GRID1),
  target: '月底前楼道灯全部可用',
  milestones: [{ title: '全面排查', dueAt: w.h.clock.now() + 7 * DAY }, { title: '更换完毕', dueAt: w.h.clock.now() + 20 * DAY }],
});

async function topicSet(w: World): Promise<void> {
  await w.h.ok(ADMIN, 'insight.setMonthlyTopic', TOPIC(w));
}

export const insightBuilders: Record<string, Builder> = {
  'insight.overview': async (w) => ({ data: { month: monthNow(w) }, probe: w.h.ids['1号楼'] }),
  'insight.drill': async (w) => ({ data: { month: monthNow(w), buildingId: w.h.ids['1号楼'] }, probe: w.ids.concern }),
  'insight.cases': async (w) => ({ data: {}, probe: await proposed(w) }),
  'insight.decideCase': async (w) => ({ data: { caseId: await proposed(w), kind: 'dismiss', reason: '已列入物业月度计划' }, probe: '"state":"dismissed"' }),
  'insight.decideCase#task': async (w) => ({ data: task(w, await proposed(w)), probe: '"state":"accepted"' }),
  'insight.closeCase': async (w) => ({ data: { caseId: await accepted(w), summary: '已更换全部灯具' }, probe: '"state":"closed"' }),
  'insight.settings': async () => ({ data: {}, probe: '"clusterK":3' }),
  'insight.settings#set': async () => ({ data: { clusterK: 4 }, probe: '"clusterK":4' }),
  'insight.setMonthlyTopic': async (w) => ({ data: TOPIC(w), probe: '授权矩阵楼道照明' }),
  'insight.monthlyTopic': async (w) => {
    await topicSet(w);
    return { data: { month: monthNow(w) }, probe: '授权矩阵楼道照明' };
  },
  'insight.recordMilestone': async (w) => {
    await topicSet(w);
    return { data: { month: monthNow(w), index: 0, note: '四栋楼排查完' }, probe: '四栋楼排查完' };
  },
};
