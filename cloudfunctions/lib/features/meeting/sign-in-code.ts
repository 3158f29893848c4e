import { meetingQrText } from '../../../../miniprogram/core/council/meeting-contract';
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { changesAt, PERIOD_SECONDS } from '../../kernel/rotating-code';
import { meetingCodeFor } from './code';
import { loadMeeting } from './load';
import { requireMeetingStaff, signInOpen } from './permissions';
import { presentNow, quorumNow } from './presence';

/** The code the screen at the door shows, changing every 30 s, with the quorum as it stands. */
export const meetingSignInCode: Handler<'meeting.signInCode'> = async (ctx) => {
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  requireMeetingStaff(ctx.caller, m);
  if (!signInOpen(m, ctx.now)) {
    throw new AppError('CLOSED', m.status === 'noticed' ? '会议开始前1小时才开放签到' : m.status === 'cancelled' ? '会议已取消' : '会议已结束，签到已关闭');
  }
  const code = meetingCodeFor(m, ctx.now);
  return {
    code,
    qrText: meetingQrText(m._id, code),
    changesAt: changesAt(ctx.now),
    periodSeconds: PERIOD_SECONDS,
    quorum: quorumNow(m, await presentNow(ctx.db(), m, null)),
  };
};
