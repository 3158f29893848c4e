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
  // The community (for a visitor) and the caller's record are apart: read at once.
  const [community, found] = await Promise.all([caller.communityId ? null : db.get('communities', communityId), db.get('volunteers', volunteerIdFor(caller.memberId))]);
  if (!caller.communityId && !community) throw fieldError('NOT_FOUND', 'communityId', '社区不存在');

  const id = volunteerIdFor(caller.memberId);
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

  let record = found;
  if (record) {
    record = await commitVersioned(db, 'volunteers', record, fields, (next) => eventRecord(db, caller, { key: `v${next.version}:volunteer.updated`, subject: `volunteer:${id}`, type: 'volunteer.updated', public: false, at: now }), '资料刚被修改，请刷新后重试');
  } else {
    const resident = hasRole(caller, 'resident') || isStaff(caller.roles);
    // An admin who gave someone the volunteer role (member.setRoles) already vouched for them.
    const vouched = resident || hasRole(caller, 'volunteer');
    const base: Omit<VolunteerRecord, 'volunteerNumber'> = {
      _id: id, communityId, memberId: caller.memberId, ...fields,
      idNumberEnc: sealed?.enc ?? null, idNumberMasked: sealed?.masked ?? null,
      trainings: [], resident, status: vouched ? 'active' : 'pendingVerification', verifiedBy: null, version: 1, createdAt: now,
    };
    try {
      record = await ctx.deps.store.transaction(async (tx) => {
        const counterId = `ctr_${communityId}_volunteer`;
        const value = ((await tx.get('counters', counterId))?.value ?? 0) + 1;
        tx.set('counters', { _id: counterId, communityId, value });
        const full: VolunteerRecord = { ...base, volunteerNumber: `V${String(value).padStart(4, '0')}` };
        tx.insert('volunteers', full);
        tx.insert('events', eventRecord(db, caller, { key: 'volunteer.registered', subject: `volunteer:${id}`, type: 'volunteer.registered', to: full.status, public: false, at: now }));
        return full;
      });
    } catch (err) {
      // A parallel first registration of the same person won: theirs stands.
      if (!(err instanceof DuplicateKeyError)) throw err;
      record = await db.require('volunteers', id);
    }
  }

  if (!caller.roles.includes('volunteer')) {
    await changeMember(ctx.deps.store, caller.memberId, now, (m) => {
      if (m && m.communityId !== communityId) throw new AppError('FORBIDDEN', '您已是其他社区的成员，只能在本社区登记');
      if (!m) return { openid: caller.openid, communityId, roles: ['volunteer'], gridIds: [], householdId: null, household: null, name: input.name };
      const { _id: _i, version: _v, createdAt: _c, updatedAt: _u, ...rest } = m;
      return { ...rest, roles: [...new Set([...m.roles, 'volunteer' as const])], name: m.name ?? input.name };
    });
  }
  return toVolunteerView(caller, record);
};
