/**
 * 统一受理, the one path every concern comes in by — submitted by the resident
 * (`concern.submit`) or filed for them by staff (`concern.fileFor`, 代办): the same content
 * check, routing, clocks, number and intake steps. Stored exactly once per idempotency key:
 * the caller derives the id from who sent it and the key, so a retry finds the first one;
 * the same key with different content is a CONFLICT.
 */
import { FILING_CHANNEL_LABELS } from '../../../../miniprogram/core/channels';
import type { ConcernView } from '../../../../miniprogram/core/concern/contract';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { IdentifiedCaller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { fromAnchor, type ReadPart } from '../../ports/store';
import { claimNumber } from '../../kernel/numbering';
import { checkWritten } from '../../kernel/content';
import { DAY, HOUR, localDayKey } from '../../kernel/time';
import { eventRecord, type EventRecord } from '../../kernel/audit';
import { adminsInbox, notifyAll, trailStep, viewFor } from './transition';
import { staffLine } from './notices';
import { checkPhotos, markAttached, mediaFor } from '../media/attach';
import { queueForReview } from '../moderation/queue';
import { toConcernView } from './presenters';
import { concernSubject, type ConcernRecord, type FiledBy } from './records';
import { routeFor } from './routing';

export interface Intake {
  /** Deterministic: derived from the sender and the idempotency key. */
  id: string;
  requestHash: string;
  authorId: string | null;
  authorName: string | null;
  /** The author's phone as their member record holds it (encrypted), for staff to call back. */
  authorPhoneEnc?: string | null;
  householdId: string;
  buildingId: string;
  category: string;
  text: string;
  photos: string[];
  hideName: boolean;
  filedBy: FiledBy | null;
}

type Ctx = HandlerContext<unknown, IdentifiedCaller>;

export async function takeIn(ctx: Ctx, intake: Intake): Promise<ConcernView> {
  const { caller, now } = ctx;
  const db = ctx.db();
  const { id, requestHash } = intake;

  // Read in parallel with the rest: a retry is answered from the first attempt's concern
  // without checking the text again (msgSecCheck calls are metered) or re-running the save.
  // Routing only reads (the grid's chain, warm in the instance's cache, and who of it is
  // away): it starts with the rest, and its answer waits until the checks have spoken.
  const building = db.require('buildings', intake.buildingId, '所选楼栋不存在', 'buildingId');
  const routing = building.then((b) => db.get('grids', b.gridId)).then((grid) => routeFor(db, grid, now));
  routing.catch(() => undefined);
  const day = localDayKey(now);
  const last = db.query('concerns', { where: lastOfDayFilter(day), orderBy: { field: 'number', dir: 'desc' }, limit: 1 });
  const older = db.get('counters', seriesFor(db.communityId, day));
  last.catch(() => undefined);
  older.catch(() => undefined);
  // The look for its own concern starts once the floor is read (kernel/numbering.ts): a
  // concern missing from it was missing from the floor too. Prefetched, the floor is at hand
  // and the look still travels with the reads beside it.
  const mine = last.then(() => db.get('concerns', id));
  const [existing, category] = await Promise.all([mine, db.get('categories', intake.category), building, last, older]);
  if (existing) return replay(ctx, existing, requestHash);
  if (!category) throw fieldError('VALIDATION_ERROR', 'category', '所选分类不存在');
  if (!category.active) throw fieldError('VALIDATION_ERROR', 'category', '该分类已停用，请选择其他分类');

  // Nobody else sees the text before the content check has spoken. What it cannot clear is
  // held (shown to the author and moderators only); the 代办 words staff add have no hold.
  // Photos are the sender's own uploads: the resident's, or the staff member's who filed it.
  const [[verdict], , route, place] = await Promise.all([
    Promise.all([
      checkWritten(ctx, { text: intake.text }, { scene: 'forum', hold: true }),
      checkWritten(ctx, { reason: intake.filedBy?.reason, contactName: intake.filedBy?.contactName }),
    ]),
    checkPhotos(db, caller.memberId, intake.photos, concernSubject(id)),
    routing,
    building,
  ]);
  const contactDueAt = now + category.contactHours * HOUR;
  const record: Omit<ConcernRecord, 'number'> = {
    _id: id,
    communityId: db.communityId,
    authorId: intake.authorId,
    householdId: intake.householdId,
    buildingId: place._id,
    buildingName: place.name,
    gridId: place.gridId,
    category: category._id,
    categoryName: category.name,
    contactHours: category.contactHours,
    resolveDays: category.resolveDays,
    text: intake.text,
    photos: intake.photos,
    hideName: intake.hideName,
    authorName: intake.authorName,
    authorPhoneEnc: intake.authorPhoneEnc ?? null,
    ...(intake.filedBy ? { filedBy: intake.filedBy } : {}),
    status: 'dispatched',
    assigneeId: route.assigneeId,
    routedVia: route.via,
    firstResponderId: null,
    acceptedAt: null,
    respondedInTime: null,
    moderation: verdict,
    contactDueAt,
    resolveDueAt: now + category.resolveDays * DAY,
    pausedAt: null,
    resumeStatus: null,
    whistle: null,
    resolution: null,
    firstResolvedAt: null,
    rating: null,
    rateDueAt: null,
    round: 0,
    escalationLevel: 0,
    overdue: false,
    mergedInto: null,
    followerIds: [],
    closedAt: null,
    closedReason: null,
    wakeAt: contactDueAt,
    version: 1,
    requestHash,
    createdAt: now,
    updatedAt: now,
  };

  // The chain members were read for routing: the assignee's name is already at hand.
  const names = new Map(route.people.map((m) => [m._id, m.name ?? '网格员']));
  if (intake.filedBy) names.set(intake.filedBy.memberId, intake.filedBy.name);
  if (route.assigneeId && names.has(route.assigneeId)) record.staffNames = { [route.assigneeId]: names.get(route.assigneeId) as string };

  // Numbered without a transaction (kernel/numbering.ts): the walk starts above the day's
  // last stored concern (read before this attempt looked for its own, with the caller's
  // record) and above the day's counter from before numbers were claimed.
  const lastOfDay = (await last).items[0];
  const floor = Math.max((await older)?.value ?? 0, seqOf(lastOfDay, day));
  const claimed = await claimNumber(db, {
    series: seriesFor(db.communityId, day), floor, collection: 'concerns', ownerId: id,
    last: lastOfDay && seqOf(lastOfDay, day) ? { value: seqOf(lastOfDay, day), record: lastOfDay } : null,
    record: (value): ConcernRecord => {
      const numbered: ConcernRecord = { ...record, number: `${day}-${String(value).padStart(4, '0')}` };
      // The intake steps are known once numbered: the concern carries its page's timeline.
      return { ...numbered, trail: intakeSteps(ctx, db, numbered).map(({ event, actor }) => trailStep(event, actor)) };
    },
    // Whoever completes this claim (this call died before its concern) files its intake
    // steps with it: the timeline and the audit do not wait for this call's retry.
    alongside: (numbered) => [{ collection: 'events', docs: intakeSteps(ctx, db, numbered).map((s) => s.event) }],
  });
  const concern = claimed.record;
  // The floor was this call's own stored concern (numbering's `last`): it may have moved on
  // since, so it is answered as any stored one is.
  if (concern === lastOfDay) return replay(ctx, concern, requestHash);
  // A parallel attempt under this key claimed first: answered as a stored concern would be,
  // once its record is in place.
  if (claimed.earlier && concern.requestHash !== requestHash) {
    await db.insert('concerns', concern);
    return replay(ctx, concern, requestHash);
  }
  // The concern, its intake steps, the notices, the photos' marks and the review item each
  // have a deterministic id and none needs another's answer: at once. A retry finds its
  // claim (or its concern) and puts back whichever did not land.
  const [, events, , , media] = await Promise.all([
    db.insert('concerns', concern),
    recordIntake(ctx, db, concern),
    markAttached(db, concern.photos, concernSubject(concern._id)),
    concern.moderation === 'review' ? queueForReview(db, { subjectType: 'concernText', subjectId: concern._id, content: concern.text, reason: 'textReview' }, now) : null,
    mediaFor(db, concern.photos),
  ]);
  return toConcernView(caller, concern, events, names, now, { media });
}

/** The sequence number of a concern of `day` (0 for none, or another day's). */
function seqOf(c: ConcernRecord | undefined, day: string): number {
  const m = c ? /^(\d{8})-(\d+)$/.exec(c.number) : null;
  return m && m[1] === day ? Number(m[2]) : 0;
}

/** A day's numbers: the older counter's id, and the prefix of its claims (`<series>_n<k>`). */
export const seriesFor = (communityId: string, day: string) => `ctr_${communityId}_concern_${day}`;

/** The claim that numbered a concern (absent for one numbered by the older counter's transaction): its copy of the record is personal data too. */
export function claimIdOf(c: Pick<ConcernRecord, 'communityId' | 'number'>): string | null {
  const m = /^(\d{8})-(\d+)$/.exec(c.number);
  return m ? `${seriesFor(c.communityId, m[1])}_n${Number(m[2])}` : null;
}

/**
 * The day's last stored concern, asked with the caller's record (a prefetch part): read
 * before the handler looks for its own concern, so a same-key attempt that lands in
 * between is met as its claim in the walk, never numbered twice.
 */
export function lastOfDayPart(now: number): ReadPart {
  const day = localDayKey(now);
  return { collection: 'concerns', where: { communityId: fromAnchor('communityId'), ...lastOfDayFilter(day) }, orderBy: { field: 'number', dir: 'desc' }, limit: 1 };
}

// Numbers are `<YYYYMMDD>-<k>`: '.' sorts right after '-', so the range holds one day's.
const lastOfDayFilter = (day: string) => ({ number: { $gt: `${day}-`, $lt: `${day}.` } });

async function replay(ctx: Ctx, existing: ConcernRecord, requestHash: string) {
  if (existing.requestHash !== requestHash) {
    // The first version arrived (its answer was lost, then the draft changed): say which one
    // it is, so the page can open it instead of looping; a further edit takes a new key.
    throw new AppError('CONFLICT', `您之前提交的诉求已收到（受理编号${existing.number}）`, { existing: { id: existing._id, number: existing.number } });
  }
  // Finishes what a crashed first attempt may have left undone; every step is idempotent.
  const db = ctx.db();
  await Promise.all([
    recordIntake(ctx, db, existing),
    markAttached(db, existing.photos, concernSubject(existing._id)),
    existing.moderation === 'review' ? queueForReview(db, { subjectType: 'concernText', subjectId: existing._id, content: existing.text, reason: 'textReview' }, existing.createdAt) : null,
  ]);
  return viewFor(ctx, existing);
}

/** The intake steps of a numbered concern, each with who took it: pure, so a rerun makes the same. */
function intakeSteps(ctx: Ctx, db: ScopedStore, c: ConcernRecord): { event: EventRecord; actor: IdentifiedCaller | 'system' }[] {
  const subject = concernSubject(c._id);
  const filed = c.filedBy ?? null;
  const channel = filed ? FILING_CHANNEL_LABELS[filed.channel] : '';
  const submitted = eventRecord(db, ctx.caller, {
    // The steps share an instant; the keys sort them on the timeline.
    key: 'intake-1-submitted', subject, type: 'concern.submitted', to: 'submitted', public: true,
    note: filed ? `受理编号 ${c.number}（社区工作人员${channel}代为登记）` : `受理编号 ${c.number}`, at: c.createdAt,
  });
  const steps = [{ event: submitted, actor: ctx.caller as IdentifiedCaller | 'system' }];
  if (filed) {
    // Who filed it, how the resident asked and why: the audit, for staff only.
    steps.push({ actor: ctx.caller, event: eventRecord(db, ctx.caller, {
      key: 'intake-1f-filed', subject, type: 'concern.filedFor', public: false,
      note: `${filed.name}代为登记（${channel}）：${filed.reason}${filed.contactName ? `；反映人：${filed.contactName}` : ''}`, at: c.createdAt,
    }) });
  }
  steps.push({ actor: 'system', event: eventRecord(db, 'system', {
    key: 'intake-2-dispatched', subject, type: 'concern.dispatched', from: 'submitted', to: 'dispatched', public: true,
    note: c.assigneeId ? null : '已转社区统一受理', at: c.createdAt,
  }) });
  return steps;
}

/** Writes the intake steps (idempotently) and tells who must act; returns the steps for the response. */
async function recordIntake(ctx: Ctx, db: ScopedStore, c: ConcernRecord): Promise<EventRecord[]> {
  const subject = concernSubject(c._id);
  const filed = c.filedBy ?? null;
  const channel = filed ? FILING_CHANNEL_LABELS[filed.channel] : '';
  const steps = intakeSteps(ctx, db, c).map((s) => s.event);
  // Each write has its own deterministic id and none needs another's result: they go
  // together, and a rerun after a crash completes whichever did not land.
  await Promise.all([
    db.insertMany('events', steps),
    // The same path every concern notice takes: its kind picks the staff page, and held words stay out.
    // With everyone in the chain away it goes straight to the community pool: the admins are
    // told now, not when the sweep finds it unsigned hours later.
    notifyAll(ctx.deps.notifier, c, `${subject}:dispatched`, {
      to: [c.assigneeId ?? adminsInbox(c.communityId)], kind: 'concern.dispatched',
      title: c.assigneeId ? `新诉求待签收：${c.categoryName}` : `新诉求转社区统一受理：${c.categoryName}`, body: staffLine(c),
    }),
    // The resident hears that staff filed it for them, and where to follow it.
    filed
      ? notifyAll(ctx.deps.notifier, c, `${subject}:filedFor`, {
        to: [c.authorId], kind: 'concern.filedFor', title: `社区已为您登记诉求：${c.categoryName}`,
        body: `受理编号${c.number}，由工作人员${channel}代为登记。可在「我的诉求」查看进度、补充和评价。`,
      })
      : Promise.resolve(),
  ]);
  return steps;
}
