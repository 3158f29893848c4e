/** A community with a second person in 刘阿姨’s household, and polls made the way staff make them. */
import type { PollView } from '../../miniprogram/core/poll/contract';
import { householdIdFor, householdKeys } from '../../cloudfunctions/lib/features/member/household';
import { key, member, type Harness } from './harness';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/** Binds `demo-family-1` (刘阿姨’s son) to 1号楼 1单元 101 by an invite. */
export async function addFamily(h: Harness, openid = 'demo-family-1', room = '101'): Promise<void> {
  const { invites } = await h.ok<{ invites: Array<{ code: string }> }>('demo-admin', 'member.issueInvites', { households: [{ buildingId: h.ids['1号楼'], unit: '1', room }] });
  await h.ok(openid, 'member.redeemInvite', { code: invites[0].code });
}

export interface PollOptions {
  unit?: 'person' | 'household' | 'ownerUnit';
  secret?: boolean;
  options?: string[];
  minPicks?: number;
  maxPicks?: number;
  channels?: Array<'app' | 'paper' | 'meeting' | 'hands'>;
  rule?: Record<string, unknown>;
  eligibility?: { scope: 'community' | 'grids' | 'buildings' | 'households'; ids?: string[] };
  opensIn?: number;
  lasts?: number;
  openTextLabel?: string | null;
  by?: string;
}

export async function makePoll(h: Harness, o: PollOptions = {}): Promise<PollView> {
  const now = h.clock.now();
  const opensAt = now + (o.opensIn ?? 0);
  return h.ok<PollView>(o.by ?? 'demo-admin', 'poll.create', {
    title: '是否同意在小区东门加装快递柜',
    description: '费用由快递公司承担，占用东门内侧空地约6平方米。',
    options: o.options ?? ['赞成', '反对'],
    minPicks: o.minPicks ?? 1,
    maxPicks: o.maxPicks ?? 1,
    openTextLabel: o.openTextLabel ?? null,
    unit: o.unit ?? 'household',
    eligibility: { scope: o.eligibility?.scope ?? 'community', ids: o.eligibility?.ids ?? [] },
    secret: o.secret ?? true,
    rule: o.rule ?? { id: 'URC-2018' },
    channels: o.channels ?? ['app', 'paper'],
    opensAt,
    closesAt: opensAt + (o.lasts ?? 7 * DAY),
  }, key());
}

/** A second admin, so a poll demo-admin made can be published (the two-person rule). */
export async function addSecondAdmin(h: Harness, openid = 'demo-admin-2'): Promise<void> {
  const { member } = await import('./harness');
  await h.ok('demo-admin', 'member.setRoles', { memberId: member(openid), roles: ['admin'], name: '李主任' });
}

export interface Neighbours {
  householdId: string;
  building: string;
  /** The residents bound there (openids), none for a flat nobody has bound. */
  openids: string[];
}

/**
 * Households of 5单元 with `people` residents each, written straight to the store (binding
 * each through invites would test binding, not polls). Names are 邻居<n>号, unique.
 */
export async function addHouseholds(h: Harness, specs: ReadonlyArray<{ building: string; room: string; people: number }>, prefix = 'poll-neighbour'): Promise<Neighbours[]> {
  const out: Neighbours[] = [];
  let n = 0;
  for (const s of specs) {
    const buildingId = h.ids[s.building];
    const householdId = householdIdFor('demo', buildingId, '5', s.room);
    await h.deps.store.insert('households', { _id: householdId, communityId: 'demo', buildingId, unit: '5', room: s.room, ...householdKeys('5', s.room), createdAt: h.clock.now() });
    const openids: string[] = [];
    for (let i = 0; i < s.people; i += 1) {
      n += 1;
      const openid = `${prefix}-${n}`;
      await h.deps.store.insert('members', {
        _id: member(openid), openid, communityId: 'demo', roles: ['resident'], gridIds: [], householdId,
        household: { id: householdId, buildingId, buildingName: s.building, unit: '5', room: s.room }, name: `邻居${n}号`,
        version: 1, createdAt: h.clock.now(), updatedAt: h.clock.now(),
      });
      openids.push(openid);
    }
    out.push({ householdId, building: s.building, openids });
  }
  return out;
}
