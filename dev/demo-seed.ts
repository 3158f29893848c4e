/**
 * The demo community, built by calling the real `api` function as the demo people would:
 * the admin opens the community and sets up grids and staff, residents bind through an
 * invite code and through a reviewed request, and concerns are submitted and routed. If a
 * rule changes, the seed follows it or fails loudly; it never writes around the domain.
 */
import ExcelJS from 'exceljs';
import type { Envelope } from '../miniprogram/core/envelope';
import type { CloudFunction } from '../cloudfunctions/lib/api-function';
import { monthOf, previousMonth } from '../cloudfunctions/lib/kernel/months';
import { memberIdFor } from '../cloudfunctions/lib/kernel/caller';
import type { Store } from '../cloudfunctions/lib/ports/store';
import { attendanceId, signupId } from '../cloudfunctions/lib/features/activity/check-in-records';
import { anomalyId } from '../cloudfunctions/lib/features/hours/records';
import type { ActivityRecord, HourEntryRecord } from '../cloudfunctions/lib/features/volunteer/records';
import { householdIdFor } from '../cloudfunctions/lib/features/member/household';
import type { VisitRecord } from '../cloudfunctions/lib/features/visit/records';
import type { ConcernRecord } from '../cloudfunctions/lib/features/concern/records';
import { categoryId, DEFAULT_CATEGORIES } from '../cloudfunctions/lib/features/concern/catalogue';

export const DEMO_PEOPLE = {
  'demo-admin': '社区管理员（王书记）：开通社区、设网格和楼栋、任命网格员、发邀请码、看全部诉求',
  'demo-grid-1': '第一网格 A角网格员（李秀英）：处理1号楼、2号楼的诉求和绑定申请',
  'demo-grid-1b': '第一网格 B角（赵丽，居民代表）：A角不在时接手',
  'demo-grid-2': '第二网格 A角网格员（张建国）：处理3号楼、4号楼的诉求',
  'demo-leader': '网格长（陈建华）：两个网格的督办人，诉求超期时收到督办提醒',
  'demo-resident-1': '居民（刘阿姨，1号楼1单元101）：通过申请审核绑定，可说事',
  'demo-resident-2': '居民（马大爷，3号楼2单元302）：通过邀请码绑定，可说事；居务监督委员会主任，监督公开事项',
  'demo-volunteer-1': '志愿者（陈志愿）：尚未绑定住户',
  'demo-visitor-1': '访客：已提交绑定申请，等待第一网格审核',
  'demo-dept-1': '部门联系人（物业刘经理，幸福里物业）：收到吹哨给物业的协办请求并回复',
  'demo-admin-2': '第二位社区管理员（李主任）：公布投票结果（须由发起人以外的管理员公布）',
  'demo-subdistrict': '和平街道管理员：新建社区、发放管理员加入码，查看各社区三率和报街道的事项（没有居民个人信息）',
  'demo-admin-3': '长青社区管理员（周主任）：用街道发放的加入码加入的新社区管理员',
} as const;

type Caller = (openid: string, action: string, data?: unknown, idempotencyKey?: string) => Promise<unknown>;

function caller(api: CloudFunction): Caller {
  return async (openid, action, data = {}, idempotencyKey) => {
    const res = (await api({ action, data, idempotencyKey }, { openid })) as Envelope<unknown>;
    if (!res.ok) throw new Error(`seed step ${action} as ${openid} failed: ${res.error.code} ${res.error.message}`);
    return res.data;
  };
}

const SEED_MARK = { _id: 'seed:demo', communityId: 'demo', value: 1 };

/**
 * Seeds once; returns false when the database already holds the demo. `lifecycle` adds
 * concerns in later states (signed, answered, resolved, rated) so every page has content;
 * tests that count concerns seed without it.
 */
export async function seedDemo(api: CloudFunction, store: Store, options: { lifecycle?: boolean } = {}): Promise<boolean> {
  if (await store.get('counters', SEED_MARK._id)) return false;
  const call = caller(api);
  const id = (openid: string) => memberIdFor(openid);

  await call('demo-admin', 'community.update', { name: '幸福里社区', subdistrict: '和平街道' });
  await call('demo-admin', 'member.setRoles', { memberId: id('demo-admin'), roles: ['admin'], name: '王书记' });

  const g1 = (await call('demo-admin', 'community.upsertGrid', { name: '第一网格' })) as { id: string };
  const g2 = (await call('demo-admin', 'community.upsertGrid', { name: '第二网格' })) as { id: string };
  await call('demo-admin', 'member.setRoles', { memberId: id('demo-grid-1'), roles: ['gridWorker'], gridIds: [g1.id], name: '李秀英' });
  await call('demo-admin', 'member.setRoles', { memberId: id('demo-grid-1b'), roles: ['gridWorker'], gridIds: [g1.id], name: '赵丽' });
  await call('demo-admin', 'member.setRoles', { memberId: id('demo-grid-2'), roles: ['gridWorker'], gridIds: [g2.id], name: '张建国' });
  await call('demo-admin', 'member.setRoles', { memberId: id('demo-volunteer-1'), roles: ['volunteer'], name: '陈志愿' });
  await call('demo-admin', 'member.setRoles', { memberId: id('demo-leader'), roles: ['gridWorker'], gridIds: [g1.id, g2.id], name: '陈建华' });
  await call('demo-admin', 'community.upsertGrid', { gridId: g1.id, name: '第一网格', workerA: id('demo-grid-1'), workerB: id('demo-grid-1b'), leader: id('demo-leader') });
  await call('demo-admin', 'community.upsertGrid', { gridId: g2.id, name: '第二网格', workerA: id('demo-grid-2'), leader: id('demo-leader') });

  const buildings: Record<string, string> = {};
  for (const [name, grid] of [['1号楼', g1.id], ['2号楼', g1.id], ['3号楼', g2.id], ['4号楼', g2.id]] as const) {
    buildings[name] = ((await call('demo-admin', 'community.upsertBuilding', { name, gridId: grid })) as { id: string }).id;
  }

  const { invites } = (await call('demo-admin', 'member.issueInvites', {
    households: [
      { buildingId: buildings['3号楼'], unit: '2', room: '302' },
      { buildingId: buildings['4号楼'], unit: '1', room: '101' },
      { buildingId: buildings['2号楼'], unit: '1', room: '201' },
    ],
  })) as { invites: Array<{ code: string }> };
  await call('demo-resident-2', 'member.redeemInvite', { code: invites[0].code });

  const request = (await call(
    'demo-resident-1',
    'member.requestBinding',
    { communityId: 'demo', buildingId: buildings['1号楼'], unit: '1', room: '101', name: '刘阿姨' },
    'seed-binding-resident-1',
  )) as { id: string };
  await call('demo-grid-1', 'member.reviewRequest', { requestId: request.id, decision: 'approve' });
  await call(
    'demo-visitor-1',
    'member.requestBinding',
    { communityId: 'demo', buildingId: buildings['2号楼'], unit: '3', room: '502', name: '孙先生' },
    'seed-binding-visitor-1',
  );

  await call(
    'demo-resident-1',
    'concern.submit',
    { category: 'cat_demo_repair', buildingId: buildings['1号楼'], text: '1号楼1单元楼道的声控灯坏了一个多星期，晚上老人上下楼很不安全。' },
    'seed-concern-resident-1',
  );
  await call(
    'demo-resident-2',
    'concern.submit',
    { category: 'cat_demo_environment', buildingId: buildings['3号楼'], text: '3号楼北侧垃圾桶满了没人清运，气味很大。', hideName: true },
    'seed-concern-resident-2',
  );

  await seedServices(call, { g1: g1.id }, [id('demo-grid-1'), id('demo-grid-2')]);
  if (options.lifecycle !== false) await seedLifecycle(call, buildings);
  if (options.lifecycle !== false) await seedVolunteering(call, store);
  if (options.lifecycle !== false) await seedVolunteerHours(call, store);
  if (options.lifecycle !== false) await seedOwnerRoll(call, buildings);
  if (options.lifecycle !== false) await seedPolls(call, store);
  if (options.lifecycle !== false) await seedCouncil(call, store);
  if (options.lifecycle !== false) await seedDisclosure(call, store);
  await seedSubdistrict(call);
  if (options.lifecycle !== false) await seedVisits(call, store, buildings);
  if (options.lifecycle !== false) await seedInsights(call, store, buildings);
  if (options.lifecycle !== false) await seedReport(call, store);

  await store.insert('counters', SEED_MARK);
  return true;
}

/**
 * 定期评事: last month's report, issued by 王书记 (the sweep would have on the 1st; the demo
 * starts later in the month) from what the demo holds for that month — a year of weekly
 * 助老探访 hours verified, so its hours part is real — with one addendum beside it.
 */
async function seedReport(call: Caller, store: Store): Promise<void> {
  const now = (await store.get('members', memberIdFor('demo-admin')))?.updatedAt ?? Date.now();
  const month = previousMonth(now);
  await call('demo-admin', 'report.issue', { month }, `seed-report-${month}`);
  await call('demo-admin', 'report.addendum', { month, text: '本月3号楼一件环境卫生诉求由居民电话反映、窗口补录，未计入上表，特此说明。' }, `seed-report-addendum-${month}`);
}

/**
 * Polls in every state a resident meets: one open per household (with a paper channel),
 * one of the owners under Art. 278 (on the owner roll seeded above), and one closed and
 * published — with a paper ballot entered by a grid worker and confirmed by an admin —
 * so the result page shows its explanation.
 */
async function seedPolls(call: Caller, store: Store): Promise<void> {
  await call('demo-admin', 'member.setRoles', { memberId: memberIdFor('demo-admin-2'), roles: ['admin'], name: '李主任' });
  // The server's clock, as stamped on the record just written (the demo clock may be moved).
  const now = (await store.get('members', memberIdFor('demo-admin-2')))?.updatedAt ?? Date.now();
  const week = 7 * 24 * 3600_000;
  const base = { description: '', minPicks: 1, maxPicks: 1, openTextLabel: null, opensAt: now, closesAt: now + week };
  const parcel = (await call('demo-admin', 'poll.create', {
    ...base, title: '是否同意在小区东门加装快递柜', description: '快递公司出资安装和维护，占用东门内侧空地约6平方米，不收居民费用。',
    options: ['赞成', '反对'], unit: 'household', eligibility: { scope: 'community', ids: [] }, secret: true, rule: { id: 'URC-2018' }, channels: ['app', 'paper'],
    openTextLabel: '其他意见（选填）',
  }, 'seed-poll-parcel')) as { id: string };
  await call('demo-resident-2', 'poll.vote', { pollId: parcel.id, choice: { optionIds: ['o1'] } });

  await call('demo-admin', 'poll.create', {
    ...base, title: '使用专项维修资金更换3号楼电梯', description: '预算38万元，由专项维修资金列支；业主按专有部分面积和人数共同决定。',
    options: ['同意', '不同意'], unit: 'ownerUnit', eligibility: { scope: 'community', ids: [] }, secret: false,
    rule: { id: 'CivilCode-278', matter: 5, headCount: 'perOwner' }, channels: ['app', 'paper'],
  }, 'seed-poll-elevator');

  const fitness = (await call('demo-admin', 'poll.create', {
    ...base, title: '是否同意将西侧空地改建为居民健身场地', options: ['赞成', '反对'], unit: 'household',
    eligibility: { scope: 'community', ids: [] }, secret: true, rule: { id: 'URC-2018' }, channels: ['app', 'paper'],
  }, 'seed-poll-fitness')) as { id: string };
  await call('demo-resident-1', 'poll.vote', { pollId: fitness.id, choice: { optionIds: ['o1'] } });
  await call('demo-resident-2', 'poll.vote', { pollId: fitness.id, choice: { optionIds: ['o2'] } });
  const roll = (await call('demo-grid-2', 'poll.roll', { pollId: fitness.id, search: '4号楼' })) as { items: Array<{ unitKey: string }> };
  const paper = (await call('demo-grid-2', 'poll.enterPaperBallot', { pollId: fitness.id, unitKey: roll.items[0].unitKey, choice: { optionIds: ['o1'] } })) as { ballotId: string };
  await call('demo-admin', 'poll.confirmPaperBallot', { ballotId: paper.ballotId, choice: { optionIds: ['o1'] } });
  await call('demo-admin', 'poll.close', { pollId: fitness.id, reason: '居民议事会商定提前结束，纸质选票已收齐' });
  await call('demo-admin-2', 'poll.publish', { pollId: fitness.id });
}

/**
 * 民主议事 in each state a resident meets: a motion past its threshold waiting for the
 * committee, one still collecting support, this morning's 协商会 with approved minutes and its
 * resolution at 60 %, and today's 居民会议 in session — 刘阿姨 signed in for herself and, by
 * 马大爷's proxy, for him; a neighbour without a phone signed in at the door; the first item
 * being voted in the app. Meetings are convened through the API with their notice period and
 * then moved in time in the store (the only writes around the domain: a demo cannot wait ten
 * days); everything after that goes through the API.
 */
async function seedCouncil(call: Caller, store: Store): Promise<void> {
  const HOUR = 3600_000;
  const DAY = 24 * HOUR;
  const now = (await store.get('members', memberIdFor('demo-admin-2')))?.updatedAt ?? Date.now();
  const moveTo = async (meetingId: string, startsAt: number, noticeDaysBefore: number) => {
    const m = await store.get('meetings', meetingId);
    if (!m) throw new Error('seed: meeting missing');
    await store.update('meetings', meetingId, { startsAt, endsAt: startsAt + 2 * HOUR, noticeAt: startsAt - noticeDaysBefore * DAY, wakeAt: startsAt }, { version: m.version });
  };

  // 马大爷's motion past its threshold (one household in five of four), waiting to be put on an agenda or answered.
  const parking = (await call('demo-resident-2', 'motion.propose', {
    title: '3号楼北侧增设非机动车充电棚', body: '电动车在楼道里充电很危险，建议在3号楼北侧空地建一个带充电桩的车棚，由物业统一管理收费。',
  }, 'seed-motion-charging')) as { id: string };
  await call('demo-resident-1', 'motion.support', { motionId: parking.id });
  await call('demo-resident-1', 'motion.propose', {
    title: '1号楼单元门口加装扶手', body: '1号楼单元门口有三级台阶，老人进出不方便，希望加装不锈钢扶手。',
  }, 'seed-motion-handrail');

  // This morning's 协商会: 刘阿姨's motion adopted, minutes approved by 李主任, the resolution at 60 %.
  const sorting = (await call('demo-resident-1', 'motion.propose', {
    title: '在小区北门增设垃圾分类投放点', body: '北门附近的住户扔垃圾要走到南门，建议在北门增设一个四分类投放点，定时投放。',
  }, 'seed-motion-sorting')) as { id: string };
  await call('demo-resident-2', 'motion.support', { motionId: sorting.id });
  const past = (await call('demo-admin', 'meeting.create', {
    title: '北门垃圾分类投放点协商会', body: 'consultation', place: '社区服务站二楼会议室', startsAt: now + 2 * DAY, endsAt: now + 2 * DAY + 2 * HOUR,
    roll: { kind: 'household' }, rule: { id: 'URC-2018' }, agenda: [{ motionId: sorting.id, voteMode: 'hands' }], secretaryId: memberIdFor('demo-grid-1'),
  }, 'seed-meeting-sorting')) as { id: string; agenda: Array<{ itemId: string }> };
  await moveTo(past.id, now - 90 * 60_000, 3);
  const roll = (await call('demo-grid-1', 'meeting.attendance', { meetingId: past.id, limit: 50 })) as { items: Array<{ unitKey: string }> };
  for (const e of roll.items) await call('demo-admin', 'meeting.signIn', { meetingId: past.id, unitKey: e.unitKey, reason: '现场签到表核对' });
  const item = past.agenda[0].itemId;
  await call('demo-admin', 'meeting.openVote', { meetingId: past.id, itemId: item });
  await call('demo-admin', 'meeting.closeVote', { meetingId: past.id, itemId: item, hands: { counts: [roll.items.length - 1, 0], abstain: 1 } });
  await call('demo-admin', 'meeting.end', { meetingId: past.id });
  const draft = (await call('demo-grid-1', 'meeting.saveMinutes', {
    meetingId: past.id, version: 0, summary: '会议由王书记主持，李秀英记录。与会居民代表就北门增设垃圾分类投放点进行了协商，物业公司列席。',
    items: [{ itemId: item, discussion: '居民代表认为北门住户投放不便，同意增设四分类投放点，投放时间为早7点至9点、晚6点至8点。' }],
  })) as { version: number };
  await call('demo-admin-2', 'meeting.approveMinutes', {
    meetingId: past.id, version: draft.version,
    resolutions: [{ itemId: item, ownerId: memberIdFor('demo-grid-1'), dueAt: now + 21 * DAY, procedure: true }],
  });
  const decided = (await call('demo-admin', 'meeting.get', { meetingId: past.id })) as { agenda: Array<{ resolutionId: string | null }> };
  const resolutionId = decided.agenda[0].resolutionId as string;
  await call('demo-admin', 'resolution.recordStage', { resolutionId, stage: 'propose', date: now - 9 * DAY, bodyText: '社区党委', outcome: '提议就北门增设垃圾分类投放点征求居民意见' });
  await call('demo-grid-1', 'resolution.progress', { resolutionId, percent: 60, text: '投放点选址已确定，四分类垃圾桶已到货，正在硬化地面，预计下周投入使用。' });

  // Today's 居民会议, in session: 马大爷 gave 刘阿姨 his proxy; she scanned in for both; 4号楼101 signed in at the door.
  const today = (await call('demo-admin', 'meeting.create', {
    title: '2027年社区惠民资金使用居民会议', body: 'residentsMeeting', place: '社区党群服务中心一楼多功能厅', startsAt: now + 11 * DAY, endsAt: now + 11 * DAY + 2 * HOUR,
    roll: { kind: 'household' }, rule: { id: 'URC-2018' }, secretaryId: memberIdFor('demo-grid-1'),
    agenda: [
      { title: '惠民资金优先用于哪一项', text: '2027年社区惠民资金20万元，请在三个项目中选择优先实施的一项。', voteMode: 'perPerson', options: ['楼道照明改造', '老年助餐点', '儿童游乐设施'] },
      { title: '居民公约修订', text: '增加文明养犬、禁止高空抛物两条。', voteMode: 'hands' },
    ],
  }, 'seed-meeting-today')) as { id: string; agenda: Array<{ itemId: string }> };
  await moveTo(today.id, now - 20 * 60_000, 11);
  const proxy = (await call('demo-resident-2', 'meeting.grantProxy', { meetingId: today.id })) as { code: string };
  await call('demo-resident-1', 'meeting.acceptProxy', { meetingId: today.id, code: proxy.code });
  const code = (await call('demo-admin', 'meeting.signInCode', { meetingId: today.id })) as { code: string };
  await call('demo-resident-1', 'meeting.signIn', { meetingId: today.id, code: code.code });
  const door = (await call('demo-grid-2', 'meeting.attendance', { meetingId: today.id, search: '4号楼', onlyAbsent: true })) as { items: Array<{ unitKey: string }> };
  await call('demo-grid-2', 'meeting.signIn', { meetingId: today.id, unitKey: door.items[0].unitKey, reason: '居民未带手机，核对身份证后代签' });
  await call('demo-admin', 'meeting.openVote', { meetingId: today.id, itemId: today.agenda[0].itemId });
}

interface SeedItem {
  itemId: string;
  draft: { draftVersion: number; flags: Array<{ flagId: string }> } | null;
}

/**
 * 居务公开: last quarter's finance, reviewed and published; the 居民公约 as an item of its own;
 * two notices on the home page, one pinned.
 */
async function seedDisclosure(call: Caller, store: Store): Promise<void> {
  const now = (await store.get('members', memberIdFor('demo-admin-2')))?.updatedAt ?? Date.now();
  const day = (instant: number) => new Date(instant + 8 * 3600_000).toISOString().slice(0, 10);
  // 本届居务监督委员会, chosen by the residents' meeting: 马大爷 (on the app) and 郑小红 (paper board only).
  await call('demo-admin', 'supervision.appoint', {
    chosenBy: 'residentsMeeting', startsOn: day(now), endsOn: day(now + 3 * 365 * 24 * 3600_000),
    members: [{ memberId: memberIdFor('demo-resident-2'), name: '马大爷', position: 'chair' }, { name: '郑小红', position: 'member' }],
  });
  const publishReviewed = async (d: SeedItem): Promise<string> => {
    const r = (await call('demo-grid-1', 'disclosure.review', {
      itemId: d.itemId, draftVersion: d.draft!.draftVersion, decisions: d.draft!.flags.map((f) => ({ flagId: f.flagId, decision: 'mask' })),
    })) as SeedItem;
    await call('demo-admin', 'disclosure.publish', { itemId: r.itemId, draftVersion: r.draft!.draftVersion });
    return r.itemId;
  };
  const publish = async (openidKey: string, input: Record<string, unknown>) => publishReviewed((await call('demo-grid-1', 'disclosure.draft', input, openidKey)) as SeedItem);
  // The approved minutes of the council's meeting arrived on the board as a draft: reviewed,
  // published, and 马大爷 records the committee's opinion on them.
  const drafts = (await call('demo-admin', 'disclosure.list', { when: 'drafts' })) as { items: Array<{ itemId: string }> };
  for (const { itemId } of drafts.items) {
    const d = (await call('demo-admin', 'disclosure.get', { itemId })) as SeedItem & { source: { kind: string } | null };
    if (d.source?.kind !== 'minutes') continue;
    const published = await publishReviewed(d);
    await call('demo-resident-2', 'disclosure.opinion', { itemId: published, versionNumber: 1, stance: 'agree', text: '会议程序符合规定，表决结果与现场一致。' });
  }
  const finance = await publish('seed-disclosure-finance-q3', {
    categoryKey: 'finance', title: '2026年第三季度社区财务收支', period: { kind: 'quarter', year: 2026, quarter: 3 },
    body: '本季度收入为街道拨付的社区工作经费和党组织服务群众经费；支出用于办公、楼道照明维修和重阳节敬老活动。原始凭证存社区办公室，居民可预约查阅。',
    finance: {
      openingFen: 1_856_020,
      income: [{ label: '街道拨付社区工作经费', amountFen: 3_000_000 }, { label: '党组织服务群众经费', amountFen: 1_000_000 }],
      expense: [{ label: '办公用品', amountFen: 86_050 }, { label: '1号楼、2号楼楼道照明维修', amountFen: 420_000 }, { label: '重阳节敬老活动', amountFen: 235_000 }],
      closingFen: 5_114_970,
    },
  });
  await publish('seed-disclosure-charter', {
    categoryKey: 'charter', title: '幸福里社区居民公约', period: { kind: 'none' },
    body: '一、爱护公共设施，不私占楼道和绿地。\n二、垃圾分类投放，定时定点。\n三、文明养犬，出门拴绳，及时清理。\n四、严禁高空抛物。\n五、邻里互助，关心独居老人。',
  });
  // A question 刘阿姨 asked about last quarter's finances, waiting for the staff's answer.
  await call('demo-resident-1', 'disclosure.ask', { itemId: finance, text: '楼道照明维修换了多少盏灯？每盏多少钱？' }, 'seed-disclosure-question');
  await call('demo-admin', 'notice.publish', {
    title: '本周六上午二次供水设备检修停水', body: '本周六8:00至12:00，因二次供水设备检修，1号楼至4号楼停水，请提前储水。', pinned: true, expiresAt: now + 5 * 24 * 3600_000,
  }, 'seed-notice-water');
  await call('demo-admin', 'notice.publish', {
    title: '冬季用火用电安全提示', body: '天气转冷，请勿在楼道内给电动车充电，取暖器远离可燃物，外出时关闭电源。', expiresAt: now + 30 * 24 * 3600_000,
  }, 'seed-notice-fire');
}

/**
 * 和平街道's second community, opened in the app by the subdistrict admin: its first admin
 * joined with the code and set up a grid and a building.
 */
async function seedSubdistrict(call: Caller): Promise<void> {
  const made = (await call('demo-subdistrict', 'subdistrict.createCommunity', { name: '长青社区' }, 'seed-community-guangming')) as { code: string };
  await call('demo-admin-3', 'subdistrict.redeemAdminCode', { code: made.code, name: '周主任' });
  const grid = (await call('demo-admin-3', 'community.upsertGrid', { name: '第一网格' })) as { id: string };
  await call('demo-admin-3', 'community.upsertBuilding', { name: '1栋', gridId: grid.id });
}

/** The services a community station typically offers, each with a weekly schedule. */
async function seedServices(call: Caller, grids: { g1: string }, staff: string[]): Promise<void> {
  const services = [
    { name: '法律咨询', description: '社区律师驻点，解答婚姻家庭、继承、劳动纠纷、物业纠纷等法律问题。', location: '社区服务站二楼调解室', durationMinutes: 30, seatsPerSlot: 1, schedule: [{ weekday: 2, start: '09:00', end: '11:30' }, { weekday: 4, start: '14:00', end: '16:30' }] },
    { name: '健康体检', description: '卫生服务站为60岁以上居民测量血压、血糖，提供慢病随访和疫苗接种咨询。', location: '社区卫生服务站', durationMinutes: 30, seatsPerSlot: 6, minNoticeHours: 1, schedule: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:30', end: '11:30' })) },
    { name: '居家养老上门服务', description: '为行动不便的老人提供上门助洁、助浴、代购等服务（仅限第一网格试点）。', homeVisit: true, durationMinutes: 120, seatsPerSlot: 1, minNoticeHours: 24, cancelCutoffHours: 12, maxPerMonth: 4, gridIds: [grids.g1], schedule: [{ weekday: 3, start: '09:00', end: '17:00' }, { weekday: 6, start: '09:00', end: '13:00' }] },
    { name: '就业社保咨询', description: '办理灵活就业登记、社保缴费、退休资格认证等业务咨询。', location: '社区服务站一楼窗口', durationMinutes: 20, seatsPerSlot: 2, schedule: [{ weekday: 1, start: '14:00', end: '17:00' }, { weekday: 5, start: '14:00', end: '17:00' }] },
    { name: '人民调解', description: '邻里矛盾、物业纠纷由人民调解员居中调解，双方自愿参加。', location: '社区服务站二楼调解室', durationMinutes: 60, seatsPerSlot: 1, maxPerMonth: 2, schedule: [{ weekday: 3, start: '14:00', end: '17:00' }] },
  ];
  for (const { schedule, ...service } of services) {
    const created = (await call('demo-admin', 'booking.upsertService', { ...service, staffIds: staff })) as { id: string };
    await call('demo-admin', 'booking.setSchedule', { serviceId: created.id, schedule });
  }
}

/** Concerns further along, so the detail, rating and stats pages show real content. */
async function seedLifecycle(call: Caller, buildings: Record<string, string>): Promise<void> {
  // 刘阿姨 gave her phone (so staff can call back) and allowed two 办结 notices.
  await call('demo-resident-1', 'privacy.setPhone', { code: 'demo-13800138000' });
  await call('demo-resident-1', 'notify.recordConsent', { results: { concernResolved: 'accept', concernProgress: 'accept' } });
  const answered = (await call(
    'demo-resident-2',
    'concern.submit',
    { category: 'cat_demo_safety', buildingId: buildings['3号楼'], text: '3号楼楼道里堆了很多纸箱和旧家具，挡住了消防通道。' },
    'seed-concern-resident-2-safety',
  )) as { id: string };
  await call('demo-grid-2', 'concern.accept', { concernId: answered.id });
  await call('demo-grid-2', 'concern.reply', { concernId: answered.id, text: '已联系物业，今天下午清理楼道杂物。' });
  await call('demo-grid-2', 'concern.resolve', { concernId: answered.id, summary: '楼道杂物已全部清理，并张贴了消防通道禁止堆物提示。' });

  const closed = (await call(
    'demo-resident-1',
    'concern.submit',
    { category: 'cat_demo_environment', buildingId: buildings['1号楼'], text: '1号楼前绿化带里有很多烟头和塑料袋，希望加强清扫。' },
    'seed-concern-resident-1-environment',
  )) as { id: string };
  await call('demo-grid-1', 'concern.accept', { concernId: closed.id });
  await call('demo-grid-1', 'concern.resolve', { concernId: closed.id, summary: '已安排保洁每天早晚各清扫一次绿化带。' });
  await call('demo-resident-1', 'concern.rate', { concernId: closed.id, resolved: true, satisfaction: 5, comment: '现在干净多了，谢谢！' });

  // 代办: 1号楼 2单元 202 has nobody on the app; 孙奶奶 came to the window and 李秀英 filed it.
  const { invites } = (await call('demo-admin', 'member.issueInvites', { households: [{ buildingId: buildings['1号楼'], unit: '2', room: '202' }] })) as { invites: Array<{ householdId: string }> };
  await call(
    'demo-grid-1',
    'concern.fileFor',
    { householdId: invites[0].householdId, contactName: '孙奶奶', category: 'cat_demo_repair', text: '孙奶奶到窗口反映：家里厨房水管漏水，楼下邻居天花板渗水。', channel: 'window', reason: '独居老人，没有智能手机' },
    'seed-filed-for-household-202',
  );

  // 督办 and 催办: a repair 刘阿姨 says did not hold is back under the grid leader, who chased it.
  const supervised = (await call(
    'demo-resident-1',
    'concern.submit',
    { category: 'cat_demo_repair', buildingId: buildings['2号楼'], text: '2号楼2单元楼梯扶手松动，老人扶着晃得厉害。' },
    'seed-concern-resident-1-railing',
  )) as { id: string };
  await call('demo-grid-1', 'concern.accept', { concernId: supervised.id });
  await call('demo-grid-1', 'concern.resolve', { concernId: supervised.id, summary: '已拧紧扶手固定螺栓。' });
  await call('demo-resident-1', 'concern.reopen', { concernId: supervised.id, reason: '扶手还是晃，螺栓又松了' });
  await call('demo-leader', 'concern.urge', { concernId: supervised.id, note: '扶手关系老人安全，请今天联系维修班更换底座' });
  // 李秀英 tapped 「微信提醒我新的待办」 twice: the sweep pushes her next two new, late or 督办 items.
  await call('demo-grid-1', 'notify.recordConsent', { results: { staffTask: 'accept' } });
  await call('demo-grid-1', 'notify.recordConsent', { results: { staffTask: 'accept' } });
  await seedDepartments(call);
}

/**
 * The department directory: the community's property company (with its contact, who has a
 * request waiting), the street's shared city-management office, and the police station.
 * 马大爷's overflowing bins are whistled to the property company.
 */
async function seedDepartments(call: Caller): Promise<void> {
  const property = (await call('demo-admin', 'department.upsert', { name: '幸福里物业服务中心', kind: 'property', phone: '010-84561234' }, 'seed-dept-property')) as { id: string };
  await call('demo-admin', 'department.upsert', { name: '和平街道城管科', kind: 'cityManagement', phone: '010-84560000', shared: true }, 'seed-dept-city');
  await call('demo-admin', 'department.upsert', { name: '和平派出所', kind: 'police', phone: '010-84562110' }, 'seed-dept-police');
  const { code } = (await call('demo-admin', 'department.issueCode', { departmentId: property.id })) as { code: string };
  await call('demo-dept-1', 'department.redeemCode', { code, name: '物业刘经理' });
  const { items } = (await call('demo-grid-2', 'concern.queue', { status: 'dispatched' })) as { items: Array<{ id: string; categoryName: string }> };
  const bins = items.find((c) => c.categoryName === '环境卫生');
  if (!bins) throw new Error('seed: the overflowing-bins concern is missing');
  await call('demo-grid-2', 'concern.accept', { concernId: bins.id });
  await call('demo-grid-2', 'concern.whistle', { concernId: bins.id, departmentId: property.id, note: '垃圾桶清运由物业负责，请今天安排清运并加一次消毒。', replyDays: 2 });
}

/**
 * 志愿服务: three volunteers (陈志愿 leads the 党员志愿者服务队; 刘阿姨 and 马大爷 residents),
 * two teams, and three activities — one full with 刘阿姨 waiting (第1位), one today, one next
 * week with two shifts and a minimum-age role. Times follow the clock the seed runs at.
 */
async function seedVolunteering(call: Caller, store: Store): Promise<void> {
  const HOUR = 3600_000;
  await call('demo-volunteer-1', 'volunteer.register', { name: '陈志愿', skills: ['绿化', '急救'], availability: '周末全天', partyMember: true, birthDate: '1975-04-12' });
  // The server's clock (the demo clock may be moved): when the first record was made.
  const first = await store.get('volunteers', `vol_${memberIdFor('demo-volunteer-1')}`);
  if (!first) throw new Error('seed: 陈志愿 did not register');
  const now = first.createdAt;
  await call('demo-resident-1', 'volunteer.register', { name: '刘阿姨', skills: ['陪伴聊天'], availability: '工作日上午', birthDate: '1958-09-03' });
  await call('demo-resident-2', 'volunteer.register', { name: '马大爷', skills: ['维修'], availability: '周末上午', partyMember: true, birthDate: '1955-01-20' });
  const green = (await call('demo-admin', 'team.upsert', { name: '党员志愿者服务队（植绿护绿）', description: '小区绿地养护、补种和爱绿护绿宣传。', leaderIds: [memberIdFor('demo-volunteer-1')] }, 'seed-team-green')) as { id: string };
  const visits = (await call('demo-admin', 'team.upsert', { name: '助老探访队', description: '定期上门看望独居和高龄老人，陪伴聊天、代买代办。' }, 'seed-team-visits')) as { id: string };
  for (const openid of ['demo-resident-1', 'demo-resident-2']) await call(openid, 'team.join', { teamId: visits.id });

  const activity = async (as: string, key: string, spec: { teamId: string; title: string; description: string; place: string; startAt: number; hours: number; seats: number; roles?: Array<{ key: string; name: string; minAge?: number; skill?: string }>; shifts?: number }) => {
    const roles = spec.roles ?? [{ key: 'r1', name: '志愿者' }];
    const shifts = Array.from({ length: spec.shifts ?? 1 }, (_, i) => ({ key: `s${i + 1}`, startAt: spec.startAt + i * (spec.hours + 1) * HOUR, endAt: spec.startAt + (i * (spec.hours + 1) + spec.hours) * HOUR }));
    const created = (await call(as, 'activity.upsert', {
      teamId: spec.teamId, title: spec.title, description: spec.description, place: spec.place, roles, shifts,
      seats: shifts.flatMap((s) => roles.map((r) => ({ shift: s.key, role: r.key, seats: spec.seats }))), signupDeadline: spec.startAt - Math.min(HOUR, (spec.startAt - now) / 2),
    }, key)) as { id: string };
    await call(as, 'activity.publish', { activityId: created.id });
    return created.id;
  };
  const full = await activity('demo-admin', 'seed-activity-full', { teamId: visits.id, title: '重阳节敬老探访', description: '两人一组看望独居老人，送上重阳糕。', place: '社区服务站集合', startAt: now + 26 * HOUR, hours: 2, seats: 1 });
  await call('demo-resident-2', 'activity.signup', { activityId: full, shiftId: 's1', roleId: 'r1' }, 'seed-signup-full-2');
  await call('demo-resident-1', 'activity.signup', { activityId: full, shiftId: 's1', roleId: 'r1' }, 'seed-signup-full-1');
  const today = await activity('demo-admin', 'seed-activity-today', { teamId: visits.id, title: '独居老人上门问候', description: '上门陪伴聊天，检查燃气和用电安全。', place: '1号楼、2号楼', startAt: now + 2 * HOUR, hours: 2, seats: 4 });
  await call('demo-volunteer-1', 'activity.signup', { activityId: today, shiftId: 's1', roleId: 'r1' }, 'seed-signup-today-v1');
  await activity('demo-volunteer-1', 'seed-activity-week', {
    teamId: green.id, title: '植绿护绿：小区绿地补种', description: '补种月季和冬青，清理枯枝。工具由社区提供。', place: '3号楼北侧绿地', startAt: now + 7 * 24 * HOUR, hours: 2, seats: 6, shifts: 2,
    roles: [{ key: 'r1', name: '补种' }, { key: 'r2', name: '修剪（需年满18岁）', minAge: 18 }],
  });
}

/**
 * 服务时长: what happened before the demo's first day, written as the check-in, check-out and
 * ledger would have left it (activities cannot be created in the past), then verified,
 * disputed and certified through the real actions. Last week's 植绿护绿 (lead 陈志愿): 刘阿姨 and
 * 马大爷 checked in and out, their entries wait in 陈志愿's queue, and 马大爷 once tried 刘阿姨's
 * phone (the anomaly list). A year of weekly 助老探访 gives 马大爷 104 verified hours (the
 * 100-hour milestone) and a certificate; 刘阿姨 disputes one of her visits.
 */
async function seedVolunteerHours(call: Caller, store: Store): Promise<void> {
  const HOUR = 3600_000;
  const DAY = 24 * HOUR;
  const chen = memberIdFor('demo-volunteer-1');
  const liu = memberIdFor('demo-resident-1');
  const ma = memberIdFor('demo-resident-2');
  const admin = memberIdFor('demo-admin');
  const first = await store.get('volunteers', `vol_${chen}`);
  const teams = (await call('demo-admin', 'team.list', {})) as { items: Array<{ id: string; name: string }> };
  const green = teams.items.find((t) => t.name.includes('植绿'));
  const visits = teams.items.find((t) => t.name.includes('助老'));
  if (!first || !green || !visits) throw new Error('seed: volunteering must be seeded before hours');
  const now = first.createdAt;
  const bjDate = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);
  const nineOn = (t: number) => Math.floor((t + 8 * HOUR) / DAY) * DAY - 8 * HOUR + 9 * HOUR;

  const past = (o: { _id: string; teamId: string; title: string; place: string; startAt: number; leadId: string }): ActivityRecord => ({
    _id: o._id, communityId: 'demo', teamId: o.teamId, title: o.title, description: '', place: o.place, status: 'finished',
    roles: [{ roleId: 'r1', name: '志愿者', skill: null, training: null, minAge: null }],
    shifts: [{ shiftId: 's1', startAt: o.startAt, endAt: o.startAt + 2 * HOUR }],
    seats: [{ shiftId: 's1', roleId: 'r1', seats: 6 }],
    signupDeadline: o.startAt - HOUR, leadId: o.leadId, organiserId: o.leadId, risky: false, insured: false, rounding: 'none',
    graceMinutes: 15, dailyCapMinutes: 8 * 60, codeSecret: `seed-secret-${o._id}`, cancelledReason: null, version: 1,
    createdAt: o.startAt - 7 * DAY, updatedAt: o.startAt + 2 * HOUR, startAt: o.startAt, endAt: o.startAt + 2 * HOUR,
  });
  const entry = (o: { _id: string; memberId: string; activity: ActivityRecord; minutes: number; serviceDate: string; status: HourEntryRecord['status']; at: number; flags?: HourEntryRecord['flags'] }): HourEntryRecord => ({
    _id: o._id, communityId: 'demo', memberId: o.memberId, activityId: o.activity._id, teamId: o.activity.teamId, shiftId: 's1', kind: 'attendance',
    minutes: o.minutes, content: o.activity.title, serviceDate: o.serviceDate, status: o.status, flags: o.flags ?? [], corrects: null, reason: null,
    decidedBy: o.status === 'pending' ? null : o.activity.leadId, secondBy: null, decidedAt: o.status === 'pending' ? null : o.at + DAY,
    createdBy: o.memberId, createdAt: o.at, leadId: o.activity.leadId, version: o.status === 'pending' ? 0 : 1,
  });

  // Last week's 植绿护绿: both checked in and out by scanning; waiting for 陈志愿.
  const planting = past({ _id: 'act_seed_planting', teamId: green.id, title: '植绿护绿：春季补种', place: '3号楼北侧绿地', startAt: nineOn(now - 5 * DAY), leadId: chen });
  await store.insert('activities', planting);
  const start = planting.startAt;
  for (const [memberId, inAt, outAt, flags] of [[liu, start - 5 * 60_000, start + 2 * HOUR + 3 * 60_000, []], [ma, start + 40 * 60_000, start + 2 * HOUR, []]] as const) {
    await store.insert('signups', {
      _id: signupId(planting._id, 's1', memberId), communityId: 'demo', activityId: planting._id, shiftId: 's1', roleId: 'r1', memberId, startAt: start, endAt: start + 2 * HOUR,
      status: 'booked', claim: `seed-claim-${memberId}`, offeredUntil: null, withdrawReason: null, wakeAt: null, version: 1, createdAt: start - 3 * DAY, updatedAt: start - 3 * DAY,
    });
    await store.insert('attendance', {
      _id: attendanceId(planting._id, 's1', memberId), communityId: 'demo', activityId: planting._id, shiftId: 's1', memberId,
      inAt, inMethod: 'code', outAt, outMethod: 'code', deviceKey: `seed-device-${memberId}`, recordedBy: null, reason: null, flags: [...flags], wakeAt: null, version: 1,
    });
    const minutes = Math.round((Math.min(outAt, start + 2 * HOUR + 15 * 60_000) - Math.max(inAt, start - 15 * 60_000)) / 60_000);
    await store.insert('hourEntries', entry({ _id: `he_seed_planting_${memberId}`, memberId, activity: planting, minutes, serviceDate: bjDate(start), status: 'pending', at: outAt }));
  }
  await store.insert('hourAnomalies', {
    _id: anomalyId('sharedDevice', planting._id, 's1', ma, liu), communityId: 'demo', activityId: planting._id, shiftId: 's1', kind: 'sharedDevice',
    memberId: ma, otherMemberId: liu, entryId: null, count: 1, firstAt: start + 30 * 60_000, lastAt: start + 30 * 60_000,
  });

  // A year of weekly visits (lead 王书记), verified: 马大爷 52 × 2 h = 104 h; 刘阿姨 a few.
  const weekly = past({ _id: 'act_seed_weekly_visits', teamId: visits.id, title: '助老探访：每周上门问候', place: '1号楼至4号楼', startAt: nineOn(now - 365 * DAY), leadId: admin });
  await store.insert('activities', weekly);
  for (let w = 0; w < 52; w += 1) {
    const at = nineOn(now - (10 + 7 * w) * DAY);
    await store.insert('hourEntries', entry({ _id: `he_seed_weekly_ma_${w}`, memberId: ma, activity: weekly, minutes: 120, serviceDate: bjDate(at), status: 'verified', at }));
    if (w < 3) await store.insert('hourEntries', entry({ _id: `he_seed_weekly_liu_${w}`, memberId: liu, activity: weekly, minutes: w === 1 ? 90 : 120, serviceDate: bjDate(at), status: 'verified', at }));
  }
  await call('demo-resident-1', 'hours.dispute', { entryId: 'he_seed_weekly_liu_1', text: '那天我从9点一直服务到11点，记录少了半小时。' });
  await call('demo-admin', 'hours.certificate', { memberId: ma, personInCharge: '王书记', contact: '010-65123456' }, 'seed-certificate-ma');
}

/**
 * 业主名册: the sheet the property office hands over, imported by 王书记 as staff do it (a
 * preview, then the import). 刘阿姨 owns her flat (linked by the import: she is bound there
 * under that name) and a second unit in 3号楼 that 王书记 linked after seeing the deed, so
 * she is one owner of two units; the developer's two unsold units count together as one.
 */
async function seedOwnerRoll(call: Caller, buildings: Record<string, string>): Promise<void> {
  const rows: (string | number)[][] = [
    ['1号楼', '1', '101', 89.37, '刘阿姨', '已售'],
    ['1号楼', '1', '102', 89.37, '周建明、李红', '已售'],
    ['1号楼', '2', '202', 76.5, '孙秀兰', '已售'],
    ['2号楼', '1', '201', 112.05, '赵志刚', '已售'],
    ['2号楼', '3', '502', 95.8, '孙先生', '已售'],
    ['3号楼', '1', '101', 68.9, '刘阿姨', '已售'],
    ['3号楼', '2', '302', 102.46, '马国庆', '已售'],
    ['4号楼', '1', '101', 130, '王建华', '已售'],
    ['4号楼', '2', '601', 142.18, '', '未售'],
    ['4号楼', '2', '602', 142.18, '', '未售'],
  ];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('业主名册');
  ws.addRow(['楼栋', '单元', '房号', '专有面积', '业主姓名', '状态']);
  for (const row of rows) ws.addRow(row);
  const fileBase64 = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
  await call('demo-admin', 'roll.import', { fileBase64 });
  await call('demo-admin', 'roll.import', { fileBase64, commit: true, reason: '物业移交的业主清册' });
  const { items } = (await call('demo-admin', 'roll.list', { kind: 'owner', buildingId: buildings['3号楼'] })) as { items: Array<{ unitId: string; address: string }> };
  const second = items.find((u) => u.address === '3号楼 1单元 101室');
  if (!second) throw new Error('seed: 刘阿姨’s second unit is missing from the owner roll');
  await call('demo-admin', 'roll.correct', { kind: 'owner', unitId: second.unitId, owners: [{ name: '刘阿姨', memberId: memberIdFor('demo-resident-1') }], reason: '本人持不动产权证书到社区核实，名下两套' });
}

/**
 * 走访 this month in both grids: 李秀英 at 孙奶奶's (上门), a phone visit Party member 王大伟
 * made to 刘阿姨 and 李秀英 logged for him, and 张建国 at 4号楼1单元101 by WeChat, where the
 * household asked for the entrance light to be fixed (filed as a 代办 concern). 2号楼1单元201
 * is flagged 高龄/独居 and was last visited 40 days ago — older than a log may be backdated, so
 * that one visit is written as it would have been logged then; it is on 李秀英's 今日待办.
 */
async function seedVisits(call: Caller, store: Store, buildings: Record<string, string>): Promise<void> {
  const DAY = 24 * 3600_000;
  const MINUTE = 60_000;
  const household = (b: string, unit: string, room: string) => householdIdFor('demo', buildings[b], unit, room);
  const sun = household('1号楼', '2', '202');
  const liu = household('1号楼', '1', '101');
  const flat4 = household('4号楼', '1', '101');
  const lonely = household('2号楼', '1', '201');
  // The seed has no clock of its own: the server's time, as the household it made last says.
  const made = await store.get('households', sun);
  if (!made) throw new Error('seed: lifecycle must be seeded before visits');
  const now = made.createdAt;
  await call('demo-grid-1', 'visit.log', {
    householdId: sun, visitor: { kind: 'self' }, visitedAt: now - 30 * MINUTE, channel: 'door', topics: ['cat_demo_repair'],
    notes: '孙奶奶说厨房水管已经修好，楼下不再渗水，身体还好。',
  }, 'seed-visit-sun');
  await call('demo-grid-1', 'visit.log', {
    householdId: liu, visitor: { kind: 'partyMember', name: '王大伟' }, visitedAt: now - 20 * MINUTE, channel: 'phone', topics: ['cat_demo_environment'],
    notes: '刘阿姨说绿化带清扫以后干净多了。',
  }, 'seed-visit-liu');
  await call('demo-grid-2', 'visit.log', {
    householdId: flat4, visitor: { kind: 'self' }, visitedAt: now - 10 * MINUTE, channel: 'wechat', topics: ['cat_demo_repair', 'cat_demo_safety'],
    needsAction: { category: 'cat_demo_repair', text: '4号楼1单元门口的路灯不亮，晚上老人出门看不清台阶。' },
  }, 'seed-visit-flat4');
  await call('demo-grid-1', 'visit.setCare', { householdId: lonely, elderly: true, specialCare: false });
  const b2 = await store.get('buildings', buildings['2号楼']);
  if (!b2) throw new Error('seed: 2号楼 is missing');
  const at = now - 40 * DAY;
  const lixiuying = memberIdFor('demo-grid-1');
  const old: VisitRecord = {
    _id: 'visit_seed_lonely_40d', communityId: 'demo', householdId: lonely, buildingId: b2._id, buildingName: b2.name, gridId: b2.gridId, month: monthOf(at),
    visitedAt: at, channel: 'door', topics: [{ id: 'cat_demo_repair', name: '设施维修' }], notes: '独居老人，腿脚不便，请子女留了电话。',
    visitor: { kind: 'self', memberId: lixiuying, name: '李秀英' }, loggedById: lixiuying, loggedByName: '李秀英', concernId: null, concernNumber: null,
    requestHash: 'seed', createdAt: at,
  };
  await store.insert('visits', old);
}

/**
 * 社情民意's history: three months of concerns already handled and archived (written as the
 * records they became, like the past activities above: the API files concerns only now), so
 * the heat grid and the bars by category show a trend; and a third repair in 1号楼 within
 * 30 days of the two the lifecycle filed, so the first sweep proposes a 未诉先办 case there.
 * The month's 每月一题 is set through the API, owned by 李秀英.
 */
async function seedInsights(call: Caller, store: Store, buildings: Record<string, string>): Promise<void> {
  const DAY = 86_400_000;
  const first = (await store.query('concerns', { where: { communityId: 'demo' }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 1 })).items[0];
  if (!first) throw new Error('seed: concerns must be seeded before insights');
  const now = first.createdAt;
  const gridOf = new Map<string, string>();
  for (const id of Object.values(buildings)) gridOf.set(id, (await store.get('buildings', id))?.gridId ?? first.gridId);
  const worker = (gridId: string) => (gridId === first.gridId ? memberIdFor('demo-grid-1') : memberIdFor('demo-grid-2'));
  // [days ago, building, category, minutes to first response]
  const history: Array<[number, string, string, number]> = [
    [95, '1号楼', 'repair', 40], [92, '3号楼', 'environment', 300], [90, '3号楼', 'environment', 90], [88, '2号楼', 'safety', 20],
    [64, '1号楼', 'repair', 60], [61, '1号楼', 'repair', 130], [58, '3号楼', 'environment', 45], [55, '4号楼', 'property', 600],
    [34, '1号楼', 'repair', 35], [33, '3号楼', 'environment', 80], [31, '3号楼', 'environment', 50], [29, '2号楼', 'dispute', 240],
    [5, '1号楼', 'repair', 25], [3, '4号楼', 'property', 180], [2, '3号楼', 'environment', 70],
  ];
  // Households of the past, on nobody's account today: the records count, nobody's list grows.
  const households = ['seed_history_a', 'seed_history_b', 'seed_history_c'];
  let n = 0;
  for (const [daysAgo, building, key, minutes] of history) {
    n += 1;
    const at = now - daysAgo * DAY;
    const cat = DEFAULT_CATEGORIES.find((c) => c.key === key)!;
    const buildingId = buildings[building];
    const gridId = gridOf.get(buildingId) as string;
    const day = new Date(at + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const record: ConcernRecord = {
      ...first,
      _id: `seed_history_${n}`, number: `${day}-${String(900 + n).padStart(4, '0')}`,
      authorId: null, householdId: households[n % 3], authorName: null, hideName: true, filedBy: null,
      buildingId, buildingName: building, gridId, category: categoryId('demo', key), categoryName: cat.name, contactHours: cat.contactHours, resolveDays: cat.resolveDays,
      text: `（往期记录）${building}${cat.name}问题，已处理归档。`, photos: [],
      status: 'closed', assigneeId: worker(gridId), routedVia: 'workerA', firstResponderId: worker(gridId), acceptedAt: at + minutes * 60_000,
      respondedInTime: minutes <= cat.contactHours * 60, signedInWindow: minutes <= cat.contactHours * 60, clockMisses: [], moderation: 'pass',
      contactDueAt: at + cat.contactHours * 3_600_000, resolveDueAt: at + cat.resolveDays * DAY, pausedAt: null, resumeStatus: null, whistle: null,
      resolution: { summary: '已处理。', photos: [], at: at + DAY, by: worker(gridId) }, firstResolvedAt: at + DAY, rating: null, rateDueAt: null,
      round: 1, escalationLevel: 0, overdue: false, mergedInto: null, followerIds: [], closedAt: at + 8 * DAY, closedReason: 'autoClosed',
      supervising: false, urges: 0, lastUrgedAt: null, residentWait: null, wakeAt: null, motion: null, version: 1, requestHash: `seed-history-${n}`,
      createdAt: at, updatedAt: at + 8 * DAY,
    };
    await store.insert('concerns', record);
  }
  const month = new Date(now + 8 * 3600_000).toISOString().slice(0, 7);
  await call('demo-admin', 'insight.setMonthlyTopic', {
    month, category: categoryId('demo', 'repair'), title: '楼道照明和扶手', ownerId: memberIdFor('demo-grid-1'), target: '月底前1—4号楼楼道灯全部可用、扶手全部加固',
    milestones: [{ title: '逐栋排查', dueAt: now + 5 * DAY }, { title: '更换和加固完毕', dueAt: now + 20 * DAY }, { title: '回访居民', dueAt: now + 27 * DAY }],
  });
}
