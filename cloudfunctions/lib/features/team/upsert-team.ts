import { createHash } from 'node:crypto';
import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { commitVersioned, settleLastEvent, withoutLastEvent } from '../../kernel/versioned';
import { op } from '../../ports/store';
import type { TeamRecord } from '../volunteer/records';
import { volunteerIdFor } from '../volunteer/rules';
import { toTeamView } from './presenters';
import { teamMemberIdFor } from './rules';

/**
 * Admins create or edit a team and name its leaders, each a registered, active volunteer
 * of the community; a leader is also made a member of the team.
 */
export const upsertTeam: Handler<'team.upsert'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const leaderIds = [...new Set(input.leaderIds)];
  const leaders = await db.getMany('volunteers', leaderIds.map(volunteerIdFor));
  if (leaders.length !== leaderIds.length || leaders.some((v) => v.status !== 'active')) throw fieldError('VALIDATION_ERROR', 'leaderIds', '队长须是本社区已登记的志愿者');

  const request = createHash('sha256').update(`${db.communityId}:${caller.memberId}:${ctx.idempotencyKey ?? ''}`).digest('hex');
  let team: TeamRecord;
  if (input.teamId) {
    const current = await db.require('teams', input.teamId, '服务队不存在', 'teamId');
    if (ctx.idempotencyKey && current.lastRequest === request) {
      // A retry of the edit that made this version: it landed. Its event may not have (the
      // call died between the two writes), so settle it, and answer as the first call did.
      await settleLastEvent(db, current);
      team = withoutLastEvent(current);
    } else {
      team = await commitVersioned(db, 'teams', current, { name: input.name, description: input.description, leaderIds, active: input.active, updatedAt: now, lastRequest: request },
        (n) => eventRecord(db, caller, { key: `v${n.version}:team.updated`, subject: `team:${n._id}`, type: 'team.updated', public: false, at: now }), '服务队刚被修改，请刷新后重试');
    }
  } else {
    const id = `tm${request.slice(0, 22)}`;
    const record: TeamRecord = { _id: id, communityId: db.communityId, name: input.name, description: input.description, leaderIds, memberCount: 0, active: input.active, version: 1, createdAt: now, updatedAt: now };
    const made = await db.store.transaction(async (tx) => {
      if (await tx.get('teams', id)) return false;
      tx.insert('teams', record);
      tx.insert('events', eventRecord(db, caller, { key: 'team.created', subject: `team:${id}`, type: 'team.created', public: false, at: now }));
      return true;
    });
    team = made ? record : await db.require('teams', id);
  }
  // Leaders belong to the team they lead.
  let added = 0;
  for (const memberId of leaderIds) {
    if (await db.insert('teamMembers', { _id: teamMemberIdFor(team._id, memberId), communityId: db.communityId, teamId: team._id, memberId, joinedAt: now })) added += 1;
  }
  if (added) {
    await db.update('teams', team._id, { memberCount: op.inc(added) });
    team = { ...team, memberCount: team.memberCount + added };
  }
  const names = new Map(leaders.map((v) => [v.memberId, v.name]));
  return toTeamView(caller, team, leaderIds.includes(caller.memberId), names);
};
