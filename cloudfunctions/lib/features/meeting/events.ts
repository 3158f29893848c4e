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
  // Sign-in, attendance, proxies and votes (council-votes).
  'meeting.signedIn': '签到',
  'meeting.signedInInPerson': '本人到会（委托不再使用）',
  'meeting.left': '登记离场',
  'meeting.back': '离场后返回',
  'meeting.proxyOffered': '发出委托',
  'meeting.proxyAccepted': '接受委托',
  'meeting.proxyRecorded': '登记纸质委托书',
  'meeting.proxyConfirmed': '复核纸质委托书',
  'meeting.proxyRefused': '纸质委托书复核未通过',
  'meeting.proxyRevoked': '撤销委托',
  'meeting.proxyOverridden': '委托人本人到会，委托不再使用',
  'meeting.voteOpened': '开始表决',
  'meeting.voteClosed': '结束表决并计票',
  'meeting.voteVoid': '表决无效（不足法定人数）',
  'meeting.itemDiscussed': '议程已讨论（不表决）',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof MEETING_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
