import { OPEN_STATUSES } from '../../../../miniprogram/core/concern/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import type { HandlerContext } from '../../kernel/action';
import type { HouseholdLeft } from '../../kernel/feature';
import { commit } from './transition';
import type { ConcernRecord } from './records';

/** Still in hand, or resolved and waiting for the household's rating. */
const UNFINISHED: readonly string[] = [...OPEN_STATUSES, 'resolved'];

/**
 * A resident moved out: what they raised about the home and is not finished stays with the
 * household (author cleared, as for a concern staff filed for it), so whoever still lives
 * there — or binds there later — follows, supplements and rates it. The one who left stays a
 * follower and keeps hearing its progress. Finished concerns stay theirs, in the archive and
 * in 下载我的数据. Each hand-over is one versioned step with a public timeline entry.
 */
export async function handOverToHousehold(ctx: HandlerContext<unknown>, left: HouseholdLeft): Promise<void> {
  const db = ctx.db();
  let after: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const batch = await db.query('concerns', { where: { authorId: left.memberId }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 50, after });
    // Each concern is its own compare-and-set: the page's hand-overs go at once.
    await Promise.all(batch.items.filter((c) => c.householdId === left.householdId && UNFINISHED.includes(c.status)).map((c) => handOver(ctx, c, left)));
    if (!batch.next) break;
    after = batch.next;
  }
}

async function handOver(ctx: HandlerContext<unknown>, first: ConcernRecord, left: HouseholdLeft): Promise<void> {
  let c: ConcernRecord | null = first;
  for (let attempt = 0; attempt < 3 && c && c.authorId === left.memberId; attempt += 1) {
    try {
      await commit(
        ctx.db(),
        ctx.caller,
        c,
        { authorId: null, followerIds: [...new Set([...c.followerIds, left.memberId])] },
        { type: 'concern.handedToHousehold', public: true, note: left.by === 'self' ? '提交人已搬离，由本户继续跟进' : '提交人已不在本户居住，由本户继续跟进' },
        ctx.now,
      );
      return;
    } catch (err) {
      // Someone acted on it meanwhile: read it again and hand over what is there now.
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      c = await ctx.db().get('concerns', first._id);
    }
  }
}
