import { AppError } from '../../../../miniprogram/core/errors';
import { UNIT_LABELS } from '../../../../miniprogram/core/poll/vocabulary';
import type { Handler, HandlerContext, PrefetchOf } from '../../kernel/action';
import { fromAnchor } from '../../ports/store';
import { eventRecord } from '../../kernel/audit';
import { settleLastEvent, withoutLastEvent } from '../../kernel/versioned';
import type { PollRecord } from './records';
import { loadPoll } from './my-ballot';
import { mayManage } from './permissions';
import type { PublishedResult } from './records';
import { resultView } from './results';
import { pendingPaper, tally } from './tally';

/** The result as the public record reads it: who could vote, how many did, each option, the decision. */
export function resultLines(poll: PollRecord, p: PublishedResult): string[] {
  const d = p.decision;
  return [
    `投票事项：${poll.title}`,
    `参与范围：${poll.eligibility.text}（${UNIT_LABELS[poll.unit]}），名册共${poll.roll?.size ?? 0}${poll.unit === 'person' ? '人' : '户'}`,
    `收回选票${p.ballots}张，其中弃权${p.abstain}张`,
    ...d.participation.map((l) => `${l.text}${l.passed ? '' : '，未达到'}`),
    ...d.options.map((o) => `「${o.label}」：${o.units}票${o.adopted ? '，通过' : ''}${o.tests.length ? `（${o.tests.map((t) => t.text).join('；')}）` : ''}`),
    `结果：${d.explanation}`,
    `公布人：${p.publishedByName}`,
  ];
}

/**
 * 居务公开 carries the published result (a vote inside a meeting goes up with its minutes).
 * Called again on a retry: the hook makes one item per poll.
 */
async function disclosePoll(ctx: HandlerContext<unknown>, poll: PollRecord): Promise<void> {
  if (!poll.published || poll.meeting) return;
  await ctx.features.disclosable(ctx, {
    kind: 'poll',
    refId: poll._id,
    title: `投票结果：${poll.title}`,
    body: resultLines(poll, poll.published).join('\n'),
    links: [{ kind: 'poll', refId: poll._id }],
    at: poll.published.publishedAt,
  });
}

/**
 * Read with the caller's record: the poll, the paper entries still to confirm and the first
 * page of the counted ballots, all named by the poll's id alone; a poll of more than a page
 * reads the rest after.
 */
export const prefetchPublish: PrefetchOf<'poll.publish'> = (input) => ({
  poll: { collection: 'polls', id: input.pollId },
  pending: { collection: 'ballots', where: { communityId: fromAnchor('communityId'), pollId: input.pollId, status: 'pendingConfirm' }, orderBy: { field: 'at', dir: 'asc' }, limit: 50 },
  counted: { collection: 'ballots', where: { communityId: fromAnchor('communityId'), pollId: input.pollId, status: 'counted' }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 },
});

/**
 * Publishing takes a second person: an admin other than the one who set the poll up. The
 * tally is taken once more and frozen into the poll with the roll's hash; it never changes.
 */
export const publishPoll: Handler<'poll.publish'> = async (ctx) => {
  const db = ctx.db();
  const poll = await loadPoll(ctx, ctx.input.pollId);
  if (!mayManage(ctx.caller, poll)) throw new AppError('FORBIDDEN', '只有社区管理员可以公布结果');
  if (poll.createdBy === ctx.caller.memberId) throw new AppError('FORBIDDEN', '须由发起人以外的另一位管理员公布结果');
  if (poll.status === 'published') {
    // A retry: the publishing call may have died before its event or its 居务公开 item.
    await Promise.all([settleLastEvent(db, poll), disclosePoll(ctx, poll)]);
    return resultView(ctx, poll);
  }
  if (poll.status !== 'closed') throw new AppError('CLOSED', '投票结束后才能公布结果');
  // Both read the ballots and neither depends on the other: side by side.
  const [pending, t] = await Promise.all([pendingPaper(db, poll), tally(ctx.deps, db, poll)]);
  if (pending.items.length) throw new AppError('CONFLICT', '还有纸质选票待复核，复核完毕才能公布');
  const published: PublishedResult = {
    ballots: t.ballots, abstain: t.abstain, areaCenti: t.areaCenti, support: t.support, byChannel: t.byChannel, decision: t.decision,
    publishedAt: ctx.now, publishedBy: ctx.caller.memberId, publishedByName: ctx.caller.name ?? '管理员',
  };
  const patch = { status: 'published' as const, published, version: poll.version + 1 };
  // The event rides on the poll's update (kernel/versioned.ts), so a crash before its insert
  // leaves it for the retry to settle; the insert then runs beside the 居务公开 item.
  const event = eventRecord(db, ctx.caller, { key: 'published', subject: `poll:${poll._id}`, type: 'poll.published', from: 'closed', to: 'published', public: true, note: t.decision.explanation, at: ctx.now });
  const [moved] = await Promise.all([db.update('polls', poll._id, { ...patch, lastEvent: event }, { status: 'closed', version: poll.version }), settleLastEvent(db, poll)]);
  if (!moved) {
    const again = await db.require('polls', poll._id);
    if (again.status === 'published') {
      await Promise.all([settleLastEvent(db, again), disclosePoll(ctx, again)]);
      return resultView(ctx, again);
    }
    throw new AppError('CONFLICT', '投票状态刚刚变化，请刷新');
  }
  const next = withoutLastEvent({ ...poll, ...patch });
  await Promise.all([db.insert('events', event), disclosePoll(ctx, next)]);
  // The tally just frozen into the poll: the staff's view shows it without counting again.
  return resultView(ctx, next, t);
};
