/**
 * One way to change a motion: compare-and-set on `version` with its audit event in the same
 * transaction (kernel/versioned.ts), then the people concerned told, by message ids derived
 * from the event so a rerun tells nobody twice. The support count alone moves without a
 * version (`op.inc`), so a hundred supporters never collide with an admin's answer.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { MotionLinkView, MotionView } from '../../../../miniprogram/core/council/motion-contract';
import { eventRecord, type EventRecord, type EventType } from '../../kernel/audit';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { commitVersioned } from '../../kernel/versioned';
import type { NoticeSpec } from '../../kernel/feature';
import type { Notification, Notifier } from '../../ports/platform';
import { isAuthor, isStaffViewer } from '../concern/permissions';
import { concernWords } from '../concern/notices';
import type { ConcernRecord } from '../concern/records';
import type { InboxRecord } from '../notify/records';
import { MOTION_NOTICES, motionPage, type MotionNoticeKind } from './notices';
import { canView } from './permissions';
import { toMotionView } from './presenters';
import { motionSubject, supportIdFor, type MotionRecord, type MotionSupportRecord } from './records';

export { adminsInbox } from '../notify/records';

export interface Step {
  type: EventType;
  public: boolean;
  note?: string | null;
}

export interface Message {
  to: readonly (string | null)[];
  kind: MotionNoticeKind;
  title: string;
  body: string;
}

export async function commit(db: ScopedStore, actor: Caller | 'system', m: MotionRecord, patch: Partial<MotionRecord>, step: Step, now: number): Promise<{ next: MotionRecord; event: EventRecord }> {
  const version = m.version + 1;
  const makeEvent = (n: MotionRecord) =>
    eventRecord(db, actor, { key: `v${version}:${step.type}`, subject: motionSubject(m._id), type: step.type, from: m.status, to: n.status, public: step.public, note: step.note ?? null, at: now });
  const next = await commitVersioned(db, 'motions', m, { ...patch, updatedAt: now }, makeEvent, '该议题刚被他人更新，请刷新后重试');
  return { next, event: makeEvent(next) };
}

export async function tell(notifier: Notifier, m: MotionRecord, eventId: string, msg: Message): Promise<void> {
  const seen = new Set<string>();
  for (const to of msg.to) {
    if (!to || seen.has(to)) continue;
    seen.add(to);
    await notifier.notify({ id: `${eventId}:to:${to}`, communityId: m.communityId, recipientId: to, kind: msg.kind, title: msg.title, body: msg.body, page: motionPage(msg.kind, m._id) });
  }
}

/**
 * The inbox, written straight through the community's store: for the calls the meeting and
 * resolution features make with a store alone. Same record as the platform notifier makes;
 * a template the deployment lacks is settled as in-app only by the outbox sender.
 */
export function storeNotifier(db: ScopedStore, now: number): Notifier {
  return {
    async notify(n: Notification) {
      const template = (MOTION_NOTICES as Record<string, NoticeSpec>)[n.kind]?.template;
      const pushable = template !== undefined && !n.recipientId.startsWith('admins:');
      await db.insert('inbox', {
        _id: n.id, communityId: db.communityId, recipientId: n.recipientId, kind: n.kind, title: n.title, body: n.body, page: n.page ?? null,
        read: false, createdAt: now, pushStatus: pushable ? 'pending' : 'none', templateKey: pushable ? template : null, pushDueAt: pushable ? now : null,
        pushAttempts: 0, pushError: null, sentAt: null,
      } satisfies InboxRecord);
    },
  };
}

export async function concernOf(db: ScopedStore, m: Pick<MotionRecord, 'concernId'>): Promise<ConcernRecord | null> {
  return m.concernId ? db.get('concerns', m.concernId) : null;
}

/** The mover and the author of the concern it came from: the people a motion's progress is for. */
export async function followers(db: ScopedStore, m: MotionRecord): Promise<(string | null)[]> {
  const c = await concernOf(db, m);
  return [m.proposerId, c?.authorId ?? null];
}

/** Keeps the concern's copy of the motion (title, status) current: its page reads no motion. */
export async function syncConcern(db: ScopedStore, m: MotionRecord): Promise<void> {
  if (!m.concernId) return;
  await db.update('concerns', m.concernId, { 'motion.status': m.status, 'motion.title': m.title }, { 'motion.motionId': m._id });
}

/** A motion the caller may see, or NOT_FOUND (its existence is not told to anyone else). */
export async function loadVisible(db: ScopedStore, caller: Caller, motionId: string): Promise<MotionRecord> {
  const m = await db.get('motions', motionId);
  if (m && canView(caller, m)) return m;
  if (m?.concernId) {
    const c = await db.get('concerns', m.concernId);
    if (c && isAuthor(caller, c)) return m;
  }
  throw new AppError('NOT_FOUND', '议题不存在');
}

/** The support counted for the caller: their household's under 一户一票, their own per person. */
export function unitKeyOf(caller: Caller, m: Pick<MotionRecord, 'supportUnit'>): string | null {
  return m.supportUnit === 'household' ? caller.householdId : caller.householdId ? caller.memberId : null;
}

export function concernLink(caller: Caller, c: ConcernRecord | null): MotionLinkView['concern'] {
  if (!c || !(isAuthor(caller, c) || isStaffViewer(caller, c))) return null;
  return { concernId: c._id, title: `${c.categoryName}：${concernWords(c, 20)}`, trackingNo: c.number };
}

/** `known`: what the caller has just read or written, so the view does not read it again. */
export async function viewFor(db: ScopedStore, caller: Caller, m: MotionRecord, now: number, known: { support?: MotionSupportRecord | null; concern?: ConcernRecord | null } = {}): Promise<MotionView> {
  const key = unitKeyOf(caller, m);
  const [support, concern] = await Promise.all([
    known.support !== undefined ? known.support : key ? db.get('motionSupports', supportIdFor(m._id, key)) : Promise.resolve(null),
    known.concern !== undefined && (known.concern?._id ?? null) === m.concernId ? known.concern : concernOf(db, m),
  ]);
  return toMotionView(caller, m, now, { support, concern: concernLink(caller, concern) });
}
