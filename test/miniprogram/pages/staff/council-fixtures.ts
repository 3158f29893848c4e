/**
 * Council views as the server sends them to staff, for the staff 民主议事 pages' tests.
 * Typed against the contracts, so a fixture cannot drift from what the actions answer.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import type { AgendaItemView, AttendanceEntryView, MeetingView, MinutesView, ProxyView } from '../../../../miniprogram/core/council/meeting-contract';
import type { MotionView } from '../../../../miniprogram/core/council/motion-contract';
import { meetingRule, quorumOf, type QuorumView } from '../../../../miniprogram/core/council/quorum';
import type { ResolutionView } from '../../../../miniprogram/core/council/resolution-contract';
import { bj, H } from './poll-fixtures';

export { bj, H };
export const NOW = bj(2026, 12, 2, 19, 20);

/** A 居民会议 of 250 households: quorum is more than half, 126. */
export function quorum(inPerson: number, byProxy = 0): QuorumView {
  return quorumOf(meetingRule('URC-2018'), 'household', { units: 250, areaCenti: 0 }, { inPerson, byProxy, areaCenti: 0 });
}

export function item(over: Partial<AgendaItemView> = {}): AgendaItemView {
  return {
    itemId: 'item-1',
    order: 1,
    title: '增设快递柜',
    text: '在3号楼北侧增设智能快递柜一组。',
    motionId: 'motion-1',
    voteMode: 'hands',
    voteModeLabel: '举手表决',
    secret: false,
    options: ['同意', '不同意'],
    matter: null,
    status: 'pending',
    statusLabel: '待审议',
    pollId: null,
    quorumAtOpen: null,
    quorumAtClose: null,
    decision: null,
    resolutionId: null,
    allowedActions: ['meeting.openVote'] as ActionName[],
    ...over,
  };
}

export function meeting(over: Partial<MeetingView> = {}): MeetingView {
  return {
    id: 'meeting-1',
    title: '2026年第四次居民会议',
    body: 'residentsMeeting',
    bodyLabel: '居民会议',
    place: '社区党群服务中心二楼',
    startsAt: bj(2026, 12, 2, 19),
    endsAt: bj(2026, 12, 2, 21),
    noticeAt: bj(2026, 11, 20, 9),
    status: 'inSession',
    statusLabel: '会议进行中',
    rollKind: 'household',
    rollLabel: '每户派一名代表',
    rollSize: 250,
    rollHash: '9f86d081884c7d65',
    rule: meetingRule('URC-2018'),
    ruleText: '居民会议：过半数参加，参加者过半数同意',
    agenda: [item()],
    seats: null,
    myRegistration: null,
    myAttendance: null,
    myProxies: [],
    proxiesToMe: [],
    quorum: quorum(120, 8),
    convenerName: '王书记',
    secretaryName: '李秀英',
    minutes: 'none',
    allowedActions: ['meeting.get', 'meeting.signInCode', 'meeting.signIn', 'meeting.markLeft', 'meeting.attendance', 'meeting.proxies', 'meeting.recordPaperProxy', 'meeting.end'] as ActionName[],
    ...over,
  };
}

export function entry(over: Partial<AttendanceEntryView> = {}): AttendanceEntryView {
  return {
    unitKey: 'unit-b1-1-101',
    label: '1号楼1单元101',
    people: [{ memberId: 'm-liu', name: '刘阿姨' }],
    present: false,
    via: null,
    viaLabel: null,
    at: null,
    left: false,
    agentName: null,
    registration: null,
    ...over,
  };
}

export function proxy(over: Partial<ProxyView> = {}): ProxyView {
  return {
    proxyId: 'proxy-1',
    meetingId: 'meeting-1',
    itemId: null,
    scopeText: '整场会议',
    principalLabel: '3号楼2单元301（王某）',
    agentName: '马大爷',
    status: 'pendingConfirm',
    statusLabel: '纸质委托书待复核',
    via: 'paper',
    code: null,
    recordedByName: '张网格',
    confirmedByName: null,
    uses: [],
    allowedActions: ['meeting.confirmProxy'] as ActionName[],
    ...over,
  };
}

export function minutes(over: Partial<MinutesView> = {}): MinutesView {
  return {
    meetingId: 'meeting-1',
    status: 'draft',
    version: 3,
    record: ['应到250户，到会160户（本人150，委托10）→ 已达法定人数', '名册校验码 9f86d081884c7d65', '一、增设快递柜：同意120（需>80）→ 通过'],
    summary: '会议由王书记主持。',
    items: [{ itemId: 'item-1', title: '增设快递柜', discussion: '' }],
    named: [],
    secretaryName: '李秀英',
    approvedByName: null,
    approvedAt: null,
    publicText: null,
    maskedText: '手机号2处、姓名3处',
    allowedActions: ['meeting.minutes', 'meeting.saveMinutes'] as ActionName[],
    ...over,
  };
}

export function motion(over: Partial<MotionView> = {}): MotionView {
  return {
    id: 'motion-1',
    title: '增设快递柜',
    body: '快递堆在楼道里，老人取件不便，建议增设快递柜。',
    source: 'resident',
    sourceLabel: '居民提议',
    moverName: '刘阿姨',
    scopeText: '全社区',
    status: 'thresholdMet',
    statusLabel: '附议已达标，待安排上会',
    supportUnit: 'household',
    supports: 52,
    threshold: 50,
    supportText: '已有52户附议，需50户',
    supportClosesAt: bj(2026, 12, 20),
    thresholdMetAt: bj(2026, 11, 25),
    answerDueAt: bj(2026, 12, 10),
    overdue: false,
    answer: null,
    supportedByMe: false,
    supportedByName: null,
    links: { concern: null, meeting: null, resolution: null },
    createdAt: bj(2026, 11, 20),
    allowedActions: ['motion.get', 'motion.answer'] as ActionName[],
    ...over,
  };
}

export function resolution(over: Partial<ResolutionView> = {}): ResolutionView {
  return {
    id: 'resolution-1',
    title: '增设快递柜',
    text: '在3号楼北侧增设智能快递柜一组。',
    meeting: { meetingId: 'meeting-1', title: '2026年第四次居民会议', bodyLabel: '居民会议', at: bj(2026, 11, 2, 19) },
    explanation: '应到250户，到会160户（需>125户）；同意120（需>80）→ 通过',
    motion: { motionId: 'motion-1', title: '增设快递柜' },
    concerns: [],
    ownerName: '李秀英',
    dueAt: bj(2026, 12, 31, 23, 59),
    overdue: false,
    status: 'inProgress',
    statusLabel: '落实中',
    percent: 60,
    progress: [{ percent: 60, text: '已完成选址，厂家已进场。', photoIds: [], at: bj(2026, 11, 28, 10), byName: '李秀英' }],
    procedure: null,
    doneAt: null,
    allowedActions: ['resolution.get', 'resolution.progress'] as ActionName[],
    ...over,
  };
}
