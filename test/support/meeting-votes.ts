/**
 * A meeting at the door, for the sign-in, proxy and vote tests: five households of 2号楼 on
 * its roll (201 nobody has bound, and 5单元 501–504 with their residents), the roll frozen as
 * meeting.create freezes it, the meeting written straight to the store so these tests do
 * not depend on how a meeting is convened.
 */
import type { AttendanceEntryView } from '../../miniprogram/core/council/meeting-contract';
import type { QuorumView } from '../../miniprogram/core/council/quorum';
import { meetingRule } from '../../miniprogram/core/council/quorum';
import type { MeetingBody, MeetingRollKind } from '../../miniprogram/core/council/vocabulary';
import type { FrozenRule } from '../../miniprogram/core/poll/rules';
import { meetingCodeFor } from '../../cloudfunctions/lib/features/meeting/code';
import type { AgendaItem, MeetingRecord } from '../../cloudfunctions/lib/features/meeting/records';
import { freezeMeetingRoll, rollGrids } from '../../cloudfunctions/lib/features/meeting/roll';
import { mediaIdFor } from '../../cloudfunctions/lib/features/media/records';
import { ScopedStore } from '../../cloudfunctions/lib/kernel/scoped-store';
import { member, type Harness } from './harness';
import { addHouseholds, HOUR } from './polls';

/** Openids: a (501, 邻居1号), b1 b2 (502, 邻居2号 and 邻居3号), c (503, 邻居4号), d (504, 邻居5号). */
export const P = { a: 'mv-1', b1: 'mv-2', b2: 'mv-3', c: 'mv-4', d: 'mv-5' } as const;

export async function addNeighbours(h: Harness): Promise<void> {
  await addHouseholds(h, [
    { building: '2号楼', room: '501', people: 1 },
    { building: '2号楼', room: '502', people: 2 },
    { building: '2号楼', room: '503', people: 1 },
    { building: '2号楼', room: '504', people: 1 },
  ], 'mv');
}

export function item(over: Partial<AgendaItem> & { itemId: string }): AgendaItem {
  return {
    order: 1, title: '增设快递柜', text: '在2号楼东侧加装快递柜', motionId: null, moverName: null, voteMode: 'perPerson', secret: false,
    options: [{ id: 'o1', label: '同意' }, { id: 'o2', label: '不同意' }], matter: null, status: 'pending', pollId: null,
    quorumAtOpen: null, quorumAtClose: null, decision: null, resolutionId: null, openedAt: null, closedAt: null, ...over,
  };
}

let seq = 0;

export interface MeetingOptions {
  kind?: MeetingRollKind;
  buildings?: string[];
  inviteeIds?: string[];
  body?: MeetingBody;
  rule?: FrozenRule;
  agenda?: AgendaItem[];
  proxiesPerAgent?: number;
  /** From now; default half an hour, so sign-in is open. */
  startsIn?: number;
}

export async function seedMeeting(h: Harness, o: MeetingOptions = {}): Promise<MeetingRecord> {
  seq += 1;
  const db = new ScopedStore(h.deps.store, 'demo');
  const id = `mt${seq}`;
  const now = h.clock.now();
  const spec = { kind: o.kind ?? 'household', scope: o.kind === 'invitees' ? 'community' as const : 'buildings' as const, ids: (o.buildings ?? ['2号楼']).map((b) => h.ids[b]), inviteeIds: o.inviteeIds ?? [] };
  const frozen = await freezeMeetingRoll(h.deps, db, id, spec, 'perOwner');
  const startsAt = now + (o.startsIn ?? HOUR / 2);
  const m: MeetingRecord = {
    _id: id, communityId: 'demo', title: '2号楼居民协商会', body: o.body ?? 'consultation', place: '2号楼活动室', startsAt, endsAt: startsAt + 3 * HOUR,
    noticeAt: now - 2 * 24 * HOUR, noticeDays: 1, status: 'noticed', roll: frozen.roll, gridIds: await rollGrids(db, spec),
    rule: o.rule ?? meetingRule('URC-2018'), agenda: o.agenda ?? [item({ itemId: 'i1' }), item({ itemId: 'i2', order: 2, title: '更换楼道灯', voteMode: 'hands' })],
    votingItemId: null, seats: null, proxiesPerAgent: o.proxiesPerAgent ?? 1, convenerId: member('demo-admin'), convenerName: '王书记',
    secretaryId: member('demo-grid-1'), secretaryName: '李秀英', minutes: null, endedAt: null, cancelledAt: null, cancelReason: null, wakeAt: null,
    codeSecret: `secret-${id}`, fanout: null, remindedAt: null, createdAt: now, version: 1,
  };
  await h.deps.store.insert('meetings', m);
  return m;
}

export const codeOf = (h: Harness, m: MeetingRecord) => meetingCodeFor(m, h.clock.now());

export type SignedIn = { entry: AttendanceEntryView; quorum: QuorumView; alsoForPrincipals: string[] };

export const signIn = (h: Harness, openid: string, m: MeetingRecord) => h.ok<SignedIn>(openid, 'meeting.signIn', { meetingId: m._id, code: codeOf(h, m) });

export async function meetingNow(h: Harness, m: MeetingRecord): Promise<MeetingRecord> {
  return (await h.deps.store.get('meetings', m._id)) as MeetingRecord;
}

export async function unitKeyOf(h: Harness, openid: string): Promise<string> {
  return (await h.deps.store.get('members', member(openid)))?.householdId as string;
}

export const inbox = async (h: Harness, openid: string) =>
  (await h.deps.store.query<{ _id: string; kind: string; title: string; body: string }>('inbox', { where: { communityId: 'demo', recipientId: member(openid) }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 50 })).items;

/** A photo of a paper 委托书, as if `openid` had uploaded and registered it. */
export async function paperPhoto(h: Harness, openid: string, name = 'weituo.jpg'): Promise<string> {
  const fileId = `local://uploads/${member(openid)}_${name}`;
  await h.deps.store.insert('media', { _id: mediaIdFor(fileId), communityId: 'demo', fileId, ownerId: member(openid), verdict: 'pass', hidden: false, traceId: null, requestedAt: h.clock.now(), attachedTo: null, createdAt: h.clock.now() });
  return fileId;
}
