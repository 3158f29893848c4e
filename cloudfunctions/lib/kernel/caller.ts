import { createHash } from 'node:crypto';
import type { CallerRole, MemberRole } from '../../../miniprogram/core/roles';
import type { Doc, QueryPage, ReadPart } from '../ports/store';
import type { Deps } from './deps';
import type { HouseholdSnapshot, MemberRecord } from './members';

/** Who is calling, as established by the platform and the member record, never by input. */
export interface Caller {
  /** null when the platform gave no identity (anonymous). */
  openid: string | null;
  memberId: string | null;
  roles: CallerRole[];
  communityId: string | null;
  gridIds: string[];
  /** Grids the caller leads as 网格长: they supervise (督办/催办) those grids' concerns. */
  ledGridIds: string[];
  /** The directory entry this caller is the contact person of (role `department`). */
  departmentId: string | null;
  householdId: string | null;
  /** Address snapshot of the bound household, so no handler re-reads the member. */
  household: HouseholdSnapshot | null;
  name: string | null;
  /** The caller's own phone, sealed; only `member.me` opens it, for the caller. */
  phoneEnc: string | null;
  deletionScheduledFor: number | null;
  /** Staff away status, as recorded; routing decides with the clock whether it still holds. */
  away: { since: number; until: number | null } | null;
}

/** A caller the platform identified: every action except the public reads gets one. */
export interface IdentifiedCaller extends Caller {
  openid: string;
  memberId: string;
}

export function isIdentified(caller: Caller): caller is IdentifiedCaller {
  return caller.openid !== null && caller.memberId !== null;
}

/**
 * Member ids are derived from the openid so responses, URLs and staff screens never carry
 * an openid, while the lookup stays a single get by id.
 */
export function memberIdFor(openid: string): string {
  return `m_${createHash('sha256').update(`linli-member:${openid}`).digest('hex').slice(0, 24)}`;
}

export function hasRole(caller: Caller, ...roles: CallerRole[]): boolean {
  return caller.roles.some((r) => roles.includes(r));
}

const ROLE_RANK: CallerRole[] = ['subdistrict', 'admin', 'gridWorker', 'department', 'volunteer', 'resident', 'visitor'];

/** The most privileged role, for logs. */
export function primaryRole(caller: Caller): CallerRole {
  return ROLE_RANK.find((r) => caller.roles.includes(r)) ?? 'visitor';
}

export const ANONYMOUS: Caller = {
  openid: null,
  memberId: null,
  roles: ['visitor'],
  communityId: null,
  gridIds: [],
  ledGridIds: [],
  departmentId: null,
  householdId: null,
  household: null,
  name: null,
  phoneEnc: null,
  deletionScheduledFor: null,
  away: null,
};

export async function resolveCaller(openid: string | null, deps: Pick<Deps, 'store' | 'config'>): Promise<Caller> {
  return (await resolveCallerWith(openid, deps)).caller;
}

/** The caller, and what was read beside the member record in the same round-trip. */
export interface ResolvedCaller {
  caller: Caller;
  /** The member record as stored (the anchor a prefetch's anchor values come from), or null. */
  record: MemberRecord | null;
  /** Each prefetched part's page; null when nothing was prefetched (no parts, or no record to read them with). */
  parts: Record<string, QueryPage<Doc>> | null;
}

/**
 * As resolveCaller, with `parts` read in the same round-trip as the member record: the record
 * is the anchor of one readTogether. Rights come from the record read now either way.
 */
export async function resolveCallerWith(openid: string | null, deps: Pick<Deps, 'store' | 'config'>, parts?: Readonly<Record<string, ReadPart>>): Promise<ResolvedCaller> {
  if (!openid) return { caller: ANONYMOUS, record: null, parts: null };
  const memberId = memberIdFor(openid);
  let stored: MemberRecord | null;
  let prefetched: Record<string, QueryPage<Doc>> | null = null;
  if (parts && Object.keys(parts).length > 0) {
    const together = await deps.store.readTogether({ collection: 'members', id: memberId }, parts);
    stored = together.anchor;
    prefetched = together.parts;
  } else stored = await deps.store.get('members', memberId);
  // A deleted account's record only anchors the audit trail: the person starts afresh.
  const record = stored?.deletedAt ? null : stored;
  // Records made for someone before their first call (approved requests, staff set up by an
  // admin) learn the openid now: subscription messages need it. One write, once.
  const learns = !!record && !record.openid;
  if (learns) await deps.store.update('members', memberId, { openid }, { openid: null, deletedAt: { $exists: false } });
  // The parts were read before that write: on this one call the handler reads for itself.
  return { caller: callerFromRecord(openid, record, deps.config), record, parts: record && !learns ? prefetched : null };
}

/**
 * The caller a member record makes, with the deployment's configured roles: for an action
 * that has just written the caller's own record, so it need not read it back.
 */
export function callerFromRecord(openid: string, stored: MemberRecord | null, config: Pick<Deps, 'config'>['config']): Caller {
  const memberId = memberIdFor(openid);
  const record = stored?.deletedAt ? null : stored;
  const deps = { config };
  const bootstrapCommunity = deps.config.bootstrapAdmins.get(openid);
  const roles = new Set<MemberRole>(record?.roles ?? []);
  if (bootstrapCommunity && (!record || record.communityId === bootstrapCommunity)) roles.add('admin');
  // The subdistrict's admins are named by the deployment; the role is never stored on a member.
  const callerRoles: CallerRole[] = [...roles, ...(deps.config.subdistrict.admins.has(openid) ? (['subdistrict'] as const) : [])];
  return {
    openid,
    memberId,
    roles: callerRoles.length ? callerRoles : ['visitor'],
    communityId: record?.communityId ?? bootstrapCommunity ?? null,
    gridIds: roles.has('gridWorker') ? record?.gridIds ?? [] : [],
    ledGridIds: roles.has('gridWorker') || roles.has('admin') ? record?.ledGridIds ?? [] : [],
    departmentId: roles.has('department') ? record?.departmentId ?? null : null,
    householdId: roles.has('resident') ? record?.householdId ?? null : null,
    household: roles.has('resident') ? record?.household ?? null : null,
    name: record?.name ?? null,
    phoneEnc: record?.phoneEnc ?? null,
    deletionScheduledFor: record?.deletionScheduledFor ?? null,
    away: record?.away ?? null,
  };
}
