import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { isStaff } from '../../../../miniprogram/core/roles';
import { maskIdNumber } from '../../../../miniprogram/core/volunteer/contract';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { hasRole } from '../../kernel/caller';
import { changeMember } from '../../kernel/members';
import { commitVersioned, lastEventOf, type LastEventCarrier } from '../../kernel/versioned';
import { claimNumber } from '../../kernel/numbering';
import { toVolunteerView } from './presenters';
import type { VolunteerRecord } from './records';
import { volunteerIdFor } from './rules';

/**
 * Registers the caller as a volunteer, or updates their own record. A resident (or staff)
 * of the community is active at once; someone from outside (a student of the
 * neighbourhood) waits for staff to verify them. The volunteer number is the community's
 * next, claimed without a transaction (kernel/numbering.ts), so numbers have no gaps or twins.
 * The ID number is sealed with the data key; only its masked form is kept readable.
 */
export const registerVolunteer: Handler<'volunteer.register'> = async (ctx) => {
  const { caller, input, now } = ctx;
  if (input.communityId && caller.communityId && input.communityId !== caller.communityId) throw new AppError('FORBIDDEN', '您已是其他社区的成员，只能在本社区登记');
  const communityId = caller.communityId ?? input.communityId;
  if (!communityId) throw fieldError('VALIDATION_ERROR', 'communityId', '请选择要服务的社区');
  const db = ctx.dbFor(communityId);
  const id = volunteerIdFor(caller.memberId);
  // A visitor's community comes first: it is warm in the reference cache, and the document it
  // brings back anchors the reads after it so they travel as one.
  if (!caller.communityId && !(await db.get('communities', communityId))) throw fieldError('NOT_FOUND', 'communityId', '社区不存在');
  // The caller's record (read unscoped: one kept in another community must not be numbered
  // again here), the last volunteer registered and the counter from before numbers were
  // claimed are apart: read together, whether or not the caller holds the role.
  const [stored, last, older] = await Promise.all([
    ctx.deps.store.get('volunteers', id),
    db.query('volunteers', { where: {}, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 1 }),
    db.get('counters', counterIdFor(communityId)),
  ]);
  if (stored && stored.communityId !== communityId) throw new AppError('NOT_FOUND');

  const sealed = input.idNumber === undefined ? undefined : input.idNumber === null ? { enc: null, masked: null } : { enc: ctx.deps.cipher.encrypt(input.idNumber), masked: maskIdNumber(input.idNumber) };
  const fields = {
    name: input.name,
    skills: [...new Set(input.skills)],
    availability: input.availability,
    partyMember: input.partyMember,
    birthDate: input.birthDate,
    ...(sealed ? { idNumberEnc: sealed.enc, idNumberMasked: sealed.masked } : {}),
    updatedAt: now,
  };
  // Editing also repairs a registration that died before its event reached `events` (the
  // record carries it as lastEvent, which commitVersioned settles).
  const update = (current: VolunteerRecord) =>
    commitVersioned(db, 'volunteers', current, fields, (next) => eventRecord(db, caller, { key: `v${next.version}:volunteer.updated`, subject: `volunteer:${id}`, type: 'volunteer.updated', public: false, at: now }), '资料刚被修改，请刷新后重试');

  // Registered before (or a crash left the record without the role): edited, the role made sure of beside it.
  if (stored) {
    const [record] = await Promise.all([update(stored), giveRole(ctx, communityId)]);
    return toVolunteerView(caller, record);
  }

  const resident = hasRole(caller, 'resident') || isStaff(caller.roles);
  // An admin who gave someone the volunteer role (member.setRoles) already vouched for them.
  const vouched = resident || hasRole(caller, 'volunteer');
  const status = vouched ? 'active' : 'pendingVerification';
  const registered = eventRecord(db, caller, { key: 'volunteer.registered', subject: `volunteer:${id}`, type: 'volunteer.registered', to: status, public: false, at: now });
  // The walk starts above the last volunteer stored and above the counter kept before claims.
  const floor = Math.max(older?.value ?? 0, numberOf(last.items[0]));
  // The role and the number are apart: given beside the claim. If what follows fails the role
  // stays, and the client's retry registers (a holder of the role without a record is
  // registered as anyone is, and meets its own claim).
  const [claimed] = await Promise.all([
    claimNumber(db, {
      series: counterIdFor(communityId), floor, collection: 'volunteers', ownerId: id,
      record: (value) => {
        const made: VolunteerRecord & LastEventCarrier = {
        _id: id, communityId, memberId: caller.memberId, ...fields, volunteerNumber: formatNumber(value),
        idNumberEnc: sealed?.enc ?? null, idNumberMasked: sealed?.masked ?? null,
        trainings: [], resident, status, verifiedBy: null, version: 1, createdAt: now,
        // The registration's event rides in the record: whoever edits it next makes sure it is in `events`.
        lastEvent: registered,
        };
        return made;
      },
    }),
    giveRole(ctx, communityId),
  ]);
  // The record and its event have deterministic ids: at once (a retry meets its claim and
  // puts back whichever did not land). An earlier attempt's claim stands as it was made.
  const [made] = await Promise.all([db.insert('volunteers', claimed.record), db.insert('events', lastEventOf(claimed.record) ?? registered)]);
  // A parallel registration of the same person, or the next claimant finishing this claim, put it there first: what is stored stands.
  const record = made ? claimed.record : await db.require('volunteers', id);
  return toVolunteerView(caller, record);
};

const counterIdFor = (communityId: string) => `ctr_${communityId}_volunteer`;
const formatNumber = (value: number) => `V${String(value).padStart(4, '0')}`;

/** The sequence number of a stored volunteer (0 for none). */
function numberOf(v: VolunteerRecord | undefined): number {
  const m = v ? /^V(\d+)$/.exec(v.volunteerNumber) : null;
  return m ? Number(m[1]) : 0;
}

/** The claim that numbered a volunteer (kernel/numbering.ts): its copy of the record is personal data too. */
export function claimIdOf(v: Pick<VolunteerRecord, 'communityId' | 'volunteerNumber'>): string | null {
  const m = /^V(\d+)$/.exec(v.volunteerNumber);
  return m ? `${counterIdFor(v.communityId)}_n${Number(m[1])}` : null;
}

/**
 * The volunteer role on the caller's member record (made for a visitor). The caller's
 * record was read by the wrapper: one without any (a visitor has no community) is made by
 * one insert; should one exist after all, changeMember reads it and adds the role.
 */
async function giveRole(ctx: Parameters<Handler<'volunteer.register'>>[0], communityId: string): Promise<void> {
  const { caller, input, now } = ctx;
  if (caller.roles.includes('volunteer')) return;
  const made = { openid: caller.openid, communityId, roles: ['volunteer' as const], gridIds: [], householdId: null, household: null, name: input.name };
  if (!caller.communityId && (await ctx.deps.store.insert('members', { _id: caller.memberId, ...made, version: 1, createdAt: now, updatedAt: now }))) return;
  await changeMember(ctx.deps.store, caller.memberId, now, (m) => {
    if (m && m.communityId !== communityId) throw new AppError('FORBIDDEN', '您已是其他社区的成员，只能在本社区登记');
    if (!m) return made;
    const { _id: _i, version: _v, createdAt: _c, updatedAt: _u, ...rest } = m;
    return { ...rest, roles: [...new Set([...m.roles, 'volunteer' as const])], name: m.name ?? input.name };
  });
}
