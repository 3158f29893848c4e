/**
 * 居务公开's clock, one sweep job in three bounded passes, each over the documents whose
 * `wakeAt` has come (kernel/due.ts):
 * - a periodic category whose period ended makes that period's due, then waits for the next;
 * - a due reminds the staff DUE_REMINDER before its deadline; at the deadline, unmet, it goes
 *   to the supervisory committee (and the admins are told it is overdue); SUBDISTRICT_AFTER_DAYS
 *   later it is recorded as owed to the subdistrict;
 * - a question reminds the staff before its answer is due and is copied to the committee when
 *   it is late.
 * Every step moves `wakeAt` by a conditional write after its messages, whose ids derive from
 * the step: a crash between the two repeats the step and sends nothing twice.
 */
import { lastEndedPeriod, nextPeriodStart } from '../../../../miniprogram/core/disclosure/calendar';
import { periodKey, SUBDISTRICT_AFTER_DAYS } from '../../../../miniprogram/core/disclosure/vocabulary';
import { formatDay, sentence } from '../../../../miniprogram/core/format';
import { eventRecord } from '../../kernel/audit';
import type { Deps } from '../../kernel/deps';
import { forEachDue } from '../../kernel/due';
import type { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../kernel/time';
import { adminsInbox } from '../notify/records';
import { onAppMembers, sittingCommittee } from '../supervision/committee';
import { dueForPeriod, meetDue } from './dues';
import { categoryIdFor, categorySubject, itemSubject } from './ids';
import { carriedCurrent, settlePublication } from './publish-item';
import type { CategoryRecord, DueRecord, ItemRecord, QuestionRecord } from './records';
import { tell } from './tell';

async function openPeriod(db: ScopedStore, category: CategoryRecord, now: number): Promise<boolean> {
  const last = lastEndedPeriod(category.cadence, now);
  if (last) await dueForPeriod(db, category, last.period, periodKey(last.period), now);
  return db.update('disclosureCategories', category._id, { wakeAt: nextPeriodStart(category.cadence, now) }, { wakeAt: category.wakeAt });
}

const dueSubject = (db: ScopedStore, d: DueRecord) => (d.itemId ? itemSubject(d.itemId) : categorySubject(categoryIdFor(db.communityId, d.categoryKey)));

/** Moves a due one step, with its audit event, only if nobody moved it first. */
async function step(db: ScopedStore, d: DueRecord, patch: Partial<DueRecord>, event?: { key: string; type: 'disclosure.overdue' | 'disclosure.escalated'; to: string; note: string; at: number }): Promise<boolean> {
  return db.store.transaction(async (tx) => {
    const current = await tx.get('disclosureDues', d._id);
    if (!current || current.wakeAt !== d.wakeAt || current.state !== 'due') return false;
    tx.set('disclosureDues', { ...current, ...patch, version: current.version + 1 });
    if (event) tx.insert('events', eventRecord(db, 'system', { key: event.key, subject: dueSubject(db, d), type: event.type, to: event.to, public: true, note: event.note, at: event.at }));
    return true;
  });
}

async function chaseDue(deps: Deps, db: ScopedStore, d: DueRecord, now: number): Promise<boolean> {
  if (d.state !== 'due') return db.update('disclosureDues', d._id, { wakeAt: null }, { wakeAt: d.wakeAt });
  const staff = [adminsInbox(db.communityId)];
  const label = sentence(d.label, 24);
  if (now < d.dueAt) {
    await tell(deps.notifier, db.communityId, d.itemId, `${d._id}:reminded`, { to: staff, kind: 'disclosure.due', title: `即将到期：${label}`, body: `请在${formatDay(d.dueAt)}前公开。` });
    return step(db, d, { wakeAt: d.dueAt });
  }
  if (d.escalation === 'none') {
    const committee = onAppMembers(await sittingCommittee(db, now));
    await tell(deps.notifier, db.communityId, d.itemId, `${d._id}:overdue`, { to: staff, kind: 'disclosure.overdue', title: `已逾期：${label}`, body: `应于${formatDay(d.dueAt)}前公开，已报居务监督委员会。` });
    await tell(deps.notifier, db.communityId, d.itemId, `${d._id}:committee`, { to: committee, kind: 'disclosure.escalated', title: `逾期未公开：${label}`, body: `应于${formatDay(d.dueAt)}前公开，请督促。` });
    return step(db, d, { escalation: 'committee', wakeAt: d.dueAt + SUBDISTRICT_AFTER_DAYS * DAY }, { key: `${d._id}:overdue`, type: 'disclosure.overdue', to: 'committee', note: `${d.label}逾期未公开，已报居务监督委员会`, at: now });
  }
  // The subdistrict has no account in the app yet: the step is recorded and shown as owed to it, not sent.
  return step(db, d, { escalation: 'subdistrict', wakeAt: null }, { key: `${d._id}:subdistrict`, type: 'disclosure.escalated', to: 'subdistrict', note: `${d.label}逾期${SUBDISTRICT_AFTER_DAYS}日仍未公开，应报街道`, at: now });
}

async function chaseQuestion(deps: Deps, db: ScopedStore, q: QuestionRecord, now: number): Promise<boolean> {
  const moved = (patch: Partial<QuestionRecord>) => db.update('disclosureQuestions', q._id, { ...patch, version: q.version + 1 }, { wakeAt: q.wakeAt, state: 'open' });
  if (q.state !== 'open') return db.update('disclosureQuestions', q._id, { wakeAt: null }, { wakeAt: q.wakeAt });
  const about = sentence(q.itemTitle, 20);
  if (now < q.dueAt) {
    await tell(deps.notifier, db.communityId, q.itemId, `${q._id}:reminded`, { to: [adminsInbox(db.communityId)], kind: 'disclosure.questionDue', title: `提问待答复：${about}`, body: `居民提问需在${formatDay(q.dueAt)}前答复。` });
    return moved({ remindedAt: now, wakeAt: q.dueAt });
  }
  const committee = onAppMembers(await sittingCommittee(db, now));
  await tell(deps.notifier, db.communityId, q.itemId, `${q._id}:late`, { to: committee, kind: 'disclosure.escalated', title: `提问逾期未答复：${about}`, body: `应于${formatDay(q.dueAt)}前答复，请督促。` });
  return db.store.transaction(async (tx) => {
    const current = await tx.get('disclosureQuestions', q._id);
    if (!current || current.wakeAt !== q.wakeAt || current.state !== 'open') return false;
    tx.set('disclosureQuestions', { ...current, escalatedAt: now, wakeAt: null, version: current.version + 1 });
    tx.insert('events', eventRecord(db, 'system', { key: `${q._id}:late`, subject: itemSubject(q.itemId), type: 'disclosure.escalated', to: 'committee', public: true, note: '居民提问逾期未答复，已报居务监督委员会', at: now }));
    return true;
  });
}

/**
 * A publication whose call died after its commit and was never retried: the item carries the
 * version, and what was to follow it (each step idempotent: a conditional update or an
 * insert-if-absent) is done now, so the category's count and latest and the calendar are not
 * left one short. The due is met as of the publication, not of the sweep.
 */
async function settleCarried(db: ScopedStore, item: ItemRecord): Promise<boolean> {
  const carried = carriedCurrent(item);
  if (carried) await Promise.all([settlePublication(db, item, carried), meetDue(db, item, carried.publishedAt)]);
  return db.update('disclosureItems', item._id, { wakeAt: null }, { wakeAt: item.wakeAt ?? null });
}

export async function disclosureClock(deps: Deps, now: number, budget: { pages: number }) {
  const periods = await forEachDue(deps.store, 'disclosureCategories', now, budget.pages, (c, db) => openPeriod(db, c, now));
  const dues = await forEachDue(deps.store, 'disclosureDues', now, budget.pages, (d, db) => chaseDue(deps, db, d, now));
  const questions = await forEachDue(deps.store, 'disclosureQuestions', now, budget.pages, (q, db) => chaseQuestion(deps, db, q, now));
  const publications = await forEachDue(deps.store, 'disclosureItems', now, budget.pages, (i, db) => settleCarried(db, i));
  return { conflicts: periods.conflicts + dues.conflicts + questions.conflicts + publications.conflicts };
}
