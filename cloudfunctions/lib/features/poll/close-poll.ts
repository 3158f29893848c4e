/**
 * The ends of a poll: it closes by itself at its time (the sweep, or the first call after
 * it), an admin may close it early with a reason, and one not yet open may be withdrawn.
 * At close the participation is recounted from the ballots, so the figure shown afterwards
 * is exact even if a crash lost a running count.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import type { Caller } from '../../kernel/caller';
import { checkWritten } from '../../kernel/content';
import type { Deps } from '../../kernel/deps';
import { forEachDue } from '../../kernel/due';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { hasRole } from '../../kernel/caller';
import { loadPoll } from './my-ballot';
import { mayManage } from './permissions';
import { toPollView } from './presenters';
import type { PollRecord } from './records';
import { openIfDue } from './roll-freeze';
import { budgetLeft, dropTally, readTally, writeTally } from '../../kernel/sweep-budget';
import { lastEventOf, settleLastEvent } from '../../kernel/versioned';

/**
 * The ballots of a poll past its end, counted a page at a time over as many runs as it
 * takes (a poll of thousands of households is tens of pages): null while the count is not
 * finished, the number once it is. Counted by time, so a ballot landing late still comes
 * after where the count stopped.
 */
async function countBallots(db: ScopedStore, poll: PollRecord): Promise<number | null> {
  const key = `pollBallots:${poll._id}`;
  const tally = await readTally(db.store, key);
  for (let pages = 0; ; pages += 1) {
    // A page and the saved place must both fit; else keep what was counted for the next run
    // (at least a page a run, so a small budget still moves the count on).
    if (pages > 0 && budgetLeft(db.store) < 3) {
      await writeTally(db.store, key, db.communityId, tally);
      return null;
    }
    const page = await db.query('ballots', { where: { pollId: poll._id }, orderBy: { field: 'at', dir: 'asc' }, limit: 100, after: tally.after });
    tally.n += page.items.length;
    if (!page.next) return tally.n;
    tally.after = page.next;
  }
}

export async function closeNow(db: ScopedStore, poll: PollRecord, by: Caller | 'system', reason: string | null, now: number, counted?: number): Promise<PollRecord> {
  const ballots = poll.hands ? poll.hands.present : counted ?? (await everyPage(db, 'ballots', { pollId: poll._id }, 'at')).length;
  const patch = { status: 'closed' as const, wakeAt: null, closedAt: now, closedBy: by === 'system' ? null : by.memberId, closeReason: reason, participation: ballots, version: poll.version + 1 };
  // Beside it, the opening's event if a resident's call opened the poll and no sweep came by since.
  const [moved] = await Promise.all([db.update('polls', poll._id, patch, { status: 'open', version: poll.version }), settleLastEvent(db, poll)]);
  if (!moved) throw new AppError('CONFLICT', '投票状态刚刚变化，请刷新');
  await appendEvent(db, by, { key: 'closed', subject: `poll:${poll._id}`, type: 'poll.closed', from: 'open', to: 'closed', public: true, note: reason, at: now });
  return { ...poll, ...patch };
}

export const closePoll: Handler<'poll.close'> = async (ctx) => {
  const db = ctx.db();
  const poll = await loadPoll(ctx, ctx.input.pollId);
  if (!hasRole(ctx.caller, 'admin') || !mayManage(ctx.caller, poll)) throw new AppError('FORBIDDEN', '只有社区管理员可以结束投票');
  if (poll.meeting) throw new AppError('FORBIDDEN', '会议表决请在会议中结束（结束时再核法定人数）');
  if (poll.status !== 'open') throw new AppError('CLOSED', poll.status === 'scheduled' ? '投票尚未开始，可以撤销' : '投票已经结束');
  const early = ctx.now < poll.closesAt;
  if (early && ctx.input.reason.length < 2) throw fieldError('VALIDATION_ERROR', 'reason', '提前结束须填写原因');
  await checkWritten(ctx, { reason: ctx.input.reason });
  const closed = await closeNow(db, poll, ctx.caller, early ? `提前结束：${ctx.input.reason}` : null, ctx.now);
  return toPollView(ctx.caller, closed, ctx.now, false, null);
};

export const cancelPoll: Handler<'poll.cancel'> = async (ctx) => {
  const db = ctx.db();
  const poll = await db.require('polls', ctx.input.pollId, '投票不存在', 'pollId');
  if (!mayManage(ctx.caller, poll) || !(hasRole(ctx.caller, 'admin') || poll.createdBy === ctx.caller.memberId)) throw new AppError('FORBIDDEN', '只有发起人或社区管理员可以撤销');
  if (poll.status !== 'scheduled' || ctx.now >= poll.opensAt) throw new AppError('CLOSED', '投票已经开始，不能撤销；可以提前结束');
  await checkWritten(ctx, { reason: ctx.input.reason });
  const patch = { status: 'cancelled' as const, wakeAt: null, closeReason: ctx.input.reason, closedAt: ctx.now, closedBy: ctx.caller.memberId, version: poll.version + 1 };
  if (!(await db.update('polls', poll._id, patch, { status: 'scheduled', version: poll.version }))) throw new AppError('CONFLICT', '投票状态刚刚变化，请刷新');
  await appendEvent(db, ctx.caller, { key: 'cancelled', subject: `poll:${poll._id}`, type: 'poll.cancelled', from: 'scheduled', to: 'cancelled', public: true, note: ctx.input.reason, at: ctx.now });
  return toPollView(ctx.caller, { ...poll, ...patch }, ctx.now, false, null);
};

/**
 * The sweep: open polls whose time came (freezing their roll), close those past their end.
 * A poll's ballots are counted over several runs if the budget runs out (see countBallots);
 * it stays due meanwhile, and the run moves on to what it can still afford.
 */
export async function pollClock(deps: Deps, now: number, budget: { pages: number }) {
  let counting = 0;
  let closed = 0;
  const result = await forEachDue(deps.store, 'polls', now, budget.pages, async (poll, db) => {
    const current = await openIfDue(deps, db, poll, now);
    if (current.status === 'open' && now >= current.closesAt) {
      const counted = current.hands ? undefined : await countBallots(db, current);
      if (counted === null) {
        counting += 1;
        return false;
      }
      await closeNow(db, current, 'system', null, now, counted);
      if (counted !== undefined) await dropTally(db.store, `pollBallots:${current._id}`);
      closed += 1;
      return true;
    }
    if (current === poll && current.status === 'open' && lastEventOf(current) && current.wakeAt !== current.closesAt) {
      // Opened by a resident's call (openIfDue's 'sweep'): its event into `events`, then the wake back to the close.
      await settleLastEvent(db, current);
      return db.update('polls', current._id, { wakeAt: current.closesAt }, { status: 'open', version: current.version });
    }
    return current !== poll;
  });
  return { ...result, closed, counting };
}
