/**
 * 会议: a body meets on a roll frozen when the notice goes out, with an agenda of motions,
 * registration when seats are limited, sign-in at the door (rotating code, or staff from the
 * roll), live quorum computed from the sign-ins, proxies (委托), votes per item that are polls,
 * and minutes drafted from the record, approved by a second person, published without
 * personal data.
 */
import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import type { FrozenRule } from '../poll/rules';
import { customRuleInput } from '../poll/contract';
import { z, id, text, paging, fileId } from '../schema';
import type { QuorumView } from './quorum';
import type { AgendaItemStatus, AgendaVoteMode, AttendanceVia, MeetingBody, MeetingRollKind, MeetingStatus, ProxyStatus, RegistrationStatus } from './vocabulary';

/** The QR a meeting's sign-in screen shows: 「linli-mi:<meetingId>:<code>」. */
export const MEETING_QR_PREFIX = 'linli-mi';
export function meetingQrText(meetingId: string, code: string): string {
  return `${MEETING_QR_PREFIX}:${meetingId}:${code}`;
}
export function parseMeetingQr(raw: string): { meetingId: string; code: string } | null {
  const m = /^linli-mi:([A-Za-z0-9][A-Za-z0-9:_-]{0,79}):(\d{6})$/.exec(raw.trim());
  return m ? { meetingId: m[1], code: m[2] } : null;
}

export interface AgendaItemView {
  itemId: string;
  order: number;
  title: string;
  text: string;
  motionId: string | null;
  voteMode: AgendaVoteMode;
  voteModeLabel: string;
  secret: boolean;
  options: string[];
  /** 业主大会: which of Art. 278's matters (its tier of approval). */
  matter: number | null;
  status: AgendaItemStatus;
  statusLabel: string;
  /** The poll this item is voted in, once opened: residents vote in it with poll.vote. */
  pollId: string | null;
  quorumAtOpen: QuorumView | null;
  quorumAtClose: QuorumView | null;
  /** After the vote: 「应到250户，到会160户（需>125户）；同意120（需>80）→ 通过」 */
  decision: { adopted: boolean; explanation: string; counts: { label: string; count: number }[] } | null;
  resolutionId: string | null;
  allowedActions: ActionName[];
}

export interface RegistrationView {
  status: RegistrationStatus;
  statusLabel: string;
  /** 「候补第2位，共5人」 */
  positionText: string | null;
}

export interface MyAttendanceView {
  /** The roll entry the caller stands for: 「3号楼2单元301」 or their own name. */
  label: string;
  present: boolean;
  via: AttendanceVia | null;
  viaLabel: string | null;
  at: number | null;
}

export interface ProxyView {
  proxyId: string;
  meetingId: string;
  itemId: string | null;
  /** 「整场会议」 or 「议题：增设快递柜」 */
  scopeText: string;
  /** The principal's roll entry: 「3号楼2单元301（王某）」. */
  principalLabel: string;
  agentName: string | null;
  status: ProxyStatus;
  statusLabel: string;
  via: 'app' | 'paper';
  /** To the principal while offered: the code the agent enters (or opens from the shared card). */
  code: string | null;
  recordedByName: string | null;
  confirmedByName: string | null;
  /** How it was used: 「代为签到 12月2日 09:05」「代为表决：增设快递柜」. */
  uses: string[];
  allowedActions: ActionName[];
}

export interface MeetingView {
  id: string;
  title: string;
  body: MeetingBody;
  bodyLabel: string;
  place: string;
  startsAt: number;
  endsAt: number;
  noticeAt: number;
  status: MeetingStatus;
  statusLabel: string;
  rollKind: MeetingRollKind;
  rollLabel: string;
  rollSize: number;
  /** First 16 hex digits of the frozen roll's sha256, printed in the minutes. */
  rollHash: string;
  rule: FrozenRule;
  ruleText: string;
  agenda: AgendaItemView[];
  seats: { total: number; taken: number; waitlist: number } | null;
  myRegistration: RegistrationView | null;
  /** Null when the caller is on no entry of the roll. */
  myAttendance: MyAttendanceView | null;
  /** Proxies the caller granted, and those they hold for others. */
  myProxies: ProxyView[];
  proxiesToMe: ProxyView[];
  /** Live while in session, final after: shown to everyone who may see the meeting. */
  quorum: QuorumView | null;
  convenerName: string;
  secretaryName: string;
  minutes: 'none' | 'draft' | 'approved';
  allowedActions: ActionName[];
}

const meetingId = id('会议');
const itemId = id('议程');

const agendaItemInput = z
  .strictObject({
    motionId: id('议题').optional(),
    /** Items without a motion (the committee's own): title and text given here. */
    title: text('议程标题', 2, 60).optional(),
    text: text('议程说明', 0, 1000).default(''),
    voteMode: z.enum(['hands', 'perPerson', 'none'], { error: '请选择表决方式' }),
    secret: z.boolean().default(false),
    options: z.array(text('表决选项', 1, 20)).min(2).max(6).default(['同意', '不同意']),
    matter: z.number().int().min(1).max(9).optional(),
  })
  .refine((v) => v.motionId !== undefined || v.title !== undefined, { error: '请选择议题或填写议程标题', path: ['title'] })
  .refine((v) => !(v.voteMode === 'hands' && v.secret), { error: '举手表决不能不记名', path: ['secret'] });

export const createMeeting = contract<MeetingView>()({
  name: 'meeting.create',
  summary: '召集会议并发出通知（发通知时名册冻结）',
  input: z
    .strictObject({
      title: text('会议名称', 4, 60),
      body: z.enum(['residentsMeeting', 'representatives', 'council', 'ownersAssembly', 'consultation', 'partyMembers', 'twoCommittees'], { error: '请选择会议类型' }),
      place: text('会议地点', 2, 60),
      startsAt: z.number({ error: '请选择开始时间' }).int(),
      endsAt: z.number({ error: '请选择结束时间' }).int(),
      /** Days between the notice and the meeting; at least the body's minimum. */
      noticeDays: z.number().int().min(0).max(60).optional(),
      roll: z.strictObject({
        kind: z.enum(['household', 'person', 'ownerUnit', 'invitees'], { error: '请选择参会范围' }),
        scope: z.enum(['community', 'grids', 'buildings']).default('community'),
        ids: z.array(id('范围')).max(200).default([]),
        /** Named members (代表、议事会成员、党员), for `invitees`. */
        inviteeIds: z.array(id('参会人员')).max(500).default([]),
      }),
      rule: z.strictObject({
        id: z.enum(['URC-2018', 'Representatives', 'PartyMeeting', 'CivilCode-278', 'Custom', 'none'], { error: '请选择议事规则' }),
        custom: customRuleInput.optional(),
      }),
      agenda: z.array(agendaItemInput).min(1, { error: '请至少列一项议程' }).max(20, { error: '议程最多20项' }),
      /** Seats when limited: those on the roll register first, the rest wait in order. */
      seats: z.number().int().min(1).max(5000).nullable().default(null),
      /** The staff member who keeps the minutes (记录人). */
      secretaryId: id('记录人'),
      proxiesPerAgent: z.number().int().min(1).max(3).default(1),
    })
    .refine((v) => v.endsAt > v.startsAt, { error: '结束时间须晚于开始时间', path: ['endsAt'] })
    .refine((v) => v.roll.kind !== 'invitees' || v.roll.inviteeIds.length > 0, { error: '请选择参会人员', path: ['roll', 'inviteeIds'] })
    .refine((v) => v.roll.scope === 'community' || v.roll.ids.length > 0, { error: '请选择参会范围', path: ['roll', 'ids'] })
    .refine((v) => v.rule.id !== 'Custom' || v.rule.custom !== undefined, { error: '请填写本社区议事规则的比例', path: ['rule', 'custom'] }),
  roles: ['admin'],
  scope: '本社区；开会时间须满足该类会议的通知期',
  idempotent: true,
});

export const listMeetings = contract<Page<MeetingView>>()({
  name: 'meeting.list',
  summary: '会议列表',
  input: z.strictObject({ when: z.enum(['upcoming', 'past'], { error: '请选择列表' }).default('upcoming'), ...paging }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本社区的会议；名册、签到名单只给工作人员',
});

export const getMeeting = contract<MeetingView>()({
  name: 'meeting.get',
  summary: '查看会议（议程、我的报名与签到、委托、到会人数）',
  input: z.strictObject({ meetingId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '同 meeting.list',
});

export const cancelMeeting = contract<MeetingView>()({
  name: 'meeting.cancel',
  summary: '取消会议（通知名册上的人和已报名的人）',
  input: z.strictObject({ meetingId, reason: text('取消原因', 2, 100) }),
  roles: ['admin'],
  scope: '本社区；会议开始前',
});

export const registerForMeeting = contract<MeetingView>()({
  name: 'meeting.register',
  summary: '报名参会（名额有限时；满额后候补，有人取消自动递补）',
  input: z.strictObject({ meetingId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '名册上的人（为本户或本人报名）',
});

export const unregisterFromMeeting = contract<MeetingView>()({
  name: 'meeting.unregister',
  summary: '取消报名',
  input: z.strictObject({ meetingId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人的报名',
});

export interface SignInCodeView {
  code: string;
  qrText: string;
  /** When the code changes; the screen fetches the next one then. */
  changesAt: number;
  periodSeconds: number;
  quorum: QuorumView;
}

export const meetingSignInCode = contract<SignInCodeView>()({
  name: 'meeting.signInCode',
  summary: '签到码（每30秒更换，显示在会场屏幕上）',
  input: z.strictObject({ meetingId }),
  roles: ['gridWorker', 'admin'],
  scope: '会议召集人、记录人和本社区管理员；会议开始前1小时至结束',
});

export interface AttendanceEntryView {
  unitKey: string;
  label: string;
  /** Staff only: the people of this entry, to find and sign in the right one. */
  people: { memberId: string; name: string }[];
  present: boolean;
  via: AttendanceVia | null;
  viaLabel: string | null;
  at: number | null;
  left: boolean;
  /** Present by proxy: who stands in. */
  agentName: string | null;
  registration: RegistrationStatus | null;
}

export const signIn = contract<{ entry: AttendanceEntryView; quorum: QuorumView; alsoForPrincipals: string[] }>()({
  name: 'meeting.signIn',
  summary: '会议签到：本人扫码（或输入6位码），或工作人员按名册代签',
  input: z.union([
    z.strictObject({ meetingId, code: z.string({ error: '请输入6位签到码' }).regex(/^\d{6}$/, { error: '签到码是6位数字' }) }),
    z.strictObject({ meetingId, unitKey: id('名册'), reason: text('代签原因', 0, 60).default('') }),
  ], { error: '请扫码或输入签到码' }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '扫码：名册上的本人（受托人同时为委托人签到）；按名册代签：会议的工作人员',
});

export const markLeft = contract<{ entry: AttendanceEntryView; quorum: QuorumView }>()({
  name: 'meeting.markLeft',
  summary: '登记离场（或返回），到会人数随之更新',
  input: z.strictObject({ meetingId, unitKey: id('名册'), back: z.boolean().default(false) }),
  roles: ['gridWorker', 'admin'],
  scope: '会议的工作人员；会议进行中',
});

export const meetingAttendance = contract<Page<AttendanceEntryView> & { quorum: QuorumView; total: number }>()({
  name: 'meeting.attendance',
  summary: '到会情况：名册、签到、委托和法定人数',
  input: z.strictObject({ meetingId, search: text('房号或姓名', 0, 20).default(''), onlyAbsent: z.boolean().default(false), ...paging }),
  roles: ['gridWorker', 'admin'],
  scope: '会议的工作人员（召集人、记录人、本社区管理员，及名册范围内的网格员）',
});

export const grantProxy = contract<ProxyView>()({
  name: 'meeting.grantProxy',
  summary: '委托他人代为出席和表决（得到一个委托码，发给受托人）',
  input: z.strictObject({ meetingId, itemId: itemId.optional() }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '名册上的本人（为本人或本户）；表决开始前',
});

export const acceptProxy = contract<ProxyView>()({
  name: 'meeting.acceptProxy',
  summary: '接受委托（输入委托人发来的委托码）',
  input: z.strictObject({ meetingId, code: z.string({ error: '请输入委托码' }).regex(/^[A-Z2-9]{6}$/, { error: '委托码是6位字母或数字' }) }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '名册上的另一人；不能转委托，受托人数有上限',
});

export const recordPaperProxy = contract<ProxyView>()({
  name: 'meeting.recordPaperProxy',
  summary: '登记纸质委托书（拍照，须另一位工作人员复核）',
  input: z.strictObject({
    meetingId,
    principalUnitKey: id('委托人'),
    agentMemberId: id('受托人'),
    itemId: itemId.optional(),
    photo: fileId,
  }),
  roles: ['gridWorker', 'admin'],
  scope: '会议的工作人员；表决开始前',
});

export const confirmProxy = contract<ProxyView>()({
  name: 'meeting.confirmProxy',
  summary: '复核纸质委托书',
  input: z.union([
    z.strictObject({ proxyId: id('委托') }),
    z.strictObject({ proxyId: id('委托'), reject: text('不通过原因', 2, 100) }),
  ], { error: '请确认或填写不通过原因' }),
  roles: ['gridWorker', 'admin'],
  scope: '登记人以外的会议工作人员',
});

export const revokeProxy = contract<ProxyView>()({
  name: 'meeting.revokeProxy',
  summary: '撤销委托（表决开始前）',
  input: z.strictObject({ proxyId: id('委托'), reason: text('撤销原因', 0, 100).default('') }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '委托人本人；纸质委托由会议工作人员撤销',
});

export const meetingProxies = contract<Page<ProxyView>>()({
  name: 'meeting.proxies',
  summary: '本次会议的委托（待复核在前）',
  input: z.strictObject({ meetingId, ...paging }),
  roles: ['gridWorker', 'admin'],
  scope: '会议的工作人员',
});

export const openVote = contract<MeetingView>()({
  name: 'meeting.openVote',
  summary: '开始表决一项议程（不足法定人数不能开始）',
  input: z.strictObject({ meetingId, itemId }),
  roles: ['gridWorker', 'admin'],
  scope: '会议召集人、记录人和本社区管理员；会议进行中；同一时间只表决一项',
});

export const closeVote = contract<MeetingView>()({
  name: 'meeting.closeVote',
  summary: '结束表决并计票（结束时再核法定人数；举手表决在此录入举手数）',
  input: z.strictObject({
    meetingId,
    itemId,
    hands: z
      .strictObject({
        counts: z.array(z.number({ error: '请填写举手人数' }).int().min(0).max(100_000)).min(2).max(6),
        abstain: z.number().int().min(0).max(100_000).default(0),
      })
      .optional(),
  }),
  roles: ['gridWorker', 'admin'],
  scope: '同 meeting.openVote',
});

export const endMeeting = contract<MeetingView>()({
  name: 'meeting.end',
  summary: '宣布散会（签到结束，进入纪要）',
  input: z.strictObject({ meetingId }),
  roles: ['gridWorker', 'admin'],
  scope: '同 meeting.openVote；表决都已结束',
});

export interface MinutesView {
  meetingId: string;
  status: 'draft' | 'approved';
  version: number;
  /** From the record, not typed: attendance, quorum, each item and its vote. */
  record: string[];
  summary: string;
  items: { itemId: string; title: string; discussion: string }[];
  /** People on the roll who agreed to be named in the public minutes. */
  named: { memberId: string; name: string }[];
  secretaryName: string;
  approvedByName: string | null;
  approvedAt: number | null;
  /** The public version: personal data masked, only officers, movers and those who agreed named. */
  publicText: string | null;
  /** Staff, before approval: what the public version will mask (「手机号2处、姓名3处」). */
  maskedText: string | null;
  allowedActions: ActionName[];
}

export const saveMinutes = contract<MinutesView>()({
  name: 'meeting.saveMinutes',
  summary: '起草或修改会议纪要（审定前）',
  input: z.strictObject({
    meetingId,
    /** The version the draft was read at; a stale save is refused instead of overwriting. */
    version: z.number().int().min(0),
    summary: text('会议概要', 0, 3000),
    items: z.array(z.strictObject({ itemId, discussion: text('讨论情况', 0, 3000) })).max(20).default([]),
    namedMemberIds: z.array(id('同意具名的人')).max(200).default([]),
  }),
  roles: ['gridWorker', 'admin'],
  scope: '会议记录人；会议结束后、审定前',
});

export const approveMinutes = contract<MinutesView>()({
  name: 'meeting.approveMinutes',
  summary: '审定纪要并公布（记录人以外的管理员；通过的议程各成一项决议）',
  input: z.strictObject({
    meetingId,
    version: z.number().int().min(1),
    resolutions: z
      .array(z.strictObject({
        itemId,
        ownerId: id('负责人'),
        dueAt: z.number({ error: '请选择完成期限' }).int(),
        /** Carries 四议两公开's stages. */
        procedure: z.boolean().default(false),
      }))
      .max(20)
      .default([]),
  }),
  roles: ['admin'],
  scope: '本社区管理员，记录人以外；每项通过的议程须指定负责人和期限',
});

export const getMinutes = contract<MinutesView>()({
  name: 'meeting.minutes',
  summary: '会议纪要（居民看审定后的公开版）',
  input: z.strictObject({ meetingId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '工作人员看草稿；居民只看审定后的公开版',
});
