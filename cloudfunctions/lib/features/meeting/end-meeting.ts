import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { loadMeeting } from './load';
import { requireVoteRunner } from './permissions';
import { meetingView } from './presenters';
import { endSession, startSession } from './session';

/** Declares the meeting over: sign-in closes, the minutes can be drafted. Not while an item is being voted. */
export const endMeeting: Handler<'meeting.end'> = async (ctx) => {
  const db = ctx.db();
  let m = await loadMeeting(ctx, ctx.input.meetingId);
  requireVoteRunner(ctx.caller, m);
  if (m.status === 'ended' || m.status === 'minutesApproved') return meetingView(ctx, m);
  if (m.status === 'cancelled') throw new AppError('CLOSED', '会议已取消');
  if (m.status === 'noticed' && ctx.now < m.startsAt) throw new AppError('CLOSED', '会议还没有开始');
  if (m.votingItemId !== null || m.agenda.some((i) => i.status === 'voting')) throw new AppError('CONFLICT', '有议程正在表决，请先结束表决再散会');
  // Started on time but nobody signed in before the sweep came round: it was in session all the same.
  m = await startSession(db, ctx.caller, m, ctx.now);
  return meetingView(ctx, await endSession(db, ctx.caller, m, ctx.now));
};
