/**
 * Builders for 定期评事's rows: the demo community's report of the month before the world's
 * clock (October 2026), issued by 王书记 where a row needs it issued. It is the whole
 * community's, so both grids' workers read it; another community's admin finds none of it.
 */
import type { World } from '../support/world';
import { key } from '../support/world';
import type { Builder } from './fixtures';

const ADMIN = 'demo-admin';
const MONTH = '2026-10';

async function issued(w: World): Promise<string> {
  return (await w.h.ok<{ reportId: string }>(ADMIN, 'report.issue', { month: MONTH }, key())).reportId;
}

export const reportBuilders: Record<string, Builder> = {
  'report.list': async (w) => ({ data: {}, probe: await issued(w) }),
  'report.get': async (w) => ({ data: { month: MONTH }, probe: await issued(w) }),
  // Named by community, as the 街道 reads it; staff of another community find nothing by naming it.
  'report.get#community': async (w) => ({ data: { month: MONTH, communityId: 'demo' }, probe: await issued(w) }),
  'report.list#community': async (w) => ({ data: { communityId: 'demo' }, probe: await issued(w) }),
  'report.issue': async () => ({ data: { month: MONTH }, probe: `rpt_demo_${MONTH}` }),
  'report.addendum': async (w) => {
    await issued(w);
    return { data: { month: MONTH, text: '十月有一件诉求漏登，已补录。' }, probe: '十月有一件诉求漏登' };
  },
  'report.export': async (w) => {
    await issued(w);
    return { data: { month: MONTH } };
  },
  // The grid-1 service's usage sheet; the xlsx is compressed, so no probe can be read in it.
  'booking.export': async (w) => ({ data: { from: w.h.clock.now() - 30 * 24 * 3600_000, to: w.h.clock.now() + 30 * 24 * 3600_000 } }),
};
