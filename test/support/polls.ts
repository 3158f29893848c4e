/** A community with a second person in 刘阿姨’s household, and polls made the way staff make them. */
import type { PollView } from '../../miniprogram/core/poll/contract';
import { key, type Harness } from './harness';

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
