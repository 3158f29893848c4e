/**
 * Database round-trips per action, as CountingStore bills them (one per call; in a
 * transaction one per read and per write plus the commit), split into reads and writes.
 * Every action that can be driven with a valid input is called once, in a story that makes
 * each one meaningful (accept a concern that was submitted, cancel a booking someone waits
 * behind…). Production wiring, rate limits included: they are real writes.
 */
import { memberIdFor } from '../cloudfunctions/lib/kernel/caller';
import { contracts } from '../miniprogram/core/contracts';
import { bulkResidents, type BenchWorld } from './world';

export const TARGET = { reads: 2, writes: 4 };

export interface TripRow {
  action: string;
  label: string;
  as: string;
  reads: number;
  writes: number;
  total: number;
  withinTarget: boolean;
  /** Writes (and reads) by kind and collection, e.g. `insert events: 1`. */
  detail: Record<string, number>;
  /** Set when the call did not succeed, so its count is not meaningful. */
  error?: string;
}

export async function measureRoundTrips(w: BenchWorld): Promise<{ rows: TripRow[]; notDriven: string[] }> {
  const split = w.split!;
  const counting = w.counting!;
  const rows: TripRow[] = [];
  const m = async <T = any>(label: string, as: string | null, action: string, data: unknown = {}, key?: string): Promise<T | undefined> => {
    split.reset();
    counting.reset();
    const res = await w.call<T>(as, action, data, key);
    const { reads, writes, detail } = split.reset();
    const billed = counting.reset();
    if (billed !== reads + writes) throw new Error(`${label}: CountingStore billed ${billed}, split counted ${reads}+${writes}`);
    rows.push({
      action, label, as: as ?? 'anonymous', reads, writes, total: billed, withinTarget: reads <= TARGET.reads && writes <= TARGET.writes, detail,
      ...(res.ok ? {} : { error: `${res.error.code}: ${res.error.message}` }),
    });
    return res.ok ? res.data : undefined;
  };
  let n = 0;
  const key = () => `benchrt${Date.now().toString(36)}x${(n += 1)}`;
  const R1 = 'demo-resident-1';
  const G1 = 'demo-grid-1';
  const ADMIN = 'demo-admin';
  const bulk = bulkResidents(w, 40, 'rt-resident');
  const grid1Resident = (i: number) => bulk[i * 2]; // even ones live in 1号楼, grid 1
  const b1 = w.buildings['1号楼'];
  const text = (s: string) => ({ category: 'cat_demo_repair', buildingId: b1, text: s });

  // Reading what everyone opens first.
  await m('meta.describe', null, 'meta.describe');
  await m('member.me', R1, 'member.me');
  await m('member.me (visitor)', 'rt-visitor-0', 'member.me');
  await m('community.list', 'rt-visitor-0', 'community.list');
  await m('community.buildings', R1, 'community.buildings');
  await m('community.grids', R1, 'community.grids');
  await m('concern.categories', R1, 'concern.categories');

  // A concern's whole life.
  const submitKey = key();
  const c1 = await m<{ id: string }>('concern.submit', R1, 'concern.submit', text('楼道声控灯坏了，晚上看不清台阶。'), submitKey);
  await m('concern.submit (retry, same key)', R1, 'concern.submit', text('楼道声控灯坏了，晚上看不清台阶。'), submitKey);
  await m('concern.listMine', R1, 'concern.listMine');
  await m('concern.get', R1, 'concern.get', { concernId: c1?.id });
  await m('concern.get (grid worker)', G1, 'concern.get', { concernId: c1?.id });
  await m('concern.queue', G1, 'concern.queue');
  await m('concern.accept', G1, 'concern.accept', { concernId: c1?.id });
  await m('concern.reply', G1, 'concern.reply', { concernId: c1?.id, text: '已联系物业，明天上午更换灯泡。' });
  await m('concern.note', G1, 'concern.note', { concernId: c1?.id, text: '物业电工周三值班。' });
  await m('concern.requestInfo', G1, 'concern.requestInfo', { concernId: c1?.id, question: '请问是几单元几楼的灯？' });
  await m('concern.supplement', R1, 'concern.supplement', { concernId: c1?.id, text: '1单元3楼和4楼之间。' });
  await m('concern.whistle', G1, 'concern.whistle', { concernId: c1?.id, department: '物业公司', note: '需要物业派电工更换灯具。' });
  await m('concern.reportBack', G1, 'concern.reportBack', { concernId: c1?.id, text: '物业已派电工更换。' });
  await m('concern.resolve', G1, 'concern.resolve', { concernId: c1?.id, summary: '灯具已更换，晚上试亮正常。' });
  await m('concern.rate', R1, 'concern.rate', { concernId: c1?.id, resolved: true, satisfaction: 5, comment: '很快就修好了' });

  const c2 = await w.ok<{ id: string }>(grid1Resident(0), 'concern.submit', text('电梯按钮失灵，经常停不到8楼。'), key());
  await w.ok(G1, 'concern.accept', { concernId: c2.id });
  await w.ok(G1, 'concern.resolve', { concernId: c2.id, summary: '已请电梯公司检修按钮。' });
  await m('concern.reopen', grid1Resident(0), 'concern.reopen', { concernId: c2.id, reason: '按钮还是时好时坏。' });
  const c3 = await w.ok<{ id: string; number: string }>(grid1Resident(1), 'concern.submit', text('单元门禁坏了，外人随意进出。'), key());
  const c4 = await w.ok<{ id: string }>(grid1Resident(2), 'concern.submit', text('1号楼单元门的门禁不好用了。'), key());
  await w.ok(G1, 'concern.accept', { concernId: c3.id });
  await w.ok(G1, 'concern.accept', { concernId: c4.id });
  await m('concern.merge', G1, 'concern.merge', { concernId: c4.id, intoNumber: c3.number, reason: '同一个门禁问题' });
  const c5 = await w.ok<{ id: string }>(grid1Resident(3), 'concern.submit', text('楼下有人乱停车，堵住了消防通道。'), key());
  await m('concern.withdraw', grid1Resident(3), 'concern.withdraw', { concernId: c5.id, reason: '车已经开走了' });
  const c6 = await w.ok<{ id: string }>(grid1Resident(4), 'concern.submit', text('小区东门路灯不亮。'), key());
  await w.ok(G1, 'concern.accept', { concernId: c6.id });
  await m('concern.transfer', G1, 'concern.transfer', { concernId: c6.id, toMemberId: memberIdFor('demo-grid-1b'), reason: '赵丽负责东门片区' });
  await m('concern.stats', ADMIN, 'concern.stats', { from: w.clock.now() - 30 * 86_400_000, to: w.clock.now() + 86_400_000 });
  await m('moderation.report', G1, 'moderation.report', { subjectType: 'concernText', subjectId: c3.id, reason: '内容与事实不符' });
  // Text the checker holds for review lands in the moderation queue.
  await w.call(grid1Resident(6), 'concern.submit', text('想写一封举报信反映物业的问题。'), key());
  const queue = await m<{ items: Array<{ id: string }> }>('moderation.queue', ADMIN, 'moderation.queue');
  if (queue?.items[0]) await m('moderation.decide', ADMIN, 'moderation.decide', { itemId: queue.items[0].id, decision: 'approve' });

  // Staff and community administration.
  await m('community.update', ADMIN, 'community.update', { name: '幸福里社区', subdistrict: '和平街道' });
  const g3 = await m<{ id: string }>('community.upsertGrid', ADMIN, 'community.upsertGrid', { name: '第三网格' });
  const b5 = await m<{ id: string }>('community.upsertBuilding', ADMIN, 'community.upsertBuilding', { name: '5号楼', gridId: g3?.id });
  await m('member.setRoles', ADMIN, 'member.setRoles', { memberId: memberIdFor('demo-volunteer-1'), roles: ['volunteer'], name: '陈志愿' });
  await m('concern.upsertCategory', ADMIN, 'concern.upsertCategory', { name: '停车管理', contactHours: 24, resolveDays: 7 });
  await m('staff.setAway', 'demo-grid-1b', 'staff.setAway', { away: true, until: w.clock.now() + 86_400_000 });
  const issued = await m<{ invites: Array<{ code: string }> }>('member.issueInvites', ADMIN, 'member.issueInvites', { households: [{ buildingId: b5?.id ?? b1, unit: '1', room: '101' }] });
  await m('member.redeemInvite', 'rt-visitor-1', 'member.redeemInvite', { code: issued?.invites[0].code });
  const request = await m<{ id: string }>('member.requestBinding', 'rt-visitor-2', 'member.requestBinding', { communityId: 'demo', buildingId: b1, unit: '2', room: '201', name: '钱先生' }, key());
  await m('member.listRequests', G1, 'member.listRequests');
  await m('member.reviewRequest', G1, 'member.reviewRequest', { requestId: request?.id, decision: 'approve' });

  // Notifications, photos, personal data.
  await m('notify.inbox', G1, 'notify.inbox');
  await m('notify.unreadCount', G1, 'notify.unreadCount');
  await m('notify.markRead', G1, 'notify.markRead', { all: true });
  await m('notify.templates', R1, 'notify.templates', { moment: 'concern.submit' });
  await m('notify.recordConsent', R1, 'notify.recordConsent', { results: { concernProgress: 'accept' } });
  const photo = `local://uploads/${memberIdFor(R1)}_bench-photo.jpg`;
  await m('media.register', R1, 'media.register', { fileId: photo });
  await m('media.urls', R1, 'media.urls', { fileIds: [photo] });
  await m('privacy.setPhone', R1, 'privacy.setPhone', { code: 'demo-13800138000' });
  await m('privacy.export', R1, 'privacy.export');
  await m('privacy.requestDeletion', bulk[30], 'privacy.requestDeletion', { confirm: true });
  await m('privacy.cancelDeletion', bulk[30], 'privacy.cancelDeletion');

  // Services and bookings, through to check-in and rating (the clock moves last).
  const svc = await m<{ id: string }>('booking.upsertService', ADMIN, 'booking.upsertService', {
    name: '基准服务', description: '基准测试用的服务', location: '社区服务站', durationMinutes: 60, seatsPerSlot: 1, minNoticeHours: 1, maxPerMonth: 31, staffIds: [memberIdFor(G1)],
  });
  await m('booking.setSchedule', ADMIN, 'booking.setSchedule', { serviceId: svc?.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '12:00' })) });
  await m('booking.services', R1, 'booking.services');
  await m('booking.service', R1, 'booking.service', { serviceId: svc?.id });
  const slots = await m<{ items: Array<{ id: string; startAt: number }> }>('booking.slots', R1, 'booking.slots', { serviceId: svc?.id, from: w.clock.now() + 26 * 3600_000 });
  const [slotA, slotB, slotC] = slots?.items ?? [];
  const booked = await m<{ id: string }>('booking.create', R1, 'booking.create', { slotId: slotA?.id }, key());
  await m('booking.create (retry, same booking)', R1, 'booking.create', { slotId: slotA?.id }, key());
  const waiting = await m<{ id: string }>('booking.create (joins the waitlist)', bulk[10], 'booking.create', { slotId: slotA?.id }, key());
  await m('booking.listMine', R1, 'booking.listMine');
  await m('booking.listForSlot', G1, 'booking.listForSlot', { slotId: slotA?.id });
  await m('booking.cancel (seat passes to the waitlist)', R1, 'booking.cancel', { bookingId: booked?.id });
  await m('booking.confirmPromotion', bulk[10], 'booking.confirmPromotion', { bookingId: waiting?.id });
  const other = await w.ok<{ id: string }>(bulk[12], 'booking.create', { slotId: slotB?.id }, key());
  await m('booking.closeSlots', ADMIN, 'booking.closeSlots', { serviceId: svc?.id, from: slotC?.startAt, to: (slotC?.startAt ?? 0) + 3_600_000, reason: '设备检修' });
  w.clock.offsetMs = (slotA?.startAt ?? 0) - 30 * 60_000 - Date.now();
  await m('booking.checkIn', G1, 'booking.checkIn', { bookingId: waiting?.id });
  w.clock.offsetMs = (slotB?.startAt ?? 0) + 10 * 60_000 - Date.now();
  await m('booking.markNoShow', G1, 'booking.markNoShow', { bookingId: other.id });
  await m('booking.rate', bulk[10], 'booking.rate', { bookingId: waiting?.id, score: 5, comment: '服务很周到' });
  w.clock.offsetMs = 0;

  const driven = new Set(rows.filter((r) => !r.error).map((r) => r.action));
  const notDriven = Object.keys(contracts).filter((a) => !driven.has(a));
  return { rows, notDriven };
}
