import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { loadMeeting } from './load';
import { minutesView } from './minutes';

/** 会议纪要: staff read the draft; everyone else only the approved public version. */
export const getMinutes: Handler<'meeting.minutes'> = async (ctx) => {
  const m = await loadMeeting(ctx, ctx.input.meetingId);
  const view = await minutesView(ctx, m);
  if (!view) throw new AppError('NOT_FOUND', '会议纪要尚未审定公布');
  return view;
};
