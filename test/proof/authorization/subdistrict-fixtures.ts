/**
 * Builders for the 街道's rows: 和平街道's admin opens 光明社区 and holds its first admin code.
 */
import type { AdminCodeView } from '../../../miniprogram/core/subdistrict/contract';
import type { World } from '../support/world';
import { key } from '../support/world';
import type { Builder } from './fixtures';

const SUB = 'demo-subdistrict';

const opened = (w: World) => w.h.ok<AdminCodeView>(SUB, 'subdistrict.createCommunity', { name: '光明社区' }, key());

export const subdistrictBuilders: Record<string, Builder> = {
  'subdistrict.overview': async () => ({ data: {}, probe: '"communityId":"demo"' }),
  'subdistrict.createCommunity': async () => ({ data: { name: '向阳社区' }, probe: '向阳社区' }),
  'subdistrict.issueAdminCode': async (w) => ({ data: { communityId: (await opened(w)).communityId }, probe: '"code"' }),
  'subdistrict.escalations': async () => ({ data: {} }),
  'subdistrict.redeemAdminCode': async (w) => ({ data: { code: (await opened(w)).code, name: '周主任' }, probe: '光明社区' }),
};
