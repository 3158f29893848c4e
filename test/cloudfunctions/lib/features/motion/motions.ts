/** Motions made the way residents and staff make them, and what the tests read back. */
import type { MotionView } from '../../../../../miniprogram/core/council/motion-contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { householdCensus } from '../../../../../cloudfunctions/lib/features/roll/census';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { key, member, type Harness } from '../../../../support/harness';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export const motionInput = (extra: Record<string, unknown> = {}) => ({
  title: '在小区东门加装非机动车充电桩',
  body: '电动车在楼道里充电很危险，希望在东门内侧空地安装集中充电桩，由物业统一管理。',
  ...extra,
});

export function propose(h: Harness, who = 'demo-resident-1', extra: Record<string, unknown> = {}): Promise<MotionView> {
  return h.ok<MotionView>(who, 'motion.propose', motionInput(extra), key());
}

export const getMotion = (h: Harness, id: string, who = 'demo-admin') => h.ok<MotionView>(who, 'motion.get', { motionId: id });

export async function households(h: Harness): Promise<number> {
  return (await householdCensus(new ScopedStore(h.deps.store, 'demo'), { scope: 'community', ids: [] })).length;
}

export async function inbox(h: Harness, recipient: string): Promise<Array<{ _id: string; title: string; body: string; kind: string; page: string }>> {
  const recipientId = recipient.startsWith('admins:') ? recipient : member(recipient);
  return (await h.deps.store.query<{ _id: string; title: string; body: string; kind: string; page: string; createdAt: number }>('inbox', {
    where: { communityId: 'demo', recipientId },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: 100,
  })).items;
}

export const adminTitles = async (h: Harness) => (await inbox(h, 'admins:demo')).map((m) => m.title);

export async function motionClock(h: Harness): Promise<Record<string, number>> {
  return (await runSweep(h.deps)).jobs.motionClock as Record<string, number>;
}
