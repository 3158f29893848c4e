/**
 * One way to change a concern: load it with permission checks, apply a patch by
 * compare-and-set on `version`, append the step to the audit trail, tell the people
 * involved, and answer with the fresh view. Two staff acting at once get one success and
 * one CONFLICT, never a lost update.
 */
import { CONCERN_STATUS_LABELS, type ConcernView } from '../../../../miniprogram/core/concern/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { Caller, IdentifiedCaller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { Notification, Notifier } from '../../ports/platform';
import { noticePage, type ConcernNoticeKind } from './notices';
import { eventRecord, type EventRecord, type EventType } from '../../kernel/audit';
import { hasRole } from '../../kernel/caller';
import { isSupervising, RULES, type LifecycleAction } from './lifecycle';
import { canView, isStaffViewer, may, PARTY_CHECK } from './permissions';
import { commitVersioned, lastEventOf, settleLastEvent } from '../../kernel/versioned';
import { checkWritten, type WrittenFields } from '../../kernel/content';
import { checkPhotos, markAttached, mediaFor } from '../media/attach';
import { toConcernView } from './presenters';
import { concernSubject, TRAIL_LIMIT, type ConcernRecord, type TrailStep } from './records';

const TERMINAL = new Set(['closed', 'withdrawn', 'merged']);

/** Loads a concern the caller may take `action` on, or says precisely why not. */
export async function loadFor(ctx: HandlerContext<unknown>, concernId: string, action: LifecycleAction): Promise<ConcernRecord> {
  const c = await ctx.db().get('concerns', concernId);
  if (!c || !canView(ctx.caller, c)) throw new AppError('NOT_FOUND', '诉求不存在');
  if (may(ctx.caller, action, c, ctx.now)) return c;
  if (!RULES[action].from.includes(c.status)) {
    // Often a client's retry of a step that did land: the call that made it may have died
    // before its event reached the audit trail and its notices were sent, so finish both
    // (duplicates write nothing) before refusing. Only the caller's own step: another's
    // landed step is theirs to finish.
    const mine = lastEventOf(c)?.actorId === ctx.caller.memberId;
    await Promise.all([settleLastEvent(ctx.db(), c), ...(mine ? (c.lastNotices ?? []).map((n) => ctx.deps.notifier.notify(n)) : [])]);
    if (TERMINAL.has(c.status)) throw new AppError('CLOSED', `该诉求${CONCERN_STATUS_LABELS[c.status]}，不能再操作`);
    throw new AppError('CONFLICT', `该诉求当前为“${CONCERN_STATUS_LABELS[c.status]}”，不能进行此操作`);
  }
  const rule = RULES[action];
  // The right person at the wrong moment (rating window over, urged a moment ago) is told why.
  if (rule.refusal && PARTY_CHECK[rule.party](ctx.caller, c)) throw new AppError(rule.refusal.code, rule.refusal.message);
  const viewer = isStaffViewer(ctx.caller, c);
  throw new AppError('FORBIDDEN', rule.forbidden ?? (viewer ? '该诉求由当前办理人办理，您可以查看和添加内部备注' : '您不是该诉求的办理人员'));
}

export interface Step {
  type: EventType;
  public: boolean;
  note?: string | null;
  photos?: string[];
  from?: string | null;
  to?: string | null;
}

export interface Message {
  to: readonly (string | null)[];
  /** Its audience (CONCERN_NOTICES) decides which page it opens. */
  kind: ConcernNoticeKind;
  title: string;
  body: string;
}

export { adminsInbox } from '../notify/records';

/** The resident side of a concern: its author and the authors of merged duplicates. */
export function residents(c: ConcernRecord): string[] {
  // A household's concern filed by staff has no author on the app to tell.
  return [c.authorId, ...c.followerIds].filter((id): id is string => id !== null);
}

export async function notifyAll(notifier: Notifier, c: ConcernRecord, eventId: string, m: Message): Promise<void> {
  await Promise.all(noticesFor(c, eventId, [m]).map((n) => notifier.notify(n)));
}

/**
 * The notices of one step: one per recipient of each message, its id derived from the step
 * (sent together, never twice). Two messages of one step to the same person share an id:
 * the first stands, as it would if they were sent in order.
 */
export function noticesFor(c: ConcernRecord, eventId: string, messages: readonly Message[]): Notification[] {
  const out = new Map<string, Notification>();
  for (const m of messages) {
    for (const to of new Set(m.to.filter((x): x is string => !!x))) {
      const id = `${eventId}:to:${to}`;
      if (!out.has(id)) out.set(id, { id, communityId: c.communityId, recipientId: to, kind: m.kind, title: m.title, body: m.body, page: noticePage(m.kind, c._id) });
    }
  }
  return [...out.values()];
}

/**
 * Applies `patch` if nobody changed the concern since it was read. Returns the new record
 * and the step's event; the event id derives from the version, so a rerun writes no twin.
 */
export async function commit(
  db: ScopedStore,
  actor: Caller | 'system',
  c: ConcernRecord,
  patch: Partial<ConcernRecord>,
  step: Step,
  now: number,
  /**
   * Who the step tells, and what else follows it (photos): run beside its event's insert.
   * The notices ride on the concern with the step (`lastNotices`), so the client's retry of
   * a step that landed before its notices did can still send them (see loadFor).
   */
  after?: { notifier: Notifier; messages?: (next: ConcernRecord) => Message[]; alongside?: () => Promise<unknown> },
): Promise<{ next: ConcernRecord; event: EventRecord }> {
  const version = c.version + 1;
  // Derived here, once for every transition, so the supervision list can never drift.
  const full: Partial<ConcernRecord> = { ...patch, supervising: isSupervising({ ...c, ...patch }) };
  // A staff actor's name is kept for when they become its handler (signing, taking it over).
  const staffName: Record<string, string> = {};
  if (actor !== 'system' && actor.memberId && (hasRole(actor, 'gridWorker') || hasRole(actor, 'admin'))) staffName[actor.memberId] = actor.name ?? STAFF;
  full.staffNames = { ...c.staffNames, ...staffName, ...patch.staffNames };
  const makeEvent = (n: ConcernRecord) =>
    eventRecord(db, actor, {
      key: `v${version}:${step.type}`,
      subject: concernSubject(c._id),
      type: step.type,
      from: step.from === undefined ? c.status : step.from,
      to: step.to === undefined ? n.status : step.to,
      public: step.public,
      note: step.note ?? null,
      photos: step.photos,
      at: now,
    });
  // The page's timeline grows with the step, under the same compare-and-set (no lost append).
  const landing = { ...c, ...full, updatedAt: now, version } as ConcernRecord;
  if (c.trail && c.trail.length < TRAIL_LIMIT) full.trail = [...c.trail, trailStep(makeEvent(landing), actor)];
  const notices = after?.messages ? noticesFor(landing, makeEvent(landing)._id, after.messages(landing)) : [];
  // A step that tells nobody clears the notices of the step before.
  full.lastNotices = notices.length ? notices : undefined;
  const next = await commitVersioned(db, 'concerns', c, { ...full, updatedAt: now }, makeEvent, '该诉求刚被他人更新，请刷新后重试', () =>
    Promise.all([after?.alongside?.(), ...notices.map((n) => after!.notifier.notify(n))]));
  const event = makeEvent(next);
  return { next, event };
}

const STAFF = '社区工作人员';

/** A step as the concern keeps it for its page: the audit event with the actor's name then. */
export function trailStep(e: EventRecord, actor: Caller | 'system'): TrailStep {
  const step: TrailStep = { type: e.type, actorId: e.actorId, actorRole: e.actorRole, public: e.public, note: e.note, at: e.at };
  if (e.photos?.length) step.photos = e.photos;
  // Staff names only: a resident's name stays on their member record, so erasing them erases it here too.
  if (actor !== 'system' && (hasRole(actor, 'gridWorker') || hasRole(actor, 'admin'))) step.actorName = actor.name ?? STAFF;
  return step;
}

/**
 * Detail view with timeline and names, for the caller: from the concern alone when it keeps
 * its trail, names and author's phone (what intake and every step write); a concern from
 * before reads its events, and members only for the names it lacks.
 */
export async function viewFor(ctx: HandlerContext<unknown>, c: ConcernRecord): Promise<ConcernView> {
  const db = ctx.db();
  const events: readonly TrailStep[] = c.trail
    ?? (await db.query('events', { where: { subject: concernSubject(c._id) }, orderBy: { field: 'at', dir: 'asc' }, limit: TRAIL_LIMIT })).items;
  const staff = isStaffViewer(ctx.caller, c);
  const names = new Map<string, string>(Object.entries(c.staffNames ?? {}));
  for (const e of events) if (e.actorId && e.actorName && !names.has(e.actorId)) names.set(e.actorId, e.actorName);
  const phoneKnown = c.authorPhoneEnc !== undefined;
  const missing = [c.assigneeId, c.firstResponderId, ...events.map((e) => e.actorId)].filter((x): x is string => !!x && x !== c.authorId && !names.has(x));
  const people = [...new Set([...missing, ...(staff && !phoneKnown && c.authorId ? [c.authorId] : [])])];
  const photos = [...c.photos, ...(c.resolution?.photos ?? []), ...events.flatMap((e) => e.photos ?? [])];
  const [members, category, media] = await Promise.all([
    people.length ? db.getMany('members', people) : Promise.resolve([]),
    staff ? db.get('categories', c.category) : Promise.resolve(null),
    mediaFor(db, photos),
  ]);
  for (const m of members) if (m._id !== c.authorId) names.set(m._id, m.name ?? STAFF);
  names.delete(c.authorId ?? '');
  const phoneEnc = phoneKnown ? c.authorPhoneEnc : members.find((m) => m._id === c.authorId)?.phoneEnc;
  const authorPhone = staff && phoneEnc ? ctx.deps.cipher.decrypt(phoneEnc) : undefined;
  return toConcernView(ctx.caller, c, events, names, ctx.now, { templates: category?.templates ?? [], media, authorPhone });
}

export interface Change {
  patch: Partial<ConcernRecord>;
  step: Step;
  messages?: (next: ConcernRecord) => Message[];
}

/** The common shape of a lifecycle use case: load, commit one step, notify, view. */
export async function act(
  ctx: HandlerContext<{ concernId: string }, IdentifiedCaller>,
  action: LifecycleAction,
  change: (c: ConcernRecord) => Change | Promise<Change>,
  /** Photos the step brings: checked after the permission check, attached after the commit. */
  photos: readonly string[] = [],
  /** Words the step brings, by input field: content-checked after the permission check. */
  written: WrittenFields = {},
): Promise<ConcernView> {
  return actOn(ctx, await loadFor(ctx, ctx.input.concernId, action), change, photos, written);
}

/**
 * `act` on a concern the use case has already loaded with `loadFor` (to check it before
 * reading anything else): no second read, and the commit's compare-and-set still refuses
 * it if someone changed it in between.
 */
export async function actOn(
  ctx: HandlerContext<{ concernId: string }, IdentifiedCaller>,
  c: ConcernRecord,
  change: (c: ConcernRecord) => Change | Promise<Change>,
  photos: readonly string[] = [],
  written: WrittenFields = {},
): Promise<ConcernView> {
  const subject = concernSubject(c._id);
  await Promise.all([checkPhotos(ctx.db(), ctx.caller.memberId, photos, subject), checkWritten(ctx, written)]);
  const { patch, step, messages } = await change(c);
  const { next } = await commit(ctx.db(), ctx.caller, c, patch, step, ctx.now, {
    notifier: ctx.deps.notifier,
    messages,
    alongside: () => markAttached(ctx.db(), photos, subject),
  });
  return viewFor(ctx, next);
}
