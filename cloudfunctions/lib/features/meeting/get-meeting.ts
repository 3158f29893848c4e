import type { Handler } from '../../kernel/action';
import { loadMeeting } from './load';
import { meetingView } from './presenters';

export const getMeeting: Handler<'meeting.get'> = async (ctx) => meetingView(ctx, await loadMeeting(ctx, ctx.input.meetingId));
