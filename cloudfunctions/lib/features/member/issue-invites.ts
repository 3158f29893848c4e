import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { INVITE_ALPHABET, INVITE_LENGTH, type InviteView } from '../../../../miniprogram/core/member/contract';
import type { Handler } from '../../kernel/action';
import type { BuildingRecord } from '../community/records';
import { appendEvent } from '../../kernel/audit';
import { formatAddress, householdIdFor, householdKeys } from './household';
import { inviteId, type HouseholdRecord, type InviteRecord } from './records';
const DAY = 24 * 3600 * 1000;

/** One single-use code per listed household; households are created on first mention. */
export const issueInvites: Handler<'member.issueInvites'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const buildingIds = [...new Set(input.households.map((h) => h.buildingId))];
  const buildings = new Map((await db.getMany('buildings', buildingIds)).map((b) => [b._id, b]));
  if (buildings.size !== buildingIds.length) throw fieldError('VALIDATION_ERROR', 'buildingIds', '所选楼栋不存在');

  const invites: InviteView[] = [];
  for (const h of input.households) {
    const building = buildings.get(h.buildingId) as BuildingRecord;
    const householdId = householdIdFor(db.communityId, h.buildingId, h.unit, h.room);
    await db.insert('households', {
      _id: householdId,
      communityId: db.communityId,
      buildingId: h.buildingId,
      unit: h.unit,
      room: h.room,
      ...householdKeys(h.unit, h.room),
      createdAt: now,
    } satisfies HouseholdRecord);
    const expiresAt = now + input.validDays * DAY;
    let code = '';
    // 31^8 codes: a collision is rare, and the insert tells us when it happens.
    for (let attempt = 0; attempt < 5 && !code; attempt += 1) {
      const candidate = ctx.deps.ids.code(INVITE_ALPHABET, INVITE_LENGTH);
      const record: InviteRecord = {
        _id: inviteId(candidate),
        communityId: db.communityId,
        householdId,
        household: { buildingId: h.buildingId, unit: h.unit, room: h.room },
        expiresAt,
        usedBy: null,
        usedAt: null,
        createdBy: caller.memberId,
        createdAt: now,
      };
      if (await db.insert('invites', record)) code = candidate;
    }
    if (!code) throw new AppError('CONFLICT', '生成邀请码失败，请重试');
    invites.push({ code, householdId, address: formatAddress(building.name, h.unit, h.room), expiresAt });
  }
  await appendEvent(db, caller, {
    key: ctx.deps.ids.random('e'),
    subject: `community:${db.communityId}`,
    type: 'invites.issued',
    public: false,
    note: `${invites.length}个邀请码`,
    at: now,
  });
  return { invites };
};
