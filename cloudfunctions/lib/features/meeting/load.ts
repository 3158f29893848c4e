import { fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { MeetingRecord } from './records';

/**
 * The meeting, within the caller's community: one of another community is as missing as one
 * that never was. Every member of the community may see that a meeting exists (its agenda,
 * time, place); what else they see is the presenter's business.
 */
export async function loadMeeting(ctx: HandlerContext<unknown>, meetingId: string): Promise<MeetingRecord> {
  const m = await ctx.db().get('meetings', meetingId);
  if (!m) throw fieldError('NOT_FOUND', 'meetingId', '会议不存在');
  return m;
}
