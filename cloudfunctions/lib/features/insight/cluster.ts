/**
 * The 未诉先办 cluster rule, run by the sweep.
 *
 * Rule: at least k items (concerns not withdrawn nor refused by moderation, and visit topics
 * through the `topics` hook) of one category in one building with `now − 30 days < at ≤ now`
 * propose one case. Windows: the
 * n-th case of a building and category is window n; after a case is proposed, that building
 * and category get no new case for 30 days (the open case stands for the cluster), and the
 * next one counts only items of the 30 days before it — all after the last proposal — so no
 * item counts for two cases. The case id derives from (community, building, category, n);
 * the cluster head (one document per building and category) is read and moved in the same
 * transaction as the case is inserted, so parallel sweeps propose it exactly once.
 *
 * Bounded: per community, the concerns created since the watermark (a lag of LAG behind, for
 * writes that commit late) name the building × category pairs to look at; a head whose
 * window ended while a cluster waited is found by its `wakeAt`. Each pair reads one
 * category's 30 days on the category index, capped.
 */
import { CLUSTER_WINDOW_DAYS, type TopicItem } from '../../../../miniprogram/core/insight/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import { eventRecord } from '../../kernel/audit';
import type { Deps } from '../../kernel/deps';
import { forEachDue } from '../../kernel/due';
import { budgetSpent, readCursor, writeCursor } from '../../kernel/sweep-budget';
import type { FeatureRegistry } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { DAY, HOUR } from '../../kernel/time';
import { TransactionConflictError } from '../../ports/store';
import { adminsInbox } from '../notify/records';
import { caseIdFor, caseSubject, clusterIdFor } from './ids';
import { concernItem, concernsIn, otherTopics } from './items';
import { CASES_PAGE } from './notices';
import type { CaseItem, InsightCaseRecord } from './records';
import { settingsOf } from './settings';

export const WINDOW = CLUSTER_WINDOW_DAYS * DAY;
/** Concerns are looked at again this far behind the watermark: a submit that commits late is still seen. */
const LAG = 1 * HOUR;
/** A case keeps this many of its items' references. */
const CASE_ITEMS = 20;
const WHOLE = { gridIds: null };

export type Outcome = 'proposed' | 'cooling' | 'below' | 'exists';

/** The cluster of one building and category now, and whether it proposes a case. */
export async function evaluatePair(deps: Deps, features: FeatureRegistry, db: ScopedStore, pair: { buildingId: string; category: string }, now: number, k: number): Promise<Outcome> {
  const period = { from: now - WINDOW, to: now };
  const [concerns, others] = await Promise.all([concernsIn(db, period, WHOLE, { category: pair.category, pages: 5 }), otherTopics(features, db, period, WHOLE, pair.category)]);
  // A withdrawn concern or one refused by moderation does not make a cluster.
  const counted = concerns.items.filter((c) => c.status !== 'withdrawn' && c.moderation !== 'rejected');
  const items: TopicItem[] = [...counted.map(concernItem), ...others.items].filter((t) => t.buildingId === pair.buildingId).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const headId = clusterIdFor(db.communityId, pair.buildingId, pair.category);
  if (items.length < k) {
    await db.update('insightClusters', headId, { wakeAt: null }, { wakeAt: { $lte: now } });
    return 'below';
  }
  const first = counted.find((c) => c.buildingId === pair.buildingId);
  const building = first ? { name: first.buildingName, gridId: first.gridId } : await db.get('buildings', pair.buildingId).then((b) => (b ? { name: b.name, gridId: b.gridId } : null));
  const categoryName = first?.categoryName ?? (await db.get('categories', pair.category))?.name ?? '其他';
  if (!building) return 'below';
  const refs: CaseItem[] = items.slice(-CASE_ITEMS).map((t) => ({ source: t.source, id: t.id, ref: t.ref, at: t.at, page: t.page }));

  let made: InsightCaseRecord | null = null;
  const outcome = await db.store.transaction(async (tx): Promise<Outcome> => {
    made = null;
    const head = await tx.get('insightClusters', headId);
    if (head && now < head.lastProposedAt + WINDOW) {
      // The open case stands for this cluster; look again when its window ends.
      const wake = head.lastProposedAt + WINDOW;
      if (head.wakeAt !== wake) tx.set('insightClusters', { ...head, wakeAt: wake });
      return 'cooling';
    }
    const seq = (head?.seq ?? 0) + 1;
    const caseId = caseIdFor(db.communityId, pair.buildingId, pair.category, seq);
    if (await tx.get('insightCases', caseId)) return 'exists';
    const record: InsightCaseRecord = {
      _id: caseId, communityId: db.communityId, buildingId: pair.buildingId, buildingName: building.name, gridId: building.gridId,
      category: pair.category, categoryName, seq, windowFrom: period.from, windowTo: now, k, itemCount: items.length, items: refs,
      state: 'proposed', proposedAt: now, decision: null, taskDueAt: null, closed: null, version: 1, updatedAt: now,
    };
    tx.insert('insightCases', record);
    tx.set('insightClusters', { _id: headId, communityId: db.communityId, buildingId: pair.buildingId, category: pair.category, seq, lastCaseId: caseId, lastProposedAt: now, wakeAt: null });
    tx.insert('events', eventRecord(db, 'system', { key: 'proposed', subject: caseSubject(caseId), type: 'insight.caseProposed', to: 'proposed', public: false, note: `${building.name}${CLUSTER_WINDOW_DAYS}天内${categoryName}${items.length}件（≥${k}）`, at: now }));
    made = record;
    return 'proposed';
  });
  const proposed = made as InsightCaseRecord | null;
  if (outcome === 'proposed' && proposed) {
    await deps.notifier.notify({
      id: `${caseSubject(proposed._id)}:proposed:to:admins`, communityId: db.communityId, recipientId: adminsInbox(db.communityId), kind: 'insight.caseProposed',
      title: `未诉先办提示：${proposed.buildingName}${proposed.categoryName}`, body: `${CLUSTER_WINDOW_DAYS}天内${proposed.itemCount}件，请研判是否立项。`, page: `${CASES_PAGE}?id=${proposed._id}`,
    });
  }
  return outcome;
}

/** The sweep job: new concerns and topics since each community's watermark, then heads due. */
export async function clusterSweep(deps: Deps, now: number, features: FeatureRegistry, budget: { communities: number }) {
  const tally: Record<Outcome | 'conflicts', number> = { proposed: 0, cooling: 0, below: 0, exists: 0, conflicts: 0 };
  const run = async (db: ScopedStore, pair: { buildingId: string; category: string }, k: number) => {
    try {
      tally[await evaluatePair(deps, features, db, pair, now, k)] += 1;
    } catch (err) {
      if (!(err instanceof TransactionConflictError) && !(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      tally.conflicts += 1;
    }
  };
  // The communities in name order from where the last run stopped, round and round, as many
  // as the budget allows: past it the rest wait for the next run, so with hundreds of
  // communities none is starved by those before it. The place kept is the last one scanned.
  const saved = await readCursor(deps.store, 'insightClusters');
  const start = saved ? (JSON.parse(saved) as { name: string; id: string }) : undefined;
  const past = (c: { name: string; _id: string }, p: { name: string; id: string }) => c.name > p.name || (c.name === p.name && c._id > p.id);
  let place = start;
  let low = start;
  let wrapped = false;
  let next: string | undefined;
  const done = new Set<string>();
  walk: while (done.size < budget.communities && !budgetSpent(deps.store)) {
    const page = await deps.store.query('communities', { where: { active: true, ...(low ? { name: { $gte: low.name } } : {}) }, orderBy: { field: 'name', dir: 'asc' }, limit: 50, after: next });
    for (const c of page.items) {
      if (low && !past(c, low)) continue;
      // Back at one this run scanned: every community had its turn.
      if (done.has(c._id) || budgetSpent(deps.store) || done.size >= budget.communities) break walk;
      await scanCommunity(c._id);
      done.add(c._id);
      place = { name: c.name, id: c._id };
    }
    if (page.next) {
      next = page.next;
      continue;
    }
    // The end of the list: on from the first, once.
    if (wrapped) break;
    wrapped = true;
    low = undefined;
    next = undefined;
  }
  const looked = done.size;
  await writeCursor(deps.store, 'insightClusters', saved, place ? JSON.stringify(place) : undefined);
  async function scanCommunity(communityId: string) {
    const db = new ScopedStore(deps.store, communityId);
    const settings = await settingsOf(db, now);
    const since = { from: Math.max(settings.scannedTo - LAG, now - WINDOW), to: now };
    const [fresh, others] = await Promise.all([concernsIn(db, since, WHOLE, { pages: 5 }), otherTopics(features, db, since, WHOLE)]);
    const pairs = new Map<string, { buildingId: string; category: string }>();
    for (const t of [...fresh.items.map(concernItem), ...others.items]) pairs.set(`${t.buildingId}|${t.category}`, { buildingId: t.buildingId, category: t.category });
    for (const pair of pairs.values()) await run(db, pair, settings.clusterK);
    // Past the cap the watermark moves only as far as what was read: the next run goes on from there.
    const reached = fresh.truncated && fresh.items.length ? fresh.items[fresh.items.length - 1].createdAt : now;
    await db.update('insightSettings', settings._id, { scannedTo: reached }, { scannedTo: settings.scannedTo });
  }
  const due = await forEachDue(deps.store, 'insightClusters', now, 2, async (head, db) => {
    const settings = await settingsOf(db, now);
    await run(db, { buildingId: head.buildingId, category: head.category }, settings.clusterK);
    // Whatever the outcome, this wake is spent (a new proposal or 'below' cleared it already).
    await db.update('insightClusters', head._id, { wakeAt: null }, { wakeAt: head.wakeAt });
  });
  return { ...tally, conflicts: tally.conflicts + due.conflicts, communities: looked };
}
