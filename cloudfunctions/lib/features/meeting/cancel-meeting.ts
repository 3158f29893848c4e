import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { loadMeeting } from './load';
import { meetingView } from './presenters';
import { meetingSeatId } from './records';
import { changeMeeting } from './session';

/**
 * Calls a meeting off before it starts. Seats close at once; everyone on the roll — those
 * registered among them — is told by the sweep, a roll bucket at a time (a notice still
 * going out stops: the cancellation replaces it).
 */
export const cancelMeeting: Handler<'meeting.cancel'> = async (ctx) => {
  const db = ctx.db();
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  if (m.status === 'cancelled') return meetingView(ctx, m);
  if (m.status !== 'noticed' || ctx.now >= m.startsAt) throw new AppError('CLOSED', '会议已经开始，不能取消');
  const next = await changeMeeting(db, ctx.caller, m, { status: 'cancelled', cancelledAt: ctx.now, cancelReason: ctx.input.reason, fanout: { kind: 'cancelled', next: 0 } }, { type: 'meeting.cancelled', note: ctx.input.reason }, ctx.now);
  await db.update('meetingSeats', meetingSeatId(m._id), { status: 'closed' });
  return meetingView(ctx, next);
};
