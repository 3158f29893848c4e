/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const MEETING_EVENTS = {
  'meeting.noticed': '召集会议并发出通知',
  'meeting.cancelled': '取消会议',
  'meeting.started': '会议开始',
  'meeting.ended': '宣布散会',
  'meeting.registered': '报名参会',
  'meeting.waitlisted': '报名候补',
  'meeting.promoted': '候补转为已报名',
  'meeting.unregistered': '取消报名',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof MEETING_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
