/**
 * A meeting's adopted item becomes a resolution: called by meeting.approveMinutes, once per
 * adopted item. Insert-if-absent under `resolutionIdFor(meeting, item)`: a retried approval
 * finds the first one and changes nothing. Who hears of it — the mover of its motion and the
 * authors of the concern that motion came from — is written first (idempotent), so a crash
 * between the two leaves nobody out of 我的 on the retry.
 */
import { fieldError } from '../../../../miniprogram/core/errors';
import { formatDay, sentence } from '../../../../miniprogram/core/format';
import { appendEvent } from '../../kernel/audit';
import type { IdentifiedCaller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { Notifier } from '../../ports/platform';
import { concernWords } from '../concern/notices';
import { resolutionFollowId, resolutionIdFor, resolutionSubject, type FollowerKey, type ResolutionFollowRecord, type ResolutionRecord } from './records';
import { tell } from './transition';

export interface NewResolution {
  meetingId: string;
  meetingTitle: string;
  bodyLabel: string;
  meetingAt: number;
  itemId: string;
  title: string;
  text: string;
  explanation: string;
  motionId: string | null;
  ownerId: string;
  ownerName: string;
  dueAt: number;
  procedure: boolean;
  /** The resolving meeting's own line of the register, from its sign-ins and vote. */
  resolveStage: { date: number; bodyText: string; due: number; present: number; quorumText: string; outcome: string };
}

/** A member of this community who works for it (grid worker or admin), or a refusal naming `field`. */
export async function requireStaffMember(db: ScopedStore, memberId: string, field: string): Promise<{ id: string; name: string }> {
  const m = await db.get('members', memberId);
  if (!m || m.deletedAt || !m.roles.some((r) => r === 'gridWorker' || r === 'admin')) throw fieldError('VALIDATION_ERROR', field, '负责人须是本社区的工作人员');
  return { id: m._id, name: m.name ?? '社区工作人员' };
}

async function originOf(db: ScopedStore, motionId: string | null) {
  const motion = motionId ? await db.get('motions', motionId) : null;
  const concern = motion?.concernId ? await db.get('concerns', motion.concernId) : null;
  const follows: Array<{ key: FollowerKey; memberId: string | null; why: ResolutionFollowRecord['why'] }> = [];
  if (motion?.proposerId) follows.push({ key: `m:${motion.proposerId}`, memberId: motion.proposerId, why: 'mover' });
  if (concern) {
    if (concern.authorId) follows.push({ key: `m:${concern.authorId}`, memberId: concern.authorId, why: 'concern' });
    else follows.push({ key: `h:${concern.householdId}`, memberId: null, why: 'concern' });
    for (const f of concern.followerIds) follows.push({ key: `m:${f}`, memberId: f, why: 'concern' });
  }
  return {
    motionTitle: motion?.title ?? null,
    concerns: concern ? [{ concernId: concern._id, title: `${concern.categoryName}：${concernWords(concern, 20)}` }] : [],
    follows,
  };
}

export async function createResolution(db: ScopedStore, notifier: Notifier, input: NewResolution, by: IdentifiedCaller, now: number): Promise<ResolutionRecord> {
  const id = resolutionIdFor(input.meetingId, input.itemId);
  const origin = await originOf(db, input.motionId);
  for (const f of origin.follows) {
    await db.insert('resolutionFollows', { _id: resolutionFollowId(id, f.key), communityId: db.communityId, resolutionId: id, followerKey: f.key, memberId: f.memberId, why: f.why, createdAt: now });
  }
  const record: ResolutionRecord = {
    _id: id,
    communityId: db.communityId,
    meetingId: input.meetingId,
    meetingTitle: input.meetingTitle,
    bodyLabel: input.bodyLabel,
    meetingAt: input.meetingAt,
    itemId: input.itemId,
    title: input.title,
    text: input.text,
    explanation: input.explanation,
    motionId: input.motionId,
    motionTitle: origin.motionTitle,
    concerns: origin.concerns,
    ownerId: input.ownerId,
    ownerName: input.ownerName,
    dueAt: input.dueAt,
    status: 'inProgress',
    percent: 0,
    progress: [],
    procedure: input.procedure,
    stages: input.procedure
      ? [{ stage: 'resolve', ...input.resolveStage, attachments: [], recordedById: null, recordedByName: null, at: now }]
      : [],
    doneAt: null,
    overdue: false,
    chases: 0,
    wakeAt: input.dueAt,
    createdById: by.memberId,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const stored = (await db.insert('resolutions', record)) ? record : await db.get('resolutions', id);
  if (!stored) throw fieldError('CONFLICT', 'resolutions', '决议刚被创建，请刷新后重试');
  // Event and messages have ids of their own: a retry writes and sends nothing twice.
  await appendEvent(db, by, { key: 'created', subject: resolutionSubject(id), type: 'resolution.created', public: true, note: stored.title, at: stored.createdAt });
  const step = `${resolutionSubject(id)}:created`;
  const due = formatDay(stored.dueAt);
  await tell(notifier, stored, step, { to: [stored.ownerId], kind: 'resolution.assigned', title: `请落实会议决议：${sentence(stored.title, 20)}`, body: `${stored.meetingTitle}通过，由您负责，${due}前完成。` });
  const residents = origin.follows.flatMap((f) => (f.memberId && f.memberId !== stored.ownerId ? [f.memberId] : []));
  await tell(notifier, stored, step, { to: residents, kind: 'resolution.adopted', title: `您关心的事已形成决议：${sentence(stored.title, 20)}`, body: `${stored.meetingTitle}表决通过，由${stored.ownerName}负责落实，计划${due}前完成。` });
  return stored;
}
