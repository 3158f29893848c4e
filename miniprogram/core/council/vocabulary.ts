/**
 * The words of 民主议事 on every page: the bodies that meet, the states a motion, a meeting,
 * a proxy and a resolution pass through, the stages of 四议两公开, and the numbers the
 * procedure fixes. Legal numbers carry their source.
 */

/** Who meets. Each body has its usual rule pack and a least notice period. */
export type MeetingBody = 'residentsMeeting' | 'representatives' | 'council' | 'ownersAssembly' | 'consultation' | 'partyMembers' | 'twoCommittees';
export const MEETING_BODY_LABELS: Record<MeetingBody, string> = {
  residentsMeeting: '居民会议',
  representatives: '居民代表会议',
  council: '居民议事会',
  ownersAssembly: '业主大会',
  consultation: '小区（楼栋）协商会',
  partyMembers: '党员大会',
  twoCommittees: '两委联席会议',
};

/**
 * Least days between the notice and the meeting. 业主大会: 《物业管理条例》第十四条 (15 days);
 * 居民会议 follows the village precedent of 10 days (《村民委员会组织法》第二十一条); the others are
 * a community's own working rules and may be set longer, never shorter.
 */
export const MIN_NOTICE_DAYS: Record<MeetingBody, number> = {
  residentsMeeting: 10,
  representatives: 3,
  council: 3,
  ownersAssembly: 15,
  consultation: 1,
  partyMembers: 1,
  twoCommittees: 0,
};

/** Who is on a meeting's roll: 户代表, every adult, owners by unit, or named members (代表、议事会成员、党员). */
export type MeetingRollKind = 'household' | 'person' | 'ownerUnit' | 'invitees';
export const MEETING_ROLL_LABELS: Record<MeetingRollKind, string> = {
  household: '每户派一名代表',
  person: '全体成年居民',
  ownerUnit: '业主（按专有部分）',
  invitees: '指定人员（代表、成员）',
};

export type MotionStatus = 'collecting' | 'thresholdMet' | 'scheduled' | 'decided' | 'answered' | 'expired' | 'withdrawn';
export const MOTION_STATUS_LABELS: Record<MotionStatus, string> = {
  collecting: '征集附议中',
  thresholdMet: '附议已达标，待安排上会',
  scheduled: '已列入会议议程',
  decided: '会议已表决',
  answered: '已答复',
  expired: '附议期满未达标',
  withdrawn: '已撤回',
};

export type MotionSource = 'resident' | 'staff' | 'concern' | 'proactive';
export const MOTION_SOURCE_LABELS: Record<MotionSource, string> = {
  resident: '居民提议',
  staff: '居委会提议',
  concern: '由群众诉求转来',
  proactive: '未诉先办',
};

/** How staff answer a motion they do not put to a meeting; always with reasons. */
export type MotionAnswer = 'declined' | 'referred' | 'handled';
export const MOTION_ANSWER_LABELS: Record<MotionAnswer, string> = {
  declined: '不予上会',
  referred: '转有关部门办理',
  handled: '已直接办理',
};

export type MeetingStatus = 'noticed' | 'inSession' | 'ended' | 'minutesApproved' | 'cancelled';
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  noticed: '已发通知',
  inSession: '会议进行中',
  ended: '会议已结束，纪要待审定',
  minutesApproved: '纪要已审定',
  cancelled: '已取消',
};

/** An agenda item: waiting, being voted, decided (adopted or not), void (quorum failed), or discussed without a vote. */
export type AgendaItemStatus = 'pending' | 'voting' | 'adopted' | 'rejected' | 'void' | 'discussed';
export const AGENDA_ITEM_STATUS_LABELS: Record<AgendaItemStatus, string> = {
  pending: '待审议',
  voting: '表决中',
  adopted: '表决通过',
  rejected: '表决未通过',
  void: '表决无效（不足法定人数）',
  discussed: '已讨论（不表决）',
};

/** How an item is voted: a show of hands counted by staff, each person in the app (or entered by staff), or no vote. */
export type AgendaVoteMode = 'hands' | 'perPerson' | 'none';
export const AGENDA_VOTE_MODE_LABELS: Record<AgendaVoteMode, string> = {
  hands: '举手表决',
  perPerson: '逐人表决（小程序或工作人员录入）',
  none: '只讨论，不表决',
};

export type AttendanceVia = 'self' | 'staff' | 'proxy';
export const ATTENDANCE_VIA_LABELS: Record<AttendanceVia, string> = {
  self: '扫码签到',
  staff: '工作人员代为签到',
  proxy: '委托出席',
};

export type ProxyStatus = 'offered' | 'pendingConfirm' | 'active' | 'overridden' | 'revoked' | 'refused';
export const PROXY_STATUS_LABELS: Record<ProxyStatus, string> = {
  offered: '等待受托人接受',
  pendingConfirm: '纸质委托书待复核',
  active: '委托有效',
  overridden: '本人已到会，委托不再使用',
  revoked: '已撤销',
  refused: '复核未通过',
};

/** Default per-agent cap: one principal, as common 议事规则 have it. */
export const DEFAULT_PROXIES_PER_AGENT = 1;

export type RegistrationStatus = 'registered' | 'waitlisted' | 'withdrawn';
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  registered: '已报名',
  waitlisted: '候补',
  withdrawn: '已取消报名',
};

export type ResolutionStatus = 'inProgress' | 'done' | 'cancelled';
export const RESOLUTION_STATUS_LABELS: Record<ResolutionStatus, string> = {
  inProgress: '落实中',
  done: '已办结',
  cancelled: '已撤销',
};

/** 四议两公开 (the register's page per stage). */
export const PROCEDURE_STAGES = ['propose', 'discuss', 'review', 'resolve', 'discloseResolution', 'discloseResult'] as const;
export type ProcedureStage = (typeof PROCEDURE_STAGES)[number];
export const PROCEDURE_STAGE_LABELS: Record<ProcedureStage, string> = {
  propose: '党组织提议',
  discuss: '两委会议商议',
  review: '党员大会审议',
  resolve: '居民会议或代表会议决议',
  discloseResolution: '决议公开',
  discloseResult: '实施结果公开',
};
/** Stages decided by a body meeting: they carry 应到/实到 and cannot close below quorum. */
export const MEETING_STAGES: readonly ProcedureStage[] = ['discuss', 'review', 'resolve'];

/** Motions: how long support is collected, and how long staff have to schedule or answer. */
export const DEFAULT_SUPPORT_DAYS = 30;
export const DEFAULT_ANSWER_DAYS = 15;
/** Resolutions: the default time to carry one out, and how often an overdue one is chased. */
export const DEFAULT_RESOLUTION_DAYS = 30;
export const CHASE_EVERY_DAYS = 3;
