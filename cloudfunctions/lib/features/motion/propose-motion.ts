import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { hasRole } from '../../kernel/caller';
import { checkWritten } from '../../kernel/content';
import { DAY } from '../../kernel/time';
import { settleLastEvent } from '../../kernel/versioned';
import { canView as canViewConcern, isAuthor, isHandler } from '../concern/permissions';
import { commit as commitConcern } from '../concern/transition';
import type { ConcernRecord } from '../concern/records';
import { motionIdFor, motionSubject, supportIdFor, type MotionRecord } from './records';
import { censusOfScope, freezeThreshold, settingsOf } from './settings';
import { adminsInbox, tell, unitKeyOf, viewFor } from './transition';
import { RECOUNT_EVERY } from './threshold';

export const STAFF_MOVER = '社区居委会';

const listed = (names: string[]) => (names.length > 4 ? `${names.slice(0, 4).join('、')}等${names.length}栋` : names.join('、'));

/**
 * 提出议题. A bound resident (named in public as its mover, as the form says) or the staff
 * (「社区居委会」) put a motion forward; a speak-up concern may become one — by its author or
 * by staff who handle it — and then the two point at each other. The community's support
 * rule and the census of the motion's scope are frozen into it now.
 */
export const proposeMotion: Handler<'motion.propose'> = async (ctx) => {
  const db = ctx.db();
  const { caller, input, now } = ctx;
  const staff = hasRole(caller, 'gridWorker', 'admin');
  if (!staff && !caller.householdId) throw new AppError('FORBIDDEN', '请先绑定您所住的住户，再提出议题');
  const id = motionIdFor(db.communityId, caller.memberId, ctx.idempotencyKey ?? '');
  const buildingIds = [...new Set(input.buildingIds)];
  // The retry's look, the first call's settings, the scope's census and the concern it comes
  // from at once: one wait. The census is read before the settings say which count the rule
  // uses, so both are taken from that one read (a retry or a refusal reads it for nothing).
  // A retry's reply says whether the caller's unit supported it: both units a caller may
  // count as are looked at here too, so the retry reads nothing more than the first call.
  const mySupports = [...new Set([caller.householdId, caller.memberId].flatMap((k) => (k ? [supportIdFor(id, k)] : [])))];
  const [existing, settings, sizes, fromConcern, supports] = await Promise.all([
    db.get('motions', id),
    settingsOf(db),
    censusOfScope(db, buildingIds),
    input.fromConcernId ? db.get('concerns', input.fromConcernId) : Promise.resolve(null),
    db.getMany('motionSupports', mySupports),
  ]);
  if (existing) {
    const key = unitKeyOf(caller, existing);
    const support = (key && supports.find((x) => x._id === supportIdFor(existing._id, key))) || null;
    const concern = fromConcern?._id === existing.concernId ? fromConcern : undefined;
    // The call that made it may have died before its event reached `events` (or before the
    // concern's 「转为议题」 step did: the motion's insert runs beside it).
    const linked = fromConcern?.motion?.motionId === existing._id ? fromConcern : null;
    const [view] = await Promise.all([viewFor(db, caller, existing, now, { support, concern }), settleLastEvent(db, existing), linked ? settleLastEvent(db, linked) : null]);
    return view;
  }

  const concern = input.fromConcernId ? concernToMove(ctx, fromConcern, id, staff) : null;
  const buildings = await db.getMany('buildings', buildingIds);
  if (buildings.length !== buildingIds.length) throw fieldError('VALIDATION_ERROR', 'buildingIds', '所选楼栋不存在');
  const own = caller.household?.buildingId;
  if (!staff && buildingIds.length && (!own || !buildingIds.includes(own))) throw fieldError('VALIDATION_ERROR', 'buildingIds', '议题的附议范围须包含您所住的楼栋');
  await checkWritten(ctx, { title: input.title, body: input.body }, { scene: 'forum' });

  const { census, threshold } = freezeThreshold(sizes, settings.supportUnit, settings.threshold);
  const byName = new Map(buildings.map((b) => [b._id, b.name]));
  const record: MotionRecord = {
    _id: id, communityId: db.communityId, title: input.title, body: input.body,
    source: concern ? 'concern' : staff ? 'staff' : 'resident',
    proposerId: caller.memberId, proposerHouseholdId: staff ? null : caller.householdId,
    moverName: staff ? STAFF_MOVER : caller.name ?? '居民',
    concernId: concern?._id ?? null,
    buildingIds, scopeText: buildingIds.length ? listed(buildingIds.map((b) => byName.get(b) ?? '')) : '全社区',
    supportUnit: settings.supportUnit, thresholdRule: settings.threshold, census, threshold, answerDays: settings.answerDays,
    supports: 0, status: 'collecting', supportClosesAt: now + settings.supportDays * DAY,
    thresholdMetAt: null, answerDueAt: null, metNoticed: false, answer: null,
    meetingId: null, itemId: null, meeting: null, decision: null, resolutionId: null, resolution: null,
    chases: 0, wakeAt: Math.min(now + settings.supportDays * DAY, now + RECOUNT_EVERY), version: 1, createdAt: now, updatedAt: now,
  };
  const event = eventRecord(db, caller, { key: 'proposed', subject: motionSubject(id), type: 'motion.proposed', to: 'collecting', public: true, note: record.scopeText, at: now });
  // The event rides in the motion's own insert (kernel/versioned.ts): the motion and its
  // audit record land together; the insert under the motion's id decides a race, and the
  // event is then put into `events` (a retry settles it if this call dies first).
  const insertMotion = () => db.insert('motions', { ...record, lastEvent: event } as MotionRecord);
  // The event's insert and the notices side by side: the event already rides on the motion
  // (a retry settles it), and the notices go under ids of their own either way.
  const followUp = () => Promise.all([
    db.insert('events', event),
    tell(ctx.deps.notifier, record, event._id, { to: [adminsInbox(db.communityId)], kind: 'motion.proposed', title: `新议题：${record.title}`, body: `${record.moverName}提出，${record.scopeText}，需${threshold}${settings.supportUnit === 'household' ? '户' : '人'}附议。` }),
    // The resident whose concern staff took up hears it, and where to follow it now.
    concern?.authorId && concern.authorId !== caller.memberId
      ? tell(ctx.deps.notifier, record, event._id, { to: [concern.authorId], kind: 'motion.fromConcern', title: '您反映的问题已转为议题', body: `诉求 ${concern.number} 已转为议题「${record.title}」，征集居民附议。` })
      : null,
  ]);
  // From a concern, the follow-up runs inside the concern step's `alongside`, beside that
  // step's own event insert and the motion's insert: one wait fewer for the resident.
  const made = concern ? await linkConcern(ctx, concern, record, insertMotion, followUp) : await insertMotion();
  const motion = made ? record : await db.require('motions', id);
  if (!made) await settleLastEvent(db, motion);
  else if (!concern) await followUp();
  // A new motion has no support yet; the concern it came from was just read.
  return made ? viewFor(db, caller, motion, now, { support: null, concern }) : viewFor(db, caller, motion, now);
};

/** The concern (as read) a motion is to come from, or why it cannot. */
function concernToMove(ctx: Parameters<Handler<'motion.propose'>>[0], c: ConcernRecord | null, motionId: string, staff: boolean): ConcernRecord {
  if (!c || !canViewConcern(ctx.caller, c)) throw fieldError('NOT_FOUND', 'fromConcernId', '诉求不存在');
  if (!isAuthor(ctx.caller, c) && !(staff && isHandler(ctx.caller, c))) throw fieldError('FORBIDDEN', 'fromConcernId', '只有诉求的提出人或办理该诉求的工作人员可以把它转为议题');
  if (c.status === 'closed' || c.status === 'merged' || c.status === 'withdrawn') throw fieldError('CLOSED', 'fromConcernId', '该诉求已结束，不能再转为议题；可以直接提出议题');
  if (c.motion && c.motion.motionId !== motionId) throw fieldError('CONFLICT', 'fromConcernId', '该诉求已转为议题');
  return c;
}

/**
 * The concern points at the motion first, by its own compare-and-set with the 「转为议题」
 * step on its timeline: a second motion from the same concern is refused there, and a
 * crash before the motion is written is mended by the retry with the same key.
 */
async function linkConcern(ctx: Parameters<Handler<'motion.propose'>>[0], c: ConcernRecord, m: MotionRecord, insertMotion: () => Promise<boolean>, followUp: () => Promise<unknown>): Promise<boolean> {
  if (c.motion?.motionId === m._id) {
    const made = await insertMotion();
    if (made) await followUp();
    return made;
  }
  // Once the concern points at it, the motion's insert runs beside the concern step's event,
  // and what follows the motion's insert (its event, the notices) likewise.
  let made = false;
  await commitConcern(ctx.db(), ctx.caller, c, { motion: { motionId: m._id, title: m.title, status: m.status } }, { type: 'concern.toMotion', public: true, note: `议题「${m.title}」`, from: c.status, to: c.status }, ctx.now, {
    notifier: ctx.deps.notifier,
    // The motion's insert, its event and the notices at once: the event and notices are under
    // ids fixed by this request, so when the insert finds the motion there (this request's
    // earlier try made it) they are duplicates and write nothing. A crash part-way is what a
    // crash after the concern's step already is: the concern points at the motion, and the
    // retry with the same key inserts it.
    alongside: async () => {
      [made] = await Promise.all([insertMotion(), followUp()]);
    },
  });
  return made;
}
