/**
 * The rules of a 委托 (proxy), pure: who may stand in for whom, how many, and until when.
 * An agent is another person on the roll — not of the principal's own entry — who has not
 * given their own vote away (no chains: A→B→C would let one person carry votes nobody gave
 * them), and who holds fewer proxies than the meeting allows (by default one, as common
 * 议事规则 have it). A proxy can be revoked, or granted, until the vote of its scope opens:
 * for one item, that item's vote; for the whole meeting, the first vote.
 */
import type { ErrorCode } from '../../../../miniprogram/core/errors';
import type { MeetingRollKind, ProxyStatus } from '../../../../miniprogram/core/council/vocabulary';
import type { RollUnit } from '../poll/records';
import type { AgendaItem, ProxyRecord } from './records';

/** A–Z and 2–9 without O, I (and 0, 1 are not in 2–9): nothing an elderly reader mistakes. */
export const PROXY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const PROXY_CODE_LENGTH = 6;

export function isProxyCode(code: string): boolean {
  return code.length === PROXY_CODE_LENGTH && [...code].every((c) => PROXY_CODE_ALPHABET.includes(c));
}

/** A proxy that binds: it counts against the agent's cap and means its principal gave their vote away. */
export const STANDING: readonly ProxyStatus[] = ['pendingConfirm', 'active'];
/** A proxy that may still be revoked (or, offered, taken up). */
export const LIVE: readonly ProxyStatus[] = ['offered', 'pendingConfirm', 'active'];

export interface Refusal {
  code: ErrorCode;
  field: string;
  message: string;
}

export interface AgentCheck {
  /** The members the principal's entry is made of (who could vote for it in person). */
  principalMemberIds: readonly string[];
  /** Proxies held, right now, by any member of the principal's entry. */
  principalHolds: number;
  agentMemberId: string;
  /** The agent stands for at least one entry of the roll themselves. */
  agentOnRoll: boolean;
  /** Proxies granted from the agent's own entries that still bind (pending or active). */
  agentGranted: number;
  /** Proxies the agent already holds, this one excluded. */
  agentHolds: number;
  cap: number;
}

/** Why this person cannot stand in for this entry, or null when they can. Field: where the form shows it. */
export function agentRefusal(c: AgentCheck, field: string): Refusal | null {
  if (c.principalMemberIds.includes(c.agentMemberId)) return { code: 'FORBIDDEN', field, message: '不能委托给本户（本人）的人，请委托名册上的其他人' };
  if (!c.agentOnRoll) return { code: 'FORBIDDEN', field, message: '受托人须是本次会议名册上的人' };
  if (c.principalHolds > 0) return { code: 'CONFLICT', field, message: '委托人已接受他人的委托，不能再把自己的表决权委托出去（不能转委托）' };
  if (c.agentGranted > 0) return { code: 'CONFLICT', field, message: '受托人已把自己的表决权委托给他人，不能再接受委托（不能转委托）' };
  if (c.agentHolds >= c.cap) return { code: 'CONFLICT', field, message: c.cap === 1 ? '受托人已接受了一份委托，每位受托人只能代表一位委托人' : `受托人已接受${c.agentHolds}份委托，每位受托人最多代表${c.cap}位委托人` };
  return null;
}

/**
 * Before the vote of the proxy's scope opens: for an item, while it waits to be voted; for
 * the whole meeting, while no vote has opened yet.
 */
export function beforeItsVote(agenda: readonly Pick<AgendaItem, 'itemId' | 'status' | 'openedAt'>[], itemId: string | null): boolean {
  if (itemId === null) return agenda.every((i) => i.openedAt === null);
  const item = agenda.find((i) => i.itemId === itemId);
  return !!item && item.status === 'pending' && item.openedAt === null;
}

/** Who may revoke: the principal who granted it in the app; meeting staff for a paper 委托书. */
export function mayRevoke(p: Pick<ProxyRecord, 'via' | 'principalMemberId'>, memberId: string, staff: boolean): boolean {
  return p.via === 'app' ? p.principalMemberId === memberId : staff;
}

/** 「王某」: the surname and 某, so an agent learns whom they stand for and no more. */
export function maskedName(name: string | null | undefined): string | null {
  const n = (name ?? '').trim();
  // 「居民」 stands in on the roll for someone who never gave a name: it is no surname.
  return n && n !== '居民' ? `${[...n][0]}某` : null;
}

/**
 * The principal's entry as the agent and the roll's staff see it: 「3号楼2单元301（王某）」.
 * A person's entry is labelled 「王秀英（3号楼2单元301）」 on the roll: the name comes off.
 */
export function principalLabelOf(kind: MeetingRollKind, unit: Pick<RollUnit, 'label'>, principalName: string | null): string {
  const masked = maskedName(principalName);
  if (kind === 'invitees') return masked ?? '参会人员';
  const place = kind === 'person' ? (/^.+（(.+)）$/.exec(unit.label)?.[1] ?? unit.label) : unit.label;
  return masked ? `${place}（${masked}）` : place;
}
