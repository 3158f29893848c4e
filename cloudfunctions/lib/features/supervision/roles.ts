/**
 * The `supervisor` role follows the sitting term: its members hold it, everyone else who held
 * it through an earlier term loses it. `settleCommittee` brings the member records in line
 * with the terms and is run when a term is appointed and by the sweep at each term's first
 * day and the day after its last. Every step is idempotent (a member already as they should
 * be is left alone; the term's `roleState` only moves forward, conditionally), so a crash, a
 * retry or two sweeps at once end in the same records.
 */
import { appendEvent } from '../../kernel/audit';
import { everyPage } from '../../kernel/every-page';
import { changeMember, type MemberRecord } from '../../kernel/members';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { dayStart, latestBegun, onAppMembers, sitsOn, sittingUntil, communityDay } from './committee';
import { termSubject, type TermRecord } from './records';

type Change = 'granted' | 'revoked';

/** Gives or takes the role by compare-and-set on the member's version, with the member's audit step. */
async function setSupervisor(db: ScopedStore, actor: Caller | 'system', memberId: string, term: TermRecord, change: Change, now: number): Promise<void> {
  const current = await db.get('members', memberId);
  if (!current || current.deletedAt) return;
  const holds = current.roles.includes('supervisor');
  if (holds === (change === 'granted')) return;
  let before: MemberRecord['roles'] = [];
  let after: MemberRecord['roles'] = [];
  let changed = false;
  await changeMember(db.store, memberId, now, (m) => {
    if (!m) throw new Error(`member ${memberId} vanished`);
    before = m.roles;
    after = change === 'granted' ? [...new Set([...m.roles, 'supervisor' as const])] : m.roles.filter((r) => r !== 'supervisor');
    changed = after.length !== before.length;
    return { ...m, roles: after };
  });
  if (!changed) return;
  await appendEvent(db, actor, {
    key: `${term._id}:supervisor:${change}`,
    subject: `member:${memberId}`,
    type: 'member.rolesChanged',
    from: before.join(','),
    to: after.join(','),
    public: false,
    note: change === 'granted' ? `居务监督委员会任期 ${term.startsOn} 至 ${term.endsOn}` : `居务监督委员会任期结束（${term.startsOn} 起的一届）`,
    at: now,
  });
}

/** The community's terms, few (one every few years): all of them, oldest first. */
export async function allTerms(db: ScopedStore): Promise<TermRecord[]> {
  return everyPage(db, 'committeeTerms', {}, 'startsOn', 500);
}

/**
 * Brings roles in line with the terms at `now`: the sitting term's members gain the role,
 * members of terms that have ended or been replaced lose it unless they sit again.
 */
export async function settleCommittee(db: ScopedStore, actor: Caller | 'system', now: number, known?: readonly TermRecord[]): Promise<TermRecord[]> {
  const today = communityDay(now);
  // `known`: every term as the caller has just read and written them (oldest first), so they are not read again.
  const terms = known ? [...known] : await allTerms(db);
  const latest = known ? latestBegunOf(terms, now) : await latestBegun(db, now);
  const sitting = latest && sitsOn(latest, today) ? latest : null;
  const keep = new Set(onAppMembers(sitting));
  const after = new Map(terms.map((t) => [t._id, t]));

  if (sitting && sitting.roleState !== 'granted') {
    for (const id of keep) await setSupervisor(db, actor, id, sitting, 'granted', now);
    if (await db.update('committeeTerms', sitting._id, { roleState: 'granted', wakeAt: sittingUntil(sitting) }, { roleState: sitting.roleState })) {
      after.set(sitting._id, { ...sitting, roleState: 'granted', wakeAt: sittingUntil(sitting) });
    }
  }
  for (const t of terms) {
    if (t._id === sitting?._id || t.roleState === 'released') continue;
    // A term still to come keeps its wake-up at its first day.
    if (dayStart(t.startsOn) > now) continue;
    for (const id of onAppMembers(t)) if (!keep.has(id)) await setSupervisor(db, actor, id, t, 'revoked', now);
    const moved = await db.update('committeeTerms', t._id, { roleState: 'released', wakeAt: null }, { roleState: t.roleState });
    if (moved) after.set(t._id, { ...t, roleState: 'released', wakeAt: null });
    // Only a term that really sat ends: one replaced before it began never sat.
    if (moved && t.roleState === 'granted') {
      await appendEvent(db, actor, {
        key: 'ended',
        subject: termSubject(t._id),
        type: 'supervision.termEnded',
        from: 'sitting',
        to: 'ended',
        public: true,
        note: t.endedOn && t.endedOn <= t.endsOn ? `新一届于${t.endedOn}开始` : `任期至${t.endsOn}届满`,
        at: now,
      });
    }
  }
  return [...after.values()];
}

/** The latest term begun by `now`, from every term oldest first (as `latestBegun` finds it in the store). */
export function latestBegunOf(terms: readonly TermRecord[], now: number): TermRecord | null {
  const today = communityDay(now);
  return terms.filter((t) => t.startsOn <= today).sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0)).at(-1) ?? null;
}
