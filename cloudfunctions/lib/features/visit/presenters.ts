import { CARE_FLAG_LABELS, VISIT_CHANNEL_LABELS, type CareView, type VisitView } from '../../../../miniprogram/core/visit/contract';
import type { ScopedStore } from '../../kernel/scoped-store';
import { formatAddress } from '../member/household';
import type { HouseholdCareRecord, VisitRecord } from './records';

export function toVisitView(v: VisitRecord, address: string): VisitView {
  return {
    id: v._id,
    householdId: v.householdId,
    address,
    buildingName: v.buildingName,
    gridId: v.gridId,
    visitedAt: v.visitedAt,
    channel: v.channel,
    channelLabel: VISIT_CHANNEL_LABELS[v.channel],
    topics: v.topics.map((t) => ({ id: t.id, name: t.name })),
    notes: v.notes,
    visitorText: v.visitor.kind === 'partyMember' ? `党员 ${v.visitor.name}（${v.loggedByName}登记）` : v.visitor.name,
    visitorKind: v.visitor.kind,
    loggedByName: v.loggedByName,
    concern: v.concernId && v.concernNumber ? { id: v.concernId, number: v.concernNumber } : null,
    createdAt: v.createdAt,
  };
}

/** A page of visits with their households' addresses, read from the roll in one batch. */
export async function toVisitViews(db: ScopedStore, visits: VisitRecord[]): Promise<VisitView[]> {
  const households = new Map((await db.getMany('households', visits.map((v) => v.householdId))).map((h) => [h._id, h]));
  return visits.map((v) => {
    const h = households.get(v.householdId);
    return toVisitView(v, h ? formatAddress(v.buildingName, h.unit, h.room) : v.buildingName);
  });
}

export function toCareView(householdId: string, c: HouseholdCareRecord | null | undefined): CareView {
  const elderly = c?.elderly ?? false;
  const specialCare = c?.specialCare ?? false;
  return {
    householdId,
    elderly,
    specialCare,
    text: [elderly ? CARE_FLAG_LABELS.elderly : '', specialCare ? CARE_FLAG_LABELS.specialCare : ''].filter(Boolean).join('、'),
    updatedAt: c?.updatedAt ?? null,
    updatedByName: c?.updatedByName ?? null,
  };
}
