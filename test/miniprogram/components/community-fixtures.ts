/**
 * The 社区管理 backend as the page and its four tab components see it, shared by their
 * test files (one page or component per file; see harness.ts).
 */
import { fakeBackend, flush, meReply, ok, render, type Replies } from '../harness';

const H = 3600_000;
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;

export const admin = meReply(['community.upsertGrid', 'community.upsertBuilding', 'member.setRoles', 'member.issueInvites', 'concern.upsertCategory'], {
  roles: ['admin'],
});

export const grid1 = {
  id: 'g1',
  name: '第一网格',
  workerA: { memberId: 'w1', name: '张网格' },
  workerB: { memberId: 'w2', name: '刘阿姨' },
  leader: { memberId: 'a1', name: '王书记' },
};
export const grid2 = { id: 'g2', name: '第二网格' };

export const building = (n: number, gridId = 'g1') => ({ id: `b${n}`, name: `${n}号楼`, gridId });

export const noise = { id: 'noise', name: '噪音扰民', contactHours: 12, resolveDays: 5 };
export const repair = { id: 'repair', name: '公共维修', contactHours: 24, resolveDays: 7 };

export type { Replies };

export function communityBackend(replies: Replies = {}) {
  return fakeBackend({
    'member.me': admin,
    'community.grids': ok({ items: [grid1, grid2] }),
    'community.buildings': (data) => {
      // The invite picker reads 50 at a time; the list 20 at a time, in two pages.
      if (data.limit === 50) return ok({ items: [building(1), building(2), building(3, 'g2')] });
      return data.cursor === 'p2' ? ok({ items: [building(3, 'g2')] }) : ok({ items: [building(1), building(2)], next: 'p2' });
    },
    'community.upsertBuilding': (data) => ok({ id: (data.buildingId as string | undefined) ?? 'b-new', name: data.name, gridId: data.gridId }),
    'community.upsertGrid': (data) => ok({ id: (data.gridId as string | undefined) ?? 'g-new', name: data.name }),
    'member.setRoles': (data) => ok({ memberId: data.memberId, name: data.name, roles: data.roles, gridIds: data.gridIds }),
    'member.issueInvites': (data) =>
      ok({
        invites: (data.households as Array<{ buildingId: string; unit: string; room: string }>).map((h, i) => ({
          code: `ABCDEFG${i + 2}`,
          householdId: `h${i}`,
          address: `${h.buildingId === 'b1' ? '1号楼' : '3号楼'} ${h.unit}单元 ${h.room}室`,
          expiresAt: bj(2026, 6, 5, 10, 30),
        })),
      }),
    'concern.categories': ok({ items: [noise, repair] }),
    'concern.upsertCategory': (data) => ok({ id: (data.categoryId as string | undefined) ?? 'c-new', order: 100, active: true, templates: [], ...data, residentWaitDays: data.residentWaitDays ?? 7 }),
    ...replies,
  });
}

/** Renders one tab component as the shell does when its tab is on screen. */
export async function openTab(id: string, replies: Replies = {}) {
  const send = communityBackend(replies);
  const tab = render(id, { active: true });
  await flush();
  return { tab, send };
}
