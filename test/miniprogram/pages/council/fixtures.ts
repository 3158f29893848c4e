/**
 * Motions, meetings, resolutions and minutes as the server sends them to a resident, for the
 * 民主议事 pages' tests. Typed against the contracts, so a fixture cannot drift from what the
 * backend answers; the quorum comes from the real rule arithmetic.
 */
import type { MotionSettingsView, MotionView } from '../../../../miniprogram/core/council/motion-contract';
import type { AgendaItemView, MeetingView, MinutesView, ProxyView } from '../../../../miniprogram/core/council/meeting-contract';
import type { ResolutionView } from '../../../../miniprogram/core/council/resolution-contract';
import { meetingRule, quorumOf, type QuorumView } from '../../../../miniprogram/core/council/quorum';

const H = 3600_000;
/** A Beijing wall-clock moment as a UTC instant. */
export const bj = (y: number, m: number, d: number, h = 0, min = 0): number => Date.UTC(y, m - 1, d, h, min) - 8 * H;
export const NOW = bj(2026, 12, 2, 9, 30);

export function settings(extra: Partial<MotionSettingsView> = {}): MotionSettingsView {
  return {
    supportUnit: 'household',
    threshold: { kind: 'share', num: 1, den: 5 },
    thresholdText: '本社区五分之一以上户附议',
    supportDays: 30,
    answerDays: 15,
    allowedActions: ['motion.propose', 'motion.list', 'motion.get'],
    ...extra,
  };
}

export function motion(extra: Partial<MotionView> = {}): MotionView {
  return {
    id: 'motion_1',
    title: '在3号楼北侧加装电动车充电桩',
    body: '3号楼北侧空地常年闲置，电动车只能拉线到楼道充电，很危险。建议加装12个充电桩，按度数收费。',
    source: 'resident',
    sourceLabel: '居民提议',
    moverName: '刘阿姨',
    scopeText: '全社区',
    status: 'collecting',
    statusLabel: '征集附议中',
    supportUnit: 'household',
    supports: 38,
    threshold: 50,
    supportText: '已有38户附议，需50户',
    supportClosesAt: bj(2026, 12, 20, 18, 0),
    thresholdMetAt: null,
    answerDueAt: null,
    overdue: false,
    answer: null,
    supportedByMe: false,
    supportedByName: null,
    links: { concern: null, meeting: null, resolution: null },
    createdAt: bj(2026, 11, 20, 10, 0),
    allowedActions: ['motion.get', 'motion.support'],
    ...extra,
  };
}

export function quorum(inPerson: number, byProxy: number, base = 250): QuorumView {
  return quorumOf(meetingRule('URC-2018'), 'household', { units: base, areaCenti: 0 }, { inPerson, byProxy, areaCenti: 0 });
}

export function item(extra: Partial<AgendaItemView> = {}): AgendaItemView {
  return {
    itemId: 'item_1',
    order: 1,
    title: '加装电动车充电桩',
    text: '在3号楼北侧空地加装12个充电桩。',
    motionId: 'motion_1',
    voteMode: 'perPerson',
    voteModeLabel: '逐人表决（小程序或工作人员录入）',
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
    allowedActions: [],
    ...extra,
  };
}

export function proxy(extra: Partial<ProxyView> = {}): ProxyView {
  return {
    proxyId: 'proxy_1',
    meetingId: 'meeting_1',
    itemId: null,
    scopeText: '整场会议',
    principalLabel: '1号楼1单元101（刘某）',
    agentName: null,
    status: 'offered',
    statusLabel: '等待受托人接受',
    via: 'app',
    code: 'K7Q2MF',
    recordedByName: null,
    confirmedByName: null,
    uses: [],
    allowedActions: ['meeting.revokeProxy'],
    ...extra,
  };
}

export function meeting(extra: Partial<MeetingView> = {}): MeetingView {
  return {
    id: 'meeting_1',
    title: '幸福里社区2026年第四季度居民会议',
    body: 'residentsMeeting',
    bodyLabel: '居民会议',
    place: '社区党群服务中心二楼会议室',
    startsAt: bj(2026, 12, 2, 9, 0),
    endsAt: bj(2026, 12, 2, 11, 30),
    noticeAt: bj(2026, 11, 20, 9, 0),
    status: 'noticed',
    statusLabel: '已发通知',
    rollKind: 'household',
    rollLabel: '每户派一名代表',
    rollSize: 250,
    rollHash: '1a2b3c4d5e6f7a8b',
    rule: meetingRule('URC-2018'),
    ruleText: '过半数的户到会，到会户过半数同意即通过',
    agenda: [item(), item({ itemId: 'item_2', order: 2, title: '社区环境整治情况通报', text: '', motionId: null, voteMode: 'none', voteModeLabel: '只讨论，不表决' })],
    seats: null,
    myRegistration: null,
    myAttendance: { label: '1号楼1单元101', present: false, via: null, viaLabel: null, at: null },
    myProxies: [],
    proxiesToMe: [],
    quorum: quorum(0, 0),
    convenerName: '王书记',
    secretaryName: '李秀英',
    minutes: 'none',
    allowedActions: ['meeting.get', 'meeting.signIn', 'meeting.grantProxy', 'meeting.acceptProxy'],
    ...extra,
  };
}

export function resolution(extra: Partial<ResolutionView> = {}): ResolutionView {
  return {
    id: 'resolution_1',
    title: '加装电动车充电桩',
    text: '在3号楼北侧空地加装12个充电桩，由物业负责施工，费用由使用者按度数支付。',
    meeting: { meetingId: 'meeting_1', title: '幸福里社区2026年第四季度居民会议', bodyLabel: '居民会议', at: bj(2026, 11, 25, 9, 0) },
    explanation: '应到250户，到会160户（需>125户）；同意120户（需>80户）→ 通过',
    motion: { motionId: 'motion_1', title: '在3号楼北侧加装电动车充电桩' },
    concerns: [],
    ownerName: '张建国',
    dueAt: bj(2026, 12, 30, 18, 0),
    overdue: false,
    status: 'inProgress',
    statusLabel: '落实中',
    percent: 60,
    progress: [
      { percent: 30, text: '已与供电所确认电容量，选定位置。', photoIds: [], at: bj(2026, 11, 27, 15, 0), byName: '张建国' },
      { percent: 60, text: '底座和线路已施工完成。', photoIds: ['cloud://env/uploads/m9/p1.jpg', 'cloud://env/uploads/m9/p2.jpg'], at: bj(2026, 12, 1, 16, 20), byName: '张建国' },
    ],
    procedure: null,
    doneAt: null,
    allowedActions: ['resolution.get'],
    ...extra,
  };
}

export function minutes(extra: Partial<MinutesView> = {}): MinutesView {
  return {
    meetingId: 'meeting_1',
    status: 'approved',
    version: 3,
    record: [
      '应到250户，到会160户（本人150，委托10）；已达法定人数',
      '名册校验码 1a2b3c4d5e6f7a8b',
      '第1项 加装电动车充电桩：同意120户，不同意30户，弃权10户 → 通过',
    ],
    summary: '会议由王书记主持，通报了第四季度社区工作。',
    items: [{ itemId: 'item_1', title: '加装电动车充电桩', discussion: '居民关心收费标准，物业答复按度数收费。' }],
    named: [],
    secretaryName: '李秀英',
    approvedByName: '王书记',
    approvedAt: bj(2026, 11, 28, 10, 0),
    publicText: '（公开版全文）',
    maskedText: null,
    allowedActions: [],
    ...extra,
  };
}
