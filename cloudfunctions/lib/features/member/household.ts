import { createHash } from 'node:crypto';

/**
 * Residents type addresses freely ("3单元", "３", "301室"); folding them to one key makes a
 * binding request and an invite for the same flat land on the same household, which the
 * one-vote-per-household rule depends on.
 */
export function normalizeAddressPart(part: string): string {
  return part
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(单元|号楼|号|室|栋|幢)$/u, '')
    .toUpperCase();
}

export function householdIdFor(communityId: string, buildingId: string, unit: string, room: string): string {
  const key = [communityId, buildingId, normalizeAddressPart(unit), normalizeAddressPart(room)].join('|');
  return `h_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/** The finder's search keys of a household, written with it (and backfilled by the sweep). */
export function householdKeys(unit: string, room: string): { unitKey: string; roomKey: string } {
  return { unitKey: normalizeAddressPart(unit), roomKey: normalizeAddressPart(room) };
}

export function formatAddress(buildingName: string, unit: string, room: string): string {
  return `${buildingName} ${normalizeAddressPart(unit)}单元 ${normalizeAddressPart(room)}室`;
}
