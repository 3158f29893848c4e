/**
 * Builders for the council's rows: a 协商会 of grid 1's households (刘阿姨's 1号楼1单元101,
 * the unbound 2号楼1单元201 and a neighbour of 2号楼5单元), convened by 王书记 with 李秀英
 * as secretary; the clock moved to its start where the action needs a meeting in session.
 */
import type { AttendanceEntryView, MeetingView, MinutesView, ProxyView, SignInCodeView } from '../../../miniprogram/core/council/meeting-contract';
import { householdIdFor } from '../../../cloudfunctions/lib/features/member/household';
import { pollVerdicts } from '../../../cloudfunctions/lib/features/media/verdicts';
import type { World } from '../support/world';
import { DAY, HOUR, key, member } from '../support/world';
import { addHouseholds } from '../../support/polls';
import type { Builder } from './fixtures';

const RESIDENT = 'demo-resident-1';
const GRID1 = 'demo-grid-1';
const GRID1B = 'demo-grid-1b';
const ADMIN = 'demo-admin';
/** The neighbour in 2号楼5单元501 (grid 1), on the meeting's roll. */
export const NEIGHBOUR = 'council-neighbour-1';

const herEntry = (w: World) => householdIdFor('demo', w.ids.b1, '1', '101');
const neighbourEntry = (w: World) => householdIdFor('demo', w.ids.b2, '5', '501');

interface Options {
  seats?: number | null;
  rule?: string;
  voteMode?: 'hands' | 'perPerson';
}

async function gridMeeting(w: World, o: Options = {}): Promise<MeetingView> {
  await addHouseholds(w.h, [{ building: '2号楼', room: '501', people: 1 }], 'council-neighbour');
  const startsAt = w.h.clock.now() + 2 * DAY;
  return w.h.ok<MeetingView>(ADMIN, 'meeting.create', {
    title: '第一网格停车协商会', body: 'consultation', place: '社区服务站二楼会议室', startsAt, endsAt: startsAt + 2 * HOUR,
    roll: { kind: 'household', scope: 'grids', ids: [w.ids.g1] }, rule: { id: o.rule ?? 'none' },
    agenda: [{ title: '1号楼门前划定夜间停车位', text: '在1号楼门前空地划定6个夜间停车位。', voteMode: o.voteMode ?? 'hands' }],
    seats: o.seats ?? null, secretaryId: member(GRID1),
  }, key());
}

async function inSession(w: World, o: Options = {}): Promise<MeetingView> {
  const m = await gridMeeting(w, o);
  w.h.clock.set(m.startsAt + 10 * 60_000);
  return m;
}

async function signedIn(w: World, o: Options = {}): Promise<MeetingView> {
  const m = await inSession(w, o);
  await w.h.ok(GRID1, 'meeting.signIn', { meetingId: m.id, unitKey: herEntry(w), reason: '现场核对' });
  return m;
}

async function voting(w: World): Promise<MeetingView> {
  const m = await signedIn(w);
  return w.h.ok<MeetingView>(ADMIN, 'meeting.openVote', { meetingId: m.id, itemId: m.agenda[0].itemId });
}

async function ended(w: World, o: Options = {}): Promise<MeetingView> {
  const m = await signedIn(w, o);
  return w.h.ok<MeetingView>(ADMIN, 'meeting.end', { meetingId: m.id });
}

async function drafted(w: World): Promise<MinutesView> {
  const m = await ended(w);
  return w.h.ok<MinutesView>(GRID1, 'meeting.saveMinutes', { meetingId: m.id, version: 0, summary: '与会居民就1号楼门前停车进行了协商。' });
}

/** The neighbour offered 刘阿姨 a proxy; its code. */
async function offeredProxy(w: World): Promise<{ meeting: MeetingView; proxy: ProxyView }> {
  const meeting = await gridMeeting(w);
  const proxy = await w.h.ok<ProxyView>(NEIGHBOUR, 'meeting.grantProxy', { meetingId: meeting.id });
  return { meeting, proxy };
}

/** A 委托书 photo 李秀英 took and registered, cleared by the image check. */
async function proxyPhoto(w: World, who = GRID1): Promise<string> {
  const fileId = `local://uploads/${member(who)}_proxy-letter.jpg`;
  await w.h.ok(who, 'media.register', { fileId });
  w.h.clock.advance(60_000);
  await pollVerdicts(w.h.deps, w.h.clock.now(), { items: 100 });
  return fileId;
}

/** A paper proxy of the neighbour's to 刘阿姨, recorded by 赵丽 (B角 of grid 1), awaiting a second person. */
async function paperProxy(w: World): Promise<string> {
  const meeting = await gridMeeting(w);
  const photo = await proxyPhoto(w, GRID1B);
  return (await w.h.ok<ProxyView>(GRID1B, 'meeting.recordPaperProxy', { meetingId: meeting.id, principalUnitKey: neighbourEntry(w), agentMemberId: member(RESIDENT), photo })).proxyId;
}

/** A resolution adopted at a URC-2018 meeting of grid 1 (all present), owned by 李秀英. */
async function resolution(w: World): Promise<string> {
  const m = await inSession(w, { rule: 'URC-2018' });
  const roll = await w.h.ok<{ items: AttendanceEntryView[] }>(GRID1, 'meeting.attendance', { meetingId: m.id, limit: 50 });
  for (const e of roll.items) await w.h.ok(GRID1, 'meeting.signIn', { meetingId: m.id, unitKey: e.unitKey, reason: '现场核对' });
  const itemId = m.agenda[0].itemId;
  await w.h.ok(ADMIN, 'meeting.openVote', { meetingId: m.id, itemId });
  await w.h.ok(ADMIN, 'meeting.closeVote', { meetingId: m.id, itemId, hands: { counts: [roll.items.length, 0], abstain: 0 } });
  await w.h.ok(ADMIN, 'meeting.end', { meetingId: m.id });
  const saved = await w.h.ok<MinutesView>(GRID1, 'meeting.saveMinutes', { meetingId: m.id, version: 0, summary: '与会居民一致同意划定夜间停车位。' });
  await w.h.ok(ADMIN, 'meeting.approveMinutes', { meetingId: m.id, version: saved.version, resolutions: [{ itemId, ownerId: member(GRID1), dueAt: w.h.clock.now() + 30 * DAY, procedure: true }] });
  const got = await w.h.ok<MeetingView>(ADMIN, 'meeting.get', { meetingId: m.id });
  return got.agenda[0].resolutionId!;
}

export const councilBuilders: Record<string, Builder> = {
  'meeting.create': async (w) => {
    await addHouseholds(w.h, [{ building: '2号楼', room: '501', people: 1 }], 'council-neighbour');
    const startsAt = w.h.clock.now() + 2 * DAY;
    return { data: {
      title: '第一网格停车协商会', body: 'consultation', place: '社区服务站二楼会议室', startsAt, endsAt: startsAt + 2 * HOUR,
      roll: { kind: 'household', scope: 'grids', ids: [w.ids.g1] }, rule: { id: 'none' },
      agenda: [{ title: '1号楼门前划定夜间停车位', voteMode: 'hands' }], secretaryId: member(GRID1),
    } };
  },
  'meeting.list': async (w) => ({ data: {}, probe: (await gridMeeting(w)).id }),
  'meeting.get': async (w) => {
    const id = (await gridMeeting(w)).id;
    return { data: { meetingId: id }, probe: id };
  },
  'meeting.cancel': async (w) => ({ data: { meetingId: (await gridMeeting(w)).id, reason: '与社区活动时间冲突' }, probe: '"status":"cancelled"' }),
  'meeting.register': async (w) => ({ data: { meetingId: (await gridMeeting(w, { seats: 5 })).id }, probe: '"myRegistration":{"status":"registered"' }),
  'meeting.unregister': async (w) => {
    const m = await gridMeeting(w, { seats: 5 });
    await w.h.ok(RESIDENT, 'meeting.register', { meetingId: m.id });
    return { data: { meetingId: m.id }, probe: '"status":"withdrawn"' };
  },
  'meeting.signInCode': async (w) => ({ data: { meetingId: (await inSession(w)).id } }),
  'meeting.signIn': async (w) => {
    const m = await inSession(w);
    const code = await w.h.ok<SignInCodeView>(ADMIN, 'meeting.signInCode', { meetingId: m.id });
    return { data: { meetingId: m.id, code: code.code } };
  },
  'meeting.signIn#byStaff': async (w) => ({ data: { meetingId: (await inSession(w)).id, unitKey: herEntry(w), reason: '居民未带手机' } }),
  'meeting.markLeft': async (w) => ({ data: { meetingId: (await signedIn(w)).id, unitKey: herEntry(w) } }),
  'meeting.attendance': async (w) => ({ data: { meetingId: (await signedIn(w)).id }, probe: herEntry(w) }),
  'meeting.grantProxy': async (w) => ({ data: { meetingId: (await gridMeeting(w)).id }, probe: '"status":"offered"' }),
  'meeting.acceptProxy': async (w) => {
    const { meeting, proxy } = await offeredProxy(w);
    return { data: { meetingId: meeting.id, code: proxy.code } };
  },
  'meeting.recordPaperProxy': async (w) => {
    const meeting = await gridMeeting(w);
    return { data: { meetingId: meeting.id, principalUnitKey: neighbourEntry(w), agentMemberId: member(RESIDENT), photo: await proxyPhoto(w) } };
  },
  'meeting.confirmProxy': async (w) => ({ data: { proxyId: await paperProxy(w) } }),
  'meeting.revokeProxy': async (w) => {
    const meeting = await gridMeeting(w);
    const mine = await w.h.ok<ProxyView>(RESIDENT, 'meeting.grantProxy', { meetingId: meeting.id });
    return { data: { proxyId: mine.proxyId, reason: '本人可以到会' } };
  },
  'meeting.proxies': async (w) => {
    const { meeting, proxy } = await offeredProxy(w);
    return { data: { meetingId: meeting.id }, probe: proxy.proxyId };
  },
  'meeting.openVote': async (w) => {
    const m = await signedIn(w);
    return { data: { meetingId: m.id, itemId: m.agenda[0].itemId } };
  },
  'meeting.closeVote': async (w) => {
    const m = await voting(w);
    return { data: { meetingId: m.id, itemId: m.agenda[0].itemId, hands: { counts: [1, 0], abstain: 0 } } };
  },
  'meeting.end': async (w) => ({ data: { meetingId: (await signedIn(w)).id } }),
  'meeting.saveMinutes': async (w) => ({ data: { meetingId: (await ended(w)).id, version: 0, summary: '与会居民就1号楼门前停车进行了协商。' } }),
  'meeting.approveMinutes': async (w) => {
    const d = await drafted(w);
    return { data: { meetingId: d.meetingId, version: d.version, resolutions: [] } };
  },
  'meeting.minutes': async (w) => {
    const d = await drafted(w);
    await w.h.ok(ADMIN, 'meeting.approveMinutes', { meetingId: d.meetingId, version: d.version, resolutions: [] });
    return { data: { meetingId: d.meetingId }, probe: '"status":"approved"' };
  },
  'resolution.list': async (w) => ({ data: { when: 'open' }, probe: await resolution(w) }),
  'resolution.get': async (w) => {
    const id = await resolution(w);
    return { data: { resolutionId: id }, probe: id };
  },
  'resolution.progress': async (w) => ({ data: { resolutionId: await resolution(w), percent: 40, text: '已完成测量和标线设计。' } }),
  'resolution.reassign': async (w) => ({ data: { resolutionId: await resolution(w), dueAt: w.h.clock.now() + 40 * DAY, reason: '等待物业配合施工' } }),
  'resolution.recordStage': async (w) => ({ data: { resolutionId: await resolution(w), stage: 'propose', date: w.h.clock.now() - 20 * DAY, bodyText: '社区党委', outcome: '提议就1号楼门前停车进行协商' } }),
};
