/**
 * Concerns submitted at chosen times, as the demo residents: 刘阿姨 (demo-resident-1, 1号楼)
 * and 马大爷 (demo-resident-2, 3号楼). The harness runs without rate limits so a test can
 * file a month's worth in one go.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { Envelope } from '../../../../../miniprogram/core/envelope';
import { key, type Harness } from '../../../../support/harness';

export const R1 = 'demo-resident-1';
export const R2 = 'demo-resident-2';

const TEXTS: Record<string, string> = {
  repair: '楼道声控灯又坏了，晚上上下楼看不清台阶。',
  environment: '楼下垃圾桶满了没人清运，气味很大。',
  safety: '楼道里堆了纸箱，挡住了消防通道。',
};

/** Files one concern as `who` at `at` (the clock stays there). */
export async function concernAt(h: Harness, who: string, at: number, building: string, category: 'repair' | 'environment' | 'safety'): Promise<ConcernView> {
  h.clock.set(at);
  return h.ok<ConcernView>(who, 'concern.submit', { category: `cat_demo_${category}`, buildingId: h.ids[building], text: `${TEXTS[category]}（${at}）` }, key());
}

/** Beijing wall time → instant. */
export const bj = (y: number, m: number, d: number, hh = 10, mm = 0) => Date.UTC(y, m - 1, d, hh - 8, mm);

/** The refusal's code, or 'OK'. */
export const codeOf = (res: Envelope<unknown>) => (res.ok ? 'OK' : res.error.code);
/** The field the refusal names, if any. */
export const pathOf = (res: Envelope<unknown>) => (res.ok ? undefined : (res.error.details as { issues?: Array<{ path: string }> } | undefined)?.issues?.[0]?.path);
