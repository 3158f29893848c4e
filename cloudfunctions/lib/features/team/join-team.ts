import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { op } from '../../ports/store';
import { volunteerIdFor } from '../volunteer/rules';
import { toTeamView } from './presenters';
import { teamMemberIdFor } from './rules';

/**
 * Joins a team. Membership is a document with a deterministic id: joining twice, or twice
 * at once, is one membership, and the count goes up only for the insert that made it.
 */
export const joinTeam: Handler<'team.join'> = async (ctx) => {
  const { caller, now } = ctx;
  const db = ctx.db();
  const [team, v] = await Promise.all([db.get('teams', ctx.input.teamId), db.get('volunteers', volunteerIdFor(caller.memberId))]);
  if (!team || !team.active) throw new AppError('NOT_FOUND', '服务队不存在');
  if (!v) throw new AppError('FORBIDDEN', '请先登记为志愿者');
  if (v.status !== 'active') throw new AppError('FORBIDDEN', v.status === 'pendingVerification' ? '您的志愿者登记正在等待社区核实' : '您的志愿者资格已暂停');
  const id = teamMemberIdFor(team._id, caller.memberId);
  if (await db.insert('teamMembers', { _id: id, communityId: db.communityId, teamId: team._id, memberId: caller.memberId, joinedAt: now })) {
    // The count and the event are apart: at once.
    await Promise.all([
      db.update('teams', team._id, { memberCount: op.inc(1) }),
      appendEvent(db, caller, { key: 'team.joined', subject: `team:${team._id}:${caller.memberId}`, type: 'team.joined', public: false, at: now }),
    ]);
  }
  const fresh = (await db.get('teams', team._id)) ?? team;
  return toTeamView(caller, fresh, true, new Map());
};
