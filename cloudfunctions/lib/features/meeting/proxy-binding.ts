/**
 * Binding an agent to a proxy, in one transaction over every record the rules read: the
 * proxy, the agent's holdings (`pa_<meeting>_<agent>`), the holdings of each member of the
 * principal's entry, and the proxies of the agent's own entries. The holdings of both sides
 * are written (the principal's only touched), so two bindings that could together make a
 * chain — A taking B's proxy while C takes A's — or pass the cap write one same record and
 * cannot both commit: the second re-reads and is refused.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Notifier } from '../../ports/platform';
import type { TxOps } from '../../ports/store';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { RollUnit } from '../poll/records';
import { meetingPage } from './notices';
import { agentRefusal, STANDING } from './proxy-rules';
import { proxyAgentId, proxyId, type MeetingRecord, type ProxyAgentRecord, type ProxyRecord } from './records';
import { rollEntriesOf } from './roll';

/** The ids a roll entry's proxies may have: the whole meeting, and each item. */
export function proxyIdsOf(m: Pick<MeetingRecord, '_id' | 'agenda'>, unitKey: string): string[] {
  return [null, ...m.agenda.map((i) => i.itemId)].map((s) => proxyId(m._id, unitKey, s));
}

/** Whether any proxy record of the meeting may exist (`proxiesMade`; an older meeting: it may). */
export const mayHaveProxies = (m: Pick<MeetingRecord, 'proxiesMade'>): boolean => m.proxiesMade !== false;

/**
 * Called before a proxy record is first written: the meeting no longer says it has none.
 * Conditional and without a version, so it never collides with the meeting's own steps.
 */
export async function markProxiesMade(db: ScopedStore, m: Pick<MeetingRecord, '_id' | 'proxiesMade'>): Promise<void> {
  if (m.proxiesMade === false) await db.update('meetings', m._id, { proxiesMade: true }, { proxiesMade: false });
}

/** The proxies an agent holds at this meeting, as stored (any status). */
export async function heldProxies(db: ScopedStore, m: Pick<MeetingRecord, '_id' | 'proxiesMade'>, agentMemberId: string): Promise<ProxyRecord[]> {
  if (!mayHaveProxies(m)) return [];
  const held = await db.get('meetingProxyAgents', proxyAgentId(m._id, agentMemberId));
  if (!held?.proxyIds.length) return [];
  return (await db.getMany('meetingProxies', held.proxyIds)).filter((p) => p.agentMemberId === agentMemberId);
}

async function standingHeld(tx: TxOps, rec: ProxyAgentRecord | null, agentMemberId: string, except: string): Promise<number> {
  // Each held proxy by id, all at once (as the holdings themselves are read).
  const held = await Promise.all((rec?.proxyIds ?? []).filter((id) => id !== except).map((id) => tx.get('meetingProxies', id)));
  return held.filter((p) => p && p.agentMemberId === agentMemberId && STANDING.includes(p.status)).length;
}

const holdings = (db: ScopedStore, m: MeetingRecord, memberId: string, rec: ProxyAgentRecord | null, proxyIds: string[]): ProxyAgentRecord => ({
  _id: proxyAgentId(m._id, memberId), communityId: db.communityId, meetingId: m._id, agentMemberId: memberId, proxyIds, version: (rec?.version ?? 0) + 1,
});

export interface Binding {
  /** The proxy as it should stand once bound (status `active` or `pendingConfirm`, agent set). */
  next: ProxyRecord;
  /** The stored proxy it replaces, compared on version; null when it is new. */
  expected: ProxyRecord | null;
  principal: RollUnit;
  agentMemberId: string;
  /** Where the form shows a refusal: `code` (the agent entering it) or `agentMemberId` (staff). */
  field: string;
  /** The agent's own entries on the frozen roll, when the caller has read them (the roll does not change). */
  agentEntries?: { unitKey: string; unit: RollUnit }[];
}

/**
 * Checks the rules against the records as they stand in the transaction and writes the
 * proxy and both holdings. Throws the rule's refusal; CONFLICT when the proxy changed.
 */
export async function bindAgent(db: ScopedStore, m: MeetingRecord, b: Binding): Promise<ProxyRecord> {
  const agentEntries = b.agentEntries ?? (await rollEntriesOf(db, m, b.agentMemberId));
  const ownIds = agentEntries.flatMap((e) => proxyIdsOf(m, e.unitKey));
  const principalIds = [...new Set(b.principal.voterIds)].filter((id) => id !== b.agentMemberId);
  return db.store.transaction(async (tx) => {
    // Every record the rules read, by id, at once: the proxy, both sides' holdings, the agent's own proxies.
    const [stored, agentRec, principalRecs, own] = await Promise.all([
      tx.get('meetingProxies', b.next._id),
      tx.get('meetingProxyAgents', proxyAgentId(m._id, b.agentMemberId)),
      Promise.all(principalIds.map((id) => tx.get('meetingProxyAgents', proxyAgentId(m._id, id)))),
      Promise.all(ownIds.filter((id) => id !== b.next._id).map((id) => tx.get('meetingProxies', id))),
    ]);
    if (b.expected ? !stored || stored.version !== b.expected.version || stored.communityId !== db.communityId : stored) {
      throw new AppError('CONFLICT', '这份委托刚被其他人处理过，请刷新');
    }
    // Then the proxies those holdings name, at once.
    const [principalHeld, agentHolds] = await Promise.all([
      Promise.all(principalRecs.map((rec, i) => standingHeld(tx, rec, principalIds[i], b.next._id))),
      standingHeld(tx, agentRec, b.agentMemberId, b.next._id),
    ]);
    const principalHolds = principalHeld.reduce((n, x) => n + x, 0);
    const agentGranted = own.filter((p) => p && STANDING.includes(p.status)).length;
    const refusal = agentRefusal({
      principalMemberIds: b.principal.voterIds, principalHolds, agentMemberId: b.agentMemberId, agentOnRoll: agentEntries.length > 0,
      agentGranted, agentHolds, cap: m.proxiesPerAgent,
    }, b.field);
    if (refusal) throw fieldError(refusal.code, refusal.field, refusal.message);
    tx.set('meetingProxies', b.next);
    tx.set('meetingProxyAgents', holdings(db, m, b.agentMemberId, agentRec, [...new Set([...(agentRec?.proxyIds ?? []), b.next._id])]));
    // Touched, not changed: a concurrent binding with one of them as agent now conflicts with this one.
    for (const [i, rec] of principalRecs.entries()) tx.set('meetingProxyAgents', holdings(db, m, principalIds[i], rec, rec?.proxyIds ?? []));
    return b.next;
  });
}

/** Who to tell about a proxy of an entry: the member who granted it, or (paper) the entry's people. */
export function principalsOf(p: Pick<ProxyRecord, 'principalMemberId'>, entry: Pick<RollUnit, 'voterIds'> | null): string[] {
  return p.principalMemberId ? [p.principalMemberId] : [...(entry?.voterIds ?? [])];
}

export async function tell(notifier: Notifier, db: ScopedStore, to: readonly string[], n: { id: string; kind: 'meeting.proxySignedIn' | 'meeting.proxyUsed' | 'meeting.proxyAccepted' | 'meeting.proxyRevoked' | 'meeting.proxyConfirmed' | 'meeting.proxyOverridden'; title: string; body: string; meetingId: string }): Promise<void> {
  for (const recipientId of new Set(to)) {
    await notifier.notify({ id: `${n.id}:${recipientId}`, communityId: db.communityId, recipientId, kind: n.kind, title: n.title, body: n.body, page: meetingPage(n.meetingId) });
  }
}
