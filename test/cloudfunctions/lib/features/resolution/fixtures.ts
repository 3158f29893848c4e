/**
 * Resolutions made the way meeting.approveMinutes makes them (createResolution), without a
 * meeting: the meeting feature is tested apart. A motion is written straight into the store,
 * with the fields a motion has, until the motion feature's own propose is merged.
 */
import { COLLECTIONS } from '../../../../../cloudfunctions/lib/manifests';
import { resolveCaller, type IdentifiedCaller } from '../../../../../cloudfunctions/lib/kernel/caller';
import { ScopedStore } from '../../../../../cloudfunctions/lib/kernel/scoped-store';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { createResolution } from '../../../../../cloudfunctions/lib/features/resolution/create';
import { linkMotionResolution } from '../../../../../cloudfunctions/lib/features/motion/schedule';
import type { ResolutionRecord } from '../../../../../cloudfunctions/lib/features/resolution/records';
import type { RecordOf } from '../../../../../cloudfunctions/lib/ports/store';
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';

// Until the motion feature registers its collection, give the store a table for it.
if (!('motions' in COLLECTIONS)) (COLLECTIONS as Record<string, readonly (readonly string[])[]>).motions = [['communityId', 'status', 'createdAt', '_id']];

export { createHarness };

export async function callerOf(h: Harness, openid: string): Promise<IdentifiedCaller> {
  return (await resolveCaller(openid, h.deps)) as IdentifiedCaller;
}

export const db = (h: Harness) => new ScopedStore(h.deps.store, 'demo');

/** A resident's concern, turned into a motion the resident moved (or `mover`). */
export async function motionFromConcern(h: Harness, options: { author?: string; mover?: string | null } = {}): Promise<{ motionId: string; concernId: string }> {
  const author = options.author ?? 'demo-resident-1';
  const c = await h.ok<ConcernView>(author, 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids[author === 'demo-resident-2' ? '3号楼' : '1号楼'], text: '小区东门没有快递柜，老人取件要走很远。' }, key());
  const motionId = `mo_test_${c.id}`;
  const mover = options.mover === undefined ? author : options.mover;
  await h.deps.store.insert('motions', {
    _id: motionId, communityId: 'demo', title: '在东门增设快递柜', body: '建议在东门增设快递柜，方便老人取件。', source: 'concern',
    proposerId: mover ? member(mover) : null, moverName: mover ? '刘阿姨' : '社区居委会', concernId: c.id, status: 'scheduled',
    meetingId: 'mt_test', itemId: 'it1', resolutionId: null, version: 1,
  } as unknown as RecordOf<'motions'>);
  return { motionId, concernId: c.id };
}

export interface SeedOptions {
  itemId?: string;
  motionId?: string | null;
  owner?: string;
  dueInDays?: number;
  procedure?: boolean;
  /** 应到/实到 of the resolving meeting. */
  meeting?: { due: number; present: number };
}

export async function seedResolution(h: Harness, o: SeedOptions = {}): Promise<ResolutionRecord> {
  const admin = await callerOf(h, 'demo-admin');
  const owner = o.owner ?? 'demo-grid-1';
  const ownerMember = await h.deps.store.get('members', member(owner));
  const now = h.clock.now();
  const m = o.meeting ?? { due: 60, present: 45 };
  const r = await createResolution(db(h), h.deps.notifier, {
    meetingId: 'mt_test',
    meetingTitle: '2026年第四季度居民代表会议',
    bodyLabel: '居民代表会议',
    meetingAt: now - DAY,
    itemId: o.itemId ?? 'it1',
    title: '在东门增设快递柜',
    text: '在东门内侧增设一组智能快递柜，由物业负责安装。',
    explanation: `应到${m.due}人，到会${m.present}人（需≥40人）；同意40（需>22.5）→ 通过`,
    motionId: o.motionId ?? null,
    ownerId: member(owner),
    ownerName: ownerMember?.name ?? '',
    dueAt: now + (o.dueInDays ?? 30) * DAY,
    procedure: o.procedure ?? false,
    resolveStage: { date: now - DAY, bodyText: '居民代表会议', due: m.due, present: m.present, quorumText: `到会${m.present}人（需≥40人）→ 已达法定人数`, outcome: '表决通过' },
  }, admin, now);
  // As meeting.approveMinutes does next.
  if (r.motionId) await linkMotionResolution(db(h), r.motionId, { resolutionId: r._id, title: r.title }, now);
  return r;
}

export async function inbox(h: Harness, who: string): Promise<Array<{ _id: string; kind: string; title: string; body: string; page: string }>> {
  const page = await h.deps.store.query<{ _id: string; kind: string; title: string; body: string; page: string }>('inbox', {
    where: { communityId: 'demo', recipientId: who.startsWith('admins:') ? who : member(who) },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: 100,
  });
  return page.items;
}
