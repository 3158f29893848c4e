/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const POLL_EVENTS = {
  'poll.created': '发起投票',
  'poll.opened': '投票开始，名册冻结',
  'poll.voted': '投票',
  'poll.paperEntered': '录入纸质选票',
  'poll.meetingEntered': '录入会议现场表决',
  'poll.paperConfirmed': '复核纸质选票',
  'poll.paperReturned': '退回纸质选票',
  'poll.handsRecorded': '记录举手表决',
  'poll.closed': '投票结束',
  'poll.cancelled': '撤销投票',
  'poll.published': '公布投票结果',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof POLL_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
