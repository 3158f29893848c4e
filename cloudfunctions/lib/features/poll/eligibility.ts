/**
 * Who a poll is for, checked against the community and resolved to what the rest of the
 * feature compares with: the grids the scope lies in (a grid worker may only run polls
 * within their own) and the buildings it takes in.
 */
import { fieldError } from '../../../../miniprogram/core/errors';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { formatAddress } from '../member/household';

export interface PollScope {
  gridIds: string[];
  buildingIds: string[];
  text: string;
}

const listed = (names: string[]) => (names.length > 4 ? `${names.slice(0, 4).join('、')}等${names.length}处` : names.join('、'));

export async function scopeOfPoll(db: ScopedStore, e: { scope: 'community' | 'grids' | 'buildings' | 'households'; ids: string[] }): Promise<PollScope> {
  const ids = [...new Set(e.ids)];
  if (e.scope === 'community') return { gridIds: [], buildingIds: [], text: '全社区' };
  const buildings = await everyPage(db, 'buildings', {}, 'name');
  if (e.scope === 'grids') {
    const grids = await db.getMany('grids', ids);
    if (grids.length !== ids.length) throw fieldError('VALIDATION_ERROR', 'eligibility.ids', '所选网格不存在');
    return { gridIds: ids, buildingIds: buildings.filter((b) => ids.includes(b.gridId)).map((b) => b._id), text: listed(grids.map((g) => g.name)) };
  }
  if (e.scope === 'buildings') {
    const chosen = buildings.filter((b) => ids.includes(b._id));
    if (chosen.length !== ids.length) throw fieldError('VALIDATION_ERROR', 'eligibility.ids', '所选楼栋不存在');
    return { gridIds: [...new Set(chosen.map((b) => b.gridId))], buildingIds: ids, text: listed(chosen.map((b) => b.name)) };
  }
  const households = await db.getMany('households', ids);
  if (households.length !== ids.length) throw fieldError('VALIDATION_ERROR', 'eligibility.ids', '所选住户不存在');
  const byId = new Map(buildings.map((b) => [b._id, b]));
  return {
    gridIds: [...new Set(households.map((h) => byId.get(h.buildingId)?.gridId ?? ''))].filter(Boolean),
    buildingIds: [...new Set(households.map((h) => h.buildingId))],
    text: households.length > 3 ? `${households.length}户` : households.map((h) => formatAddress(byId.get(h.buildingId)?.name ?? '', h.unit, h.room)).join('、'),
  };
}
