import type { TopicItems, TopicQuery } from '../../../../miniprogram/core/insight/contract';
import type { ScopedStore } from '../../kernel/scoped-store';

/** 社情民意 reads at most this many visits of a span (10 pages); past it says `truncated`. */
const MAX_PAGES = 10;

const dayRef = (at: number) => {
  const d = new Date(at + 8 * 3600_000);
  return `走访 ${d.getUTCMonth() + 1}-${d.getUTCDate()}`;
};

/**
 * The topics visits heard, one item per topic, for 社情民意 and the 未诉先办 cluster rule: what
 * residents raised at the door counts beside what they filed. The page is the household's
 * visit log, where the visit and its notes are (staff only).
 */
export async function visitTopics(db: ScopedStore, q: TopicQuery): Promise<TopicItems> {
  const items: TopicItems['items'] = [];
  let after: string | undefined;
  let truncated = false;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = await db.query('visits', { where: { visitedAt: { $gt: q.from, $lte: q.to } }, orderBy: { field: 'visitedAt', dir: 'asc' }, limit: 100, after });
    for (const v of batch.items) {
      if (q.gridIds && !q.gridIds.includes(v.gridId)) continue;
      for (const t of v.topics) {
        if (q.category && t.id !== q.category) continue;
        items.push({ source: 'visit', id: v._id, ref: dayRef(v.visitedAt), buildingId: v.buildingId, gridId: v.gridId, category: t.id, at: v.visitedAt, page: `/staff/visit-log/index?householdId=${encodeURIComponent(v.householdId)}` });
      }
    }
    after = batch.next;
    if (!after) break;
    if (page === MAX_PAGES - 1) truncated = true;
  }
  return { items, truncated };
}
