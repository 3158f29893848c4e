/**
 * One builder per action (and per named variant, `action#variant`): it brings a fresh copy
 * of the world into the state the action needs and returns a VALID input aimed at an item
 * owned by `resident` (刘阿姨) or lying in grid 1 / the demo community. The authorization
 * matrix, the fuzzer (which mutates these inputs) and the identity check all start here.
 *
 * `probe` is a piece of the response JSON that shows the target item was reached: present
 * for callers who may see it, absent for callers whose list is scoped away from it.
 */
import ExcelJS from 'exceljs';
import { pollVerdicts } from '../../../cloudfunctions/lib/features/media/verdicts';
import { OWNER_SHEET_COLUMNS, type MyBallotView, type PaperBallotView } from '../../../miniprogram/core/poll/contract';
import { householdIdFor } from '../../../cloudfunctions/lib/features/member/household';
import type { World } from '../support/world';
import { DAY, HOUR, key, member } from '../support/world';
import { addDepartment, joinAsContact } from '../../support/departments';
import { device, seedActivity, type SeededActivity } from '../../support/volunteer-records';
import { ledgerWorld } from '../../support/volunteer-ledger';
import { makePoll, type PollOptions } from '../../support/polls';
import { councilBuilders } from './council-fixtures';
import { disclosureBuilders } from './disclosure-fixtures';
import { subdistrictBuilders } from './subdistrict-fixtures';
import { visitBuilders } from './visit-fixtures';
import { insightBuilders } from './insight-fixtures';
import { reportBuilders } from './report-fixtures';

export interface Built {
  data: Record<string, unknown>;
  probe?: string;
}

export type Builder = (w: World) => Promise<Built>;

const RESIDENT = 'demo-resident-1';
const GRID1 = 'demo-grid-1';

const startOf = (slotId: string) => Number(slotId.split('_').pop());

async function accepted(w: World): Promise<string> {
  await w.h.ok(GRID1, 'concern.accept', { concernId: w.ids.concern });
  return w.ids.concern;
}

/** The property company's contact person in the coordinating fixture: none of the matrix's columns. */
export const DEPARTMENT_CONTACT = 'proof-dept-contact';

async function coordinating(w: World): Promise<string> {
  const id = await accepted(w);
  const departmentId = await addDepartment(w.h, '物业公司');
  await joinAsContact(w.h, departmentId, DEPARTMENT_CONTACT);
  await w.h.ok(GRID1, 'concern.whistle', { concernId: id, departmentId, note: '门禁系统由物业维护，请物业派人维修' });
  return id;
}

async function resolved(w: World): Promise<string> {
  const id = await accepted(w);
  await w.h.ok(GRID1, 'concern.resolve', { concernId: id, summary: '物业已更换门禁控制器，门禁恢复正常。' });
  return id;
}

async function booked(w: World, slot = w.ids.slot, who = RESIDENT): Promise<string> {
  return (await w.h.ok<{ id: string }>(who, 'booking.create', { slotId: slot }, key())).id;
}

/** 刘阿姨 waits behind 马大爷 for the single seat; he cancels, and the seat is offered to her. */
async function offered(w: World): Promise<string> {
  const his = await booked(w, w.ids.slot, 'demo-resident-2');
  const hers = await booked(w);
  await w.h.ok('demo-resident-2', 'booking.cancel', { bookingId: his });
  return hers;
}

/** Booked, and the clock half an hour before the slot (check-in is open). */
async function arrivingSoon(w: World): Promise<string> {
  const id = await booked(w);
  w.h.clock.set(startOf(w.ids.slot) - HOUR / 2);
  return id;
}

async function attended(w: World): Promise<string> {
  const id = await arrivingSoon(w);
  await w.h.ok(GRID1, 'booking.checkIn', { bookingId: id });
  return id;
}

/** A message in 刘阿姨's own inbox (the approval of her binding request, from the seed). */
async function residentMessage(w: World): Promise<string> {
  const page = await w.h.deps.store.query<{ _id: string }>('inbox', {
    where: { communityId: 'demo', recipientId: member(RESIDENT) },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: 1,
  });
  if (!page.items[0]) throw new Error('fixture: 刘阿姨 has no inbox message');
  return page.items[0]._id;
}

/** A photo 刘阿姨 uploaded to her own folder, registered, and cleared by the image check. */
async function passedPhoto(w: World, name = 'door.jpg'): Promise<string> {
  const fileId = `local://uploads/${member(RESIDENT)}_${name}`;
  await w.h.ok(RESIDENT, 'media.register', { fileId });
  w.h.clock.advance(60_000);
  await pollVerdicts(w.h.deps, w.h.clock.now(), { items: 100 });
  return fileId;
}

/** A concern of 刘阿姨's whose words the content check sent to staff review. */
async function heldForReview(w: World): Promise<string> {
  const c = await w.h.ok<{ id: string }>(RESIDENT, 'concern.submit', {
    category: 'cat_demo_property', buildingId: w.ids.b1, text: '我要写举报信反映物业乱收费的问题。',
  }, key());
  return `mod_concernText_${c.id}`;
}

/** 刘阿姨 registered as a volunteer (V0001 of the demo community). */
async function volunteerResident(w: World, who = RESIDENT, name = '刘阿姨'): Promise<string> {
  return (await w.h.ok<{ id: string }>(who, 'volunteer.register', { name, birthDate: '1960-05-01' })).id;
}

async function matrixTeam(w: World): Promise<string> {
  return (await w.h.ok<{ id: string }>('demo-admin', 'team.upsert', { name: '矩阵服务队' }, key())).id;
}

/** The admin's activity for the matrix team, a day ahead, one seat; published unless asked not to. */
async function matrixActivity(w: World, publish = true): Promise<string> {
  const teamId = await matrixTeam(w);
  const startAt = w.h.clock.now() + 2 * DAY;
  const a = await w.h.ok<{ id: string }>('demo-admin', 'activity.upsert', {
    teamId, title: '矩阵志愿活动', place: '社区广场', roles: [{ key: 'r1', name: '引导员' }], shifts: [{ key: 's1', startAt, endAt: startAt + 2 * HOUR }],
    seats: [{ shift: 's1', role: 'r1', seats: 1 }], signupDeadline: startAt - HOUR,
  }, key());
  if (publish) await w.h.ok('demo-admin', 'activity.publish', { activityId: a.id });
  return a.id;
}

/** 刘阿姨 signed up for the matrix activity. */
async function signedUp(w: World): Promise<{ activityId: string; signupId: string }> {
  await volunteerResident(w);
  const activityId = await matrixActivity(w);
  const s = await w.h.ok<{ id: string }>(RESIDENT, 'activity.signup', { activityId, shiftId: 's1', roleId: 'r1' }, key());
  return { activityId, signupId: s.id };
}

/** 刘阿姨 waits behind 马大爷 for the one seat; he withdraws, and the seat is offered to her. */
async function signupOffered(w: World): Promise<string> {
  await volunteerResident(w);
  await volunteerResident(w, 'demo-resident-2', '马大爷');
  const activityId = await matrixActivity(w);
  const his = await w.h.ok<{ id: string }>('demo-resident-2', 'activity.signup', { activityId, shiftId: 's1', roleId: 'r1' }, key());
  const hers = await w.h.ok<{ id: string }>(RESIDENT, 'activity.signup', { activityId, shiftId: 's1', roleId: 'r1' }, key());
  await w.h.ok('demo-resident-2', 'activity.withdraw', { signupId: his.id, reason: '临时有事' });
  return hers.id;
}

/** An activity led and organised by 李秀英 with 刘阿姨 booked on its shift; the clock at the shift's start. */
async function volunteering(w: World): Promise<SeededActivity> {
  const a = await seedActivity(w.h, { booked: [RESIDENT], lead: GRID1 });
  w.h.clock.set(a.shifts[0].startAt);
  return a;
}
const shiftOf = (a: SeededActivity) => ({ activityId: a.activityId, shiftId: a.shiftId });

async function checkedIn(w: World): Promise<SeededActivity> {
  const a = await volunteering(w);
  await w.h.ok(RESIDENT, 'activity.checkIn', { ...shiftOf(a), code: a.code(), deviceKey: device('matrix') });
  return a;
}

/** 刘阿姨 served the shift and checked out: one pending entry in 李秀英's queue. */
async function servedEntry(w: World): Promise<{ a: SeededActivity; entryId: string }> {
  const a = await checkedIn(w);
  w.h.clock.set(a.shifts[0].endAt);
  await w.h.ok(RESIDENT, 'activity.checkOut', { ...shiftOf(a), code: a.code(), deviceKey: device('matrix') });
  const mine = await w.h.ok<{ entries: Array<{ id: string }> }>(RESIDENT, 'hours.mine', {});
  return { a, entryId: mine.entries[0].id };
}

async function disputed(w: World): Promise<string> {
  const { entryId } = await servedEntry(w);
  return (await w.h.ok<{ id: string }>(RESIDENT, 'hours.dispute', { entryId, text: '签退时扫码失败，实际多服务了半小时' })).id;
}

/** 刘阿姨 with verified volunteer hours and a certificate the admin issued; its verify address. */
async function certified(w: World): Promise<{ memberId: string; id: string; number: string; verify: { communityId: string; token: string } }> {
  const { resident } = await ledgerWorld(w.h);
  const c = await w.h.ok<{ id: string; number: string; verify: { communityId: string; token: string } }>('demo-admin', 'hours.certificate', { memberId: resident, personInCharge: '王书记', contact: '010-66668888' }, key());
  return { memberId: resident, ...c };
}

/** 李主任, the world's second admin: the polls are hers, so 王书记 (`admin`) may publish them. */
export const POLL_MAKER = 'demo-admin-2';
/** 赵丽, B角 of grid 1: keys in the paper ballots, so 李秀英 and 王书记 may confirm them. */
const GRID1B = 'demo-grid-1b';

/**
 * 李主任's poll for grid 1 (1号楼, 2号楼: 刘阿姨's flat and 2号楼1单元201), one ballot per
 * household, secret, in the app, on paper and in a meeting; open now unless `opensIn`.
 */
export async function gridPoll(w: World, o: PollOptions = {}): Promise<string> {
  return (await makePoll(w.h, { by: POLL_MAKER, eligibility: { scope: 'grids', ids: [w.ids.g1] }, channels: ['app', 'paper', 'meeting'], ...o })).id;
}

/** 刘阿姨's household: her unit on a household roll. */
export const herHousehold = (w: World) => householdIdFor('demo', w.ids.b1, '1', '101');
/** 2号楼1单元201: a household of grid 1 nobody has bound, so it votes on paper. */
export const paperHousehold = (w: World) => householdIdFor('demo', w.ids.b2, '1', '201');

/** 刘阿姨 voted 赞成 in the grid poll; her receipt. */
async function herBallot(w: World, pollId: string): Promise<string> {
  const mine = await w.h.ok<MyBallotView>(RESIDENT, 'poll.vote', { pollId, choice: { optionIds: ['o1'] } });
  if (!mine.receipt) throw new Error('fixture: her vote has no receipt');
  return mine.receipt;
}

/** 赵丽 keyed in 201's paper ballot (反对); it waits for a second person. */
async function paperEntered(w: World, pollId: string): Promise<string> {
  return (await w.h.ok<PaperBallotView>(GRID1B, 'poll.enterPaperBallot', { pollId, unitKey: paperHousehold(w), choice: { optionIds: ['o2'] } })).ballotId;
}

/** The grid poll after 刘阿姨 voted and 李主任 ended it early: counted, not yet published. */
async function closedPoll(w: World): Promise<string> {
  const id = await gridPoll(w);
  await herBallot(w, id);
  await w.h.ok(POLL_MAKER, 'poll.close', { pollId: id, reason: '议事会商定提前结束' });
  return id;
}

/** An owner sheet as the property office hands it over: header row, then one flat of 1号楼. */
async function ownerSheetBase64(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('业主名册');
  ws.addRow([...OWNER_SHEET_COLUMNS]);
  ws.addRow(['1号楼', '1', '103', '92.15', '周先生', '已售']);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
}

export const builders: Record<string, Builder> = {
  'meta.describe': async () => ({ data: {}, probe: '"meta.describe"' }),
  'member.me': async () => ({ data: {} }),

  'member.requestBinding': async (w) => ({
    data: { communityId: 'demo', buildingId: w.ids.b1, unit: '5', room: '501', name: '周先生' },
  }),
  'member.redeemInvite': async (w) => {
    const { invites } = await w.h.ok<{ invites: Array<{ code: string }> }>('demo-admin', 'member.issueInvites', {
      households: [{ buildingId: w.ids.b1, unit: '9', room: '901' }],
    });
    return { data: { code: invites[0].code } };
  },
  'member.listRequests': async (w) => ({ data: { status: 'pending' }, probe: w.ids.visitorRequest }),
  'member.reviewRequest': async (w) => ({ data: { requestId: w.ids.visitorRequest, decision: 'approve' } }),
  'member.setRoles': async () => ({ data: { memberId: member('demo-volunteer-1'), roles: ['volunteer', 'gridWorker'] } }),
  'member.find': async (w) => ({ data: { buildingId: w.ids.b1, unit: '1', room: '101' }, probe: '刘阿姨' }),
  'concern.fileFor': async (w) => ({
    data: { householdId: householdIdFor('demo', w.ids.b1, '1', '101'), residentId: member(RESIDENT), category: 'cat_demo_repair', text: '电话反映：1号楼1单元门口的路灯不亮了。', channel: 'phone', reason: '老人不会用手机，来电反映' },
  }),
  'member.issueInvites': async (w) => ({ data: { households: [{ buildingId: w.ids.b1, unit: '8', room: '801' }] } }),
  // Her answer no longer names her flat; anyone else's leaves hers in place.
  'member.leaveHousehold': async () => ({ data: { confirm: true }, probe: member(RESIDENT) }),
  'member.removeFromHousehold': async () => ({ data: { memberId: member(RESIDENT), reason: '家属告知已搬去外地' } }),
  'member.setName': async () => ({ data: { name: '王阿姨' }, probe: member(RESIDENT) }),

  'community.list': async () => ({ data: {}, probe: '幸福里社区' }),
  'community.buildings': async (w) => ({ data: { communityId: 'demo' }, probe: w.ids.b1 }),
  'community.grids': async (w) => ({ data: {}, probe: w.ids.g1 }),
  'community.upsertGrid': async (w) => ({ data: { gridId: w.ids.g1, name: '第一网格（更名）' } }),
  'community.upsertBuilding': async (w) => ({ data: { buildingId: w.ids.b1, name: '1号楼', gridId: w.ids.g1 } }),
  'community.update': async () => ({ data: { name: '幸福里社区', subdistrict: '和平街道' } }),

  'concern.categories': async () => ({ data: {}, probe: 'cat_demo_repair' }),
  'concern.submit': async (w) => ({
    data: { category: 'cat_demo_repair', buildingId: w.ids.b1, text: '1号楼电梯按钮失灵，老人上下楼很不方便。', hideName: true },
  }),
  'concern.listMine': async (w) => ({ data: {}, probe: w.ids.concern }),
  'concern.get': async (w) => ({ data: { concernId: w.ids.concern }, probe: w.ids.concern }),
  'concern.queue': async (w) => ({ data: {}, probe: w.ids.concern }),
  'concern.counts': async () => ({ data: {} }),
  'concern.accept': async (w) => ({ data: { concernId: w.ids.concern } }),
  'concern.reply': async (w) => ({ data: { concernId: await accepted(w), text: '已联系物业，明天上午来修。' } }),
  'concern.note': async (w) => ({ data: { concernId: await accepted(w), text: '门禁由物业维护，已电话催办。' } }),
  'concern.requestInfo': async (w) => ({ data: { concernId: await accepted(w), question: '是哪一扇门？请拍张照片。' } }),
  'concern.supplement': async (w) => ({ data: { concernId: w.ids.concern, text: '是北侧的单元门。' } }),
  'concern.transfer': async (w) => ({ data: { concernId: await accepted(w), toGridId: w.ids.g2, reason: '门禁归第二网格的物业管理' } }),
  'concern.whistle': async (w) => ({ data: { concernId: await accepted(w), departmentId: await addDepartment(w.h, '物业公司'), note: '请物业派人维修门禁' } }),
  'concern.reportBack': async (w) => ({ data: { concernId: await coordinating(w), text: '物业回复：已更换门禁控制器。' } }),
  'concern.merge': async (w) => {
    const original = await accepted(w);
    const dup = await w.h.ok<{ id: string }>('demo-resident-2', 'concern.submit', {
      category: 'cat_demo_repair', buildingId: w.ids.b1, text: '1号楼单元门禁坏了，谁都能进。',
    }, key());
    return { data: { concernId: dup.id, intoId: original, reason: '同一门禁故障' } };
  },
  'concern.resolve': async (w) => ({ data: { concernId: await accepted(w), summary: '门禁已修好。' } }),
  'concern.rate': async (w) => ({ data: { concernId: await resolved(w), resolved: true, satisfaction: 5, comment: '修得很快' } }),
  'concern.reopen': async (w) => ({ data: { concernId: await resolved(w), reason: '门禁又坏了' } }),
  'concern.withdraw': async (w) => ({ data: { concernId: w.ids.concern, reason: '已经自己联系物业修好了' } }),
  'concern.export': async (w) => ({ data: { from: w.h.clock.now() - 30 * DAY, to: w.h.clock.now() + DAY } }),
  'concern.stats': async (w) => ({ data: { from: w.h.clock.now() - 30 * DAY, to: w.h.clock.now() + DAY, groupBy: 'grid' }, probe: w.ids.g1 }),
  'concern.urge': async (w) => ({ data: { concernId: await accepted(w), note: '老人出入不便，请今天联系物业。' } }),
  'concern.upsertCategory': async () => ({ data: { categoryId: 'cat_demo_repair', name: '设施维修', contactHours: 12, resolveDays: 5 } }),
  'staff.setAway': async () => ({ data: { away: true, memberId: member(GRID1) } }),

  'booking.services': async (w) => ({ data: {}, probe: w.ids.service }),
  'booking.service': async (w) => ({ data: { serviceId: w.ids.service }, probe: w.ids.service }),
  'booking.slots': async (w) => ({ data: { serviceId: w.ids.service }, probe: w.ids.slot }),
  'booking.stats': async (w) => ({ data: { from: w.h.clock.now() - 30 * DAY, to: w.h.clock.now() + 30 * DAY }, probe: w.ids.service }),
  'booking.create': async (w) => ({ data: { slotId: w.ids.slot } }),
  'booking.create#onBehalf': async (w) => ({ data: { slotId: w.ids.slot, onBehalfOf: member(RESIDENT), reason: '老人不会用手机', channel: 'phone' } }),
  'booking.cancel': async (w) => ({ data: { bookingId: await booked(w), reason: '临时有事' } }),
  'booking.confirmPromotion': async (w) => ({ data: { bookingId: await offered(w) } }),
  'booking.listMine': async (w) => {
    const id = await booked(w);
    return { data: {}, probe: id };
  },
  'booking.listForSlot': async (w) => {
    const id = await booked(w);
    return { data: { slotId: w.ids.slot }, probe: id };
  },
  'booking.checkIn': async (w) => ({ data: { bookingId: await arrivingSoon(w), note: '已提供咨询' } }),
  'booking.markNoShow': async (w) => {
    const id = await booked(w);
    w.h.clock.set(startOf(w.ids.slot) + HOUR / 4);
    return { data: { bookingId: id } };
  },
  'booking.rate': async (w) => ({ data: { bookingId: await attended(w), score: 5, comment: '很耐心' } }),
  'booking.upsertService': async (w) => ({
    data: { serviceId: w.ids.service, name: '证明服务', description: '授权矩阵专用的便民服务（已修改）', location: '社区服务站一楼', durationMinutes: 60, seatsPerSlot: 2, staffIds: [member(GRID1)] },
  }),
  'booking.setSchedule': async (w) => ({ data: { serviceId: w.ids.service, schedule: [{ weekday: 3, start: '14:00', end: '16:00' }] } }),
  'booking.closeSlots': async (w) => ({
    data: { serviceId: w.ids.service, from: startOf(w.ids.slot), to: startOf(w.ids.slot) + HOUR, reason: '节假日休息' },
  }),

  'notify.inbox': async (w) => ({ data: {}, probe: await residentMessage(w) }),
  'notify.unreadCount': async () => ({ data: {} }),
  'notify.markRead': async (w) => ({ data: { ids: [await residentMessage(w)] }, probe: '"marked":1' }),
  'notify.templates': async () => ({ data: { moment: 'concern.submit' } }),
  'notify.recordConsent': async () => ({ data: { results: { concernProgress: 'accept' } } }),

  'media.register': async () => ({ data: { fileId: `local://uploads/${member(RESIDENT)}_door.jpg` } }),
  'media.urls': async (w) => {
    const photo = await passedPhoto(w);
    await w.h.ok(RESIDENT, 'concern.supplement', { concernId: w.ids.concern, photos: [photo] });
    return { data: { fileIds: [photo] }, probe: photo };
  },
  'moderation.queue': async (w) => ({ data: { status: 'pending' }, probe: await heldForReview(w) }),
  'moderation.decide': async (w) => ({ data: { itemId: await heldForReview(w), decision: 'approve' } }),
  'moderation.report': async (w) => ({ data: { subjectType: 'concernText', subjectId: w.ids.concern, reason: '内容与事实不符' } }),
  'privacy.setPhone': async () => ({ data: { code: 'demo-13812345678' } }),
  'privacy.export': async () => ({ data: {}, probe: '"name":"刘阿姨"' }),
  'privacy.requestDeletion': async () => ({ data: { confirm: true } }),
  'privacy.cancelDeletion': async (w) => {
    await w.h.ok(RESIDENT, 'privacy.requestDeletion', { confirm: true });
    return { data: {}, probe: '"cancelled":true' };
  },

  // Her concern's steps are on the demo community's log.
  'audit.log': async (w) => ({ data: { limit: 50 }, probe: w.ids.concern }),
  'department.list': async (w) => ({ data: {}, probe: await addDepartment(w.h, '矩阵物业') }),
  'department.upsert': async (w) => ({ data: { departmentId: await addDepartment(w.h, '矩阵物业'), name: '矩阵物业（更名）', kind: 'property' } }),
  'department.issueCode': async (w) => ({ data: { departmentId: await addDepartment(w.h, '矩阵物业') } }),
  'department.redeemCode': async (w) => {
    const { code } = await w.h.ok<{ code: string }>('demo-admin', 'department.issueCode', { departmentId: await addDepartment(w.h, '矩阵物业') });
    return { data: { code, name: '矩阵联系人' } };
  },
  'department.removeContact': async (w) => {
    const departmentId = await addDepartment(w.h, '矩阵物业');
    await joinAsContact(w.h, departmentId, 'proof-dept-contact');
    return { data: { departmentId } };
  },
  'department.queue': async (w) => ({ data: {}, probe: await coordinating(w) }),
  'department.request': async (w) => ({ data: { concernId: await coordinating(w) } }),
  'department.answer': async (w) => ({ data: { concernId: await coordinating(w), text: '已派人维修' } }),

  'volunteer.register': async () => ({ data: { communityId: 'demo', name: '志愿者小王', skills: ['绿化'], availability: '周末' } }),
  'volunteer.profile': async (w) => {
    await volunteerResident(w);
    return { data: {}, probe: '"V0001"' };
  },
  'volunteer.verify': async (w) => ({ data: { volunteerId: await volunteerResident(w), decision: 'approve', trainings: ['消防安全'] } }),
  'volunteer.list': async (w) => ({ data: {}, probe: await volunteerResident(w) }),
  'team.list': async (w) => ({ data: {}, probe: await matrixTeam(w) }),
  'team.join': async (w) => {
    await volunteerResident(w);
    return { data: { teamId: await matrixTeam(w) } };
  },
  'team.upsert': async (w) => ({ data: { teamId: await matrixTeam(w), name: '矩阵服务队（更名）', description: '授权矩阵专用' } }),
  'activity.list': async (w) => ({ data: {}, probe: await matrixActivity(w) }),
  'activity.get': async (w) => {
    const id = await matrixActivity(w);
    return { data: { activityId: id }, probe: id };
  },
  'activity.upsert': async (w) => {
    const startAt = w.h.clock.now() + 3 * DAY;
    return {
      data: {
        teamId: await matrixTeam(w), title: '矩阵新活动', place: '社区广场', roles: [{ key: 'r1', name: '引导员', minAge: 18 }], shifts: [{ key: 's1', startAt, endAt: startAt + HOUR }],
        seats: [{ shift: 's1', role: 'r1', seats: 3 }], signupDeadline: startAt - HOUR, risky: true, insured: true,
      },
    };
  },
  'activity.publish': async (w) => ({ data: { activityId: await matrixActivity(w, false) } }),
  'activity.cancel': async (w) => ({ data: { activityId: (await signedUp(w)).activityId, reason: '天气原因改期' } }),
  'activity.signup': async (w) => {
    await volunteerResident(w);
    return { data: { activityId: await matrixActivity(w), shiftId: 's1', roleId: 'r1' } };
  },
  'activity.withdraw': async (w) => ({ data: { signupId: (await signedUp(w)).signupId, reason: '临时有事' } }),
  'activity.confirm': async (w) => ({ data: { signupId: await signupOffered(w) } }),
  'activity.mine': async (w) => ({ data: {}, probe: (await signedUp(w)).signupId }),
  'activity.roster': async (w) => ({ data: { activityId: (await signedUp(w)).activityId }, probe: '刘阿姨' }),
  'activity.checkInCode': async (w) => ({ data: shiftOf(await volunteering(w)), probe: '"qrText"' }),
  'activity.checkIn': async (w) => {
    const a = await volunteering(w);
    return { data: { ...shiftOf(a), code: a.code(), deviceKey: device('matrix') } };
  },
  'activity.checkOut': async (w) => {
    const a = await checkedIn(w);
    w.h.clock.set(a.shifts[0].endAt);
    return { data: { ...shiftOf(a), code: a.code(), deviceKey: device('matrix') } };
  },
  'activity.checkInByHand': async (w) => ({ data: { ...shiftOf(await volunteering(w)), memberId: member(RESIDENT), step: 'in', reason: '老人没有带手机' } }),
  'hours.mine': async (w) => ({ data: {}, probe: (await servedEntry(w)).entryId }),
  'hours.pending': async (w) => ({ data: {}, probe: (await servedEntry(w)).entryId }),
  'hours.verify': async (w) => ({ data: { entryId: (await servedEntry(w)).entryId, decision: 'verify' } }),
  'hours.adjust': async (w) => ({ data: { entryId: (await servedEntry(w)).entryId, minutes: -10, reason: '提前十分钟离开' } }),
  'hours.dispute': async (w) => ({ data: { entryId: (await servedEntry(w)).entryId, text: '签退时扫码失败，实际多服务了半小时' } }),
  'hours.disputes': async (w) => ({ data: {}, probe: await disputed(w) }),
  'hours.answerDispute': async (w) => ({ data: { disputeId: await disputed(w), answer: '已核实，另做更正记录' } }),
  'hours.anomalies': async (w) => ({ data: { activityId: (await servedEntry(w)).a.activityId } }),
  'hours.certificate': async (w) => ({ data: { memberId: (await ledgerWorld(w.h)).resident, personInCharge: '王书记', contact: '010-66668888' } }),
  'hours.certificates': async (w) => {
    const c = await certified(w);
    return { data: { memberId: c.memberId }, probe: c.number };
  },
  'hours.revokeCertificate': async (w) => ({ data: { certificateId: (await certified(w)).id, reason: '时长录入有误' } }),
  'hours.verifyCertificate': async (w) => ({ data: { ...(await certified(w)).verify }, probe: '"status":"valid"' }),
  'hours.export': async (w) => ({ data: { kind: 'person', memberId: (await ledgerWorld(w.h)).resident } }),

  // 投票表决: the rolls. 刘阿姨's household and her flat on the owner register lie in grid 1.
  'roll.list': async (w) => ({ data: { kind: 'household' }, probe: herHousehold(w) }),
  'roll.list#owner': async (w) => ({ data: { kind: 'owner' }, probe: w.ids.ownerUnit }),
  'roll.import': async () => ({ data: { fileBase64: await ownerSheetBase64(), commit: true, reason: '物业提供的最新名册' }, probe: '"committed":true' }),
  'roll.correct': async (w) => ({ data: { kind: 'household', householdId: herHousehold(w), representativeId: member(RESIDENT), reason: '户主本人到站确认' } }),
  'roll.correct#owner': async (w) => ({ data: { kind: 'owner', unitId: w.ids.ownerUnit, areaM2: '89.50', reason: '按不动产权证更正面积' } }),

  // Polls: 李主任's poll for grid 1 (see gridPoll).
  'poll.create': async (w) => {
    const now = w.h.clock.now();
    return {
      data: {
        title: '是否同意在1号楼门前增设非机动车棚', description: '', options: ['赞成', '反对'], minPicks: 1, maxPicks: 1, openTextLabel: null, unit: 'household',
        eligibility: { scope: 'grids', ids: [w.ids.g1] }, secret: true, rule: { id: 'URC-2018' }, channels: ['app', 'paper'], opensAt: now, closesAt: now + 7 * DAY,
      },
    };
  },
  'poll.list': async (w) => ({ data: {}, probe: await gridPoll(w) }),
  'poll.get': async (w) => {
    const id = await gridPoll(w);
    return { data: { pollId: id }, probe: id };
  },
  // Its opening time has passed and the sweep has not run yet: the first call opens it.
  'poll.get#due': async (w) => {
    const id = await gridPoll(w, { opensIn: HOUR });
    w.h.clock.advance(2 * HOUR);
    return { data: { pollId: id }, probe: id };
  },
  'poll.vote': async (w) => ({ data: { pollId: await gridPoll(w), choice: { optionIds: ['o1'] } }, probe: '"byMe":true' }),
  'poll.myBallot': async (w) => {
    const id = await gridPoll(w);
    return { data: { pollId: id }, probe: await herBallot(w, id) };
  },
  'poll.roll': async (w) => ({ data: { pollId: await gridPoll(w) }, probe: herHousehold(w) }),
  'poll.enterPaperBallot': async (w) => ({ data: { pollId: await gridPoll(w), unitKey: paperHousehold(w), channel: 'paper', choice: { optionIds: ['o2'] } } }),
  'poll.confirmPaperBallot': async (w) => ({ data: { ballotId: await paperEntered(w, await gridPoll(w)), choice: { optionIds: ['o2'] } } }),
  'poll.pendingPaper': async (w) => {
    const id = await gridPoll(w);
    return { data: { pollId: id }, probe: await paperEntered(w, id) };
  },
  // Grid 1 holds two households (刘阿姨's and 201): both came to the meeting.
  'poll.recordHands': async (w) => ({ data: { pollId: await gridPoll(w, { channels: ['hands'], secret: false }), present: 2, counts: { o1: 1, o2: 1 } } }),
  'poll.close': async (w) => ({ data: { pollId: await gridPoll(w), reason: '议题已协商解决' } }),
  'poll.cancel': async (w) => ({ data: { pollId: await gridPoll(w, { opensIn: DAY }), reason: '时间与议事会冲突' } }),
  // The tally itself is the target: only those who manage the poll see it before it is published.
  'poll.results': async (w) => ({ data: { pollId: await closedPoll(w) }, probe: '"result":{' }),
  'poll.publish': async (w) => ({ data: { pollId: await closedPoll(w) }, probe: '"stage":"published"' }),
  'motion.propose': async (w) => ({ data: { ...MOTION, buildingIds: [w.h.ids['1号楼']] } }),
  'motion.propose#fromConcern': async (w) => ({ data: { ...MOTION, fromConcernId: w.ids.concern } }),
  'motion.support': async (w) => ({ data: { motionId: await gridMotion(w) }, probe: '"supportedByMe":true' }),
  'motion.list': async (w) => ({ data: { when: 'open' }, probe: await gridMotion(w) }),
  'motion.get': async (w) => {
    const id = await gridMotion(w);
    return { data: { motionId: id }, probe: id };
  },
  'motion.answer': async (w) => ({ data: { motionId: await gridMotion(w), kind: 'handled', reason: '物业已在1号楼门前安装充电桩，本月底投入使用。' }, probe: '"status":"answered"' }),
  'motion.settings': async () => ({ data: {} }),
  'motion.configure': async () => ({ data: { supportUnit: 'household', threshold: { kind: 'share', num: 1, den: 5 }, supportDays: 30, answerDays: 15 } }),
  ...councilBuilders,
  ...disclosureBuilders,
  ...subdistrictBuilders,
  ...visitBuilders,
  // 今日待办: 刘阿姨's hours, pending in 李秀英's queue for more than a week.
  'workbench.today': async (w) => {
    const { entryId } = await servedEntry(w);
    w.h.clock.set(w.h.clock.now() + 8 * DAY);
    return { data: {}, probe: entryId };
  },
  ...insightBuilders,
  ...reportBuilders,
};

const MOTION = { title: '在1号楼门前加装非机动车充电桩', body: '电动车在楼道里充电很危险，希望在楼门前安装集中充电桩，由物业统一管理。' };

/** A motion for 1号楼 (grid 1), moved by 社区居委会 (李秀英), collecting support. */
async function gridMotion(w: World): Promise<string> {
  return (await w.h.ok<{ id: string }>(GRID1, 'motion.propose', { ...MOTION, buildingIds: [w.h.ids['1号楼']] }, key())).id;
}

/** `booking.create#onBehalf` → `booking.create`. */
export const actionOf = (caseName: string) => caseName.split('#')[0];
