import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { isStaff } from '../../../../miniprogram/core/roles';
import { maskIdNumber } from '../../../../miniprogram/core/volunteer/contract';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { hasRole } from '../../kernel/caller';
import { changeMember } from '../../kernel/members';
import { commitVersioned } from '../../kernel/versioned';
import { DuplicateKeyError } from '../../ports/store';
import { toVolunteerView } from './presenters';
import type { VolunteerRecord } from './records';
import { volunteerIdFor } from './rules';

/**
 * Registers the caller as a volunteer, or updates their own record. A resident (or staff)
 * of the community is active at once; someone from outside (a student of the
 * neighbourhood) waits for staff to verify them. The volunteer number is the community's
 * next, taken in the same transaction as the record, so numbers have no gaps or twins.
 * The ID number is sealed with the data key; only its masked form is kept readable.
 */
export const registerVolunteer: Handler<'volunteer.register'> = async (ctx) => {
  const { caller, input, now } = ctx;
  if (input.communityId && caller.communityId && input.communityId !== caller.communityId) throw new AppError('FORBIDDEN', '您已是其他社区的成员，只能在本社区登记');
  const communityId = caller.communityId ?? input.communityId;
  if (!communityId) throw fieldError('VALIDATION_ERROR', 'communityId', '请选择要服务的社区');
  const db = ctx.dbFor(communityId);
  const id = volunteerIdFor(caller.memberId);
  // Someone without the volunteer role has, but for a crash, no record yet: it is looked for
  // inside the numbering transaction rather than before it (one wait less). A holder of the
  // role is editing theirs: it is read first.
  const likelyNew = !caller.roles.includes('volunteer');
  // The community (for a visitor) and the caller's record are apart: read at once.
  const [community, read] = await Promise.all([caller.communityId ? null : db.get('communities', communityId), likelyNew ? null : db.get('volunteers', id)]);
  if (!caller.communityId && !community) throw fieldError('NOT_FOUND', 'communityId', '社区不存在');

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
  const update = (current: VolunteerRecord) =>
    commitVersioned(db, 'volunteers', current, fields, (next) => eventRecord(db, caller, { key: `v${next.version}:volunteer.updated`, subject: `volunteer:${id}`, type: 'volunteer.updated', public: false, at: now }), '资料刚被修改，请刷新后重试');

  let record: VolunteerRecord;
  if (read) {
    record = await update(read);
  } else {
    const resident = hasRole(caller, 'resident') || isStaff(caller.roles);
    // An admin who gave someone the volunteer role (member.setRoles) already vouched for them.
    const vouched = resident || hasRole(caller, 'volunteer');
    const base: Omit<VolunteerRecord, 'volunteerNumber'> = {
      _id: id, communityId, memberId: caller.memberId, ...fields,
      idNumberEnc: sealed?.enc ?? null, idNumberMasked: sealed?.masked ?? null,
      trainings: [], resident, status: vouched ? 'active' : 'pendingVerification', verifiedBy: null, version: 1, createdAt: now,
    };
    const register = async (): Promise<{ made: VolunteerRecord } | { stored: VolunteerRecord }> => {
      try {
        return await ctx.deps.store.transaction(async (tx) => {
          const counterId = `ctr_${communityId}_volunteer`;
          const [counter, stored] = await Promise.all([tx.get('counters', counterId), likelyNew ? tx.get('volunteers', id) : null]);
          if (stored) return { stored };
          const value = (counter?.value ?? 0) + 1;
          tx.set('counters', { _id: counterId, communityId, value });
          const full: VolunteerRecord = { ...base, volunteerNumber: `V${String(value).padStart(4, '0')}` };
          tx.insert('volunteers', full);
          tx.insert('events', eventRecord(db, caller, { key: 'volunteer.registered', subject: `volunteer:${id}`, type: 'volunteer.registered', to: full.status, public: false, at: now }));
          return { made: full };
        });
      } catch (err) {
        // A parallel first registration of the same person won: theirs stands.
        if (!(err instanceof DuplicateKeyError)) throw err;
        return { made: await db.require('volunteers', id) };
      }
    };
    // The role and the number are apart: given beside the transaction, not after it. If the
    // transaction fails the role stays, and the client's retry registers (a holder of the
    // role without a record is registered as anyone is).
    const [outcome] = await Promise.all([register(), giveRole(ctx, communityId)]);
    if ('made' in outcome) record = outcome.made;
    else if (outcome.stored.communityId !== communityId) throw new AppError('NOT_FOUND');
    // Registered before, the role not yet given (a crash between the two): the record is edited as it would have been.
    else record = await update(outcome.stored);
    return toVolunteerView(caller, record);
  }

  await giveRole(ctx, communityId);
  return toVolunteerView(caller, record);
};

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
