/**
 * 定期评事, the council's part: the meetings held in the month (begun in it and ended, minutes
 * approved or not) and how many reached their quorum, counted from the sign-ins as the minutes
 * count it (`quorumOfMeeting`). Titles and head counts only; no attendee is named.
 */
import { MEETING_BODY_LABELS } from '../../../../miniprogram/core/council/vocabulary';
import { formatDay } from '../../../../miniprogram/core/format';
import type { ReportMonth, ReportPart } from '../../../../miniprogram/core/workbench/report';
import { countFigure, rateFigure } from '../../../../miniprogram/core/report/figures';
import type { QuorumView } from '../../../../miniprogram/core/council/quorum';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { quorumOfMeeting } from './presenters';
import type { MeetingRecord } from './records';

/** A community holds a few meetings a month; past this the report refuses rather than count part. */
const MAX_MEETINGS = 200;

export function meetingPart(held: readonly { meeting: MeetingRecord; quorum: QuorumView | null }[]): ReportPart {
  const met = held.filter((h) => h.quorum?.met).length;
  const figure = rateFigure('达到法定人数', met, held.length);
  return {
    key: 'meetings',
    title: '会议召开与法定人数',
    // A community holds a handful of meetings: the count is the fact, so it is shown whatever n is.
    figures: [countFigure('召开会议', held.length, `${held.length}次`), { ...figure, text: held.length ? `${met}/${held.length}` : '本月未召开会议' }],
    table: {
      columns: ['会议', '类别', '日期', '到会情况'],
      rows: held.map(({ meeting: m, quorum }) => [m.title, MEETING_BODY_LABELS[m.body], formatDay(m.startsAt), quorum?.text ?? '']),
    },
  };
}

export async function meetingMonthlyReport(db: ScopedStore, month: ReportMonth): Promise<ReportPart[]> {
  const meetings = await everyPage(db, 'meetings', { status: { $in: ['ended', 'minutesApproved'] }, startsAt: { $gte: month.start, $lt: month.end } }, 'startsAt', MAX_MEETINGS);
  const held = await Promise.all(meetings.map(async (meeting) => ({ meeting, quorum: await quorumOfMeeting(db, meeting) })));
  return [meetingPart(held)];
}
