/**
 * A person's part of the visit log. Staff: the visits they logged, with their notes.
 * Residents: the visits to their household (when, how, about what, by whom) and its care
 * flags; the staff's notes stay out, as staff notes on a concern do. Erasure cuts a deleted staff member's name from the visits
 * they logged; visits and care flags of a household stay with the household (it is the
 * household that was visited and flagged, as its concerns stay for the archive).
 */
import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { VISIT_CHANNEL_LABELS } from '../../../../miniprogram/core/visit/contract';
import { careIdFor } from './ids';
import type { VisitRecord } from './records';

const ERASED = '已注销用户';

const line = (v: VisitRecord) => ({
  visitedAt: v.visitedAt,
  channel: VISIT_CHANNEL_LABELS[v.channel],
  topics: v.topics.map((t) => t.name),
  visitor: v.visitor.kind === 'partyMember' ? `党员${v.visitor.name}` : v.visitor.name,
  loggedBy: v.loggedByName,
  concernNumber: v.concernNumber,
});

export const visitPersonalData: PersonalData = {
  collections: ['visits', 'householdCare'],
  async export({ all, ctx, memberId }) {
    const householdId = ctx.caller.householdId;
    // Side by side: none needs another's answer, so they gather with the other features' reads.
    const [logged, ofHousehold, care] = await Promise.all([
      all('visits', { loggedById: memberId }, 'visitedAt'),
      householdId ? all('visits', { householdId }, 'visitedAt') : { items: [], truncated: false },
      householdId ? ctx.db().get('householdCare', careIdFor(householdId)) : null,
    ]);
    return {
      sections: {
        // The notes are the writer's: in their own export, as staff notes on a concern stay
        // out of the resident's (what the household said that needs doing is its concern).
        visitsLogged: logged.items.map((v) => ({ ...line(v), household: v.buildingName, notes: v.notes })),
        visitsToMyHousehold: ofHousehold.items.map(line),
        householdCare: care ? { elderly: care.elderly, specialCare: care.specialCare, setBy: care.updatedByName, at: care.updatedAt } : null,
      },
      truncated: logged.truncated || ofHousehold.truncated,
    };
  },
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    // Each change moves the record out of the query: the drain ends, and reruns after a crash.
    await db.drain('visits', { loggedById: member._id }, 'visitedAt', (v) =>
      db.update('visits', v._id, {
        loggedById: anonymousId,
        loggedByName: ERASED,
        ...(v.visitor.kind === 'self' ? { visitor: { kind: 'self', memberId: anonymousId, name: ERASED } } : {}),
      }),
    );
    await db.drain('householdCare', { updatedById: member._id }, 'updatedAt', (c) => db.update('householdCare', c._id, { updatedById: anonymousId, updatedByName: ERASED }));
  },
};
