/**
 * The result, sealed by stage. While a poll is open nobody — admins included — gets any
 * count but the number of ballots, labelled as participation. After close the staff who
 * manage it see the tally, once every paper entry has been confirmed; residents see only
 * what was published, and the published record never changes.
 */
import type { PollResultView } from '../../../../miniprogram/core/poll/contract';
import { areaText, HEAD_COUNT_LABELS } from '../../../../miniprogram/core/poll/rules';
import { CHANNEL_LABELS, type PollChannel } from '../../../../miniprogram/core/poll/vocabulary';
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, HandlerContext } from '../../kernel/action';
import type { IdentifiedCaller } from '../../kernel/caller';
import { loadPoll, mayView } from './my-ballot';
import { mayManage } from './permissions';
import { participationText } from './presenters';
import type { PollRecord, PublishedResult } from './records';
import { pendingPaper, tally, type Tally } from './tally';
import { choiceLabels } from './seal';

type Ctx = HandlerContext<unknown, IdentifiedCaller>;

function resultOf(poll: PollRecord, t: Omit<PublishedResult, 'publishedAt' | 'publishedBy' | 'publishedByName'>, published: PublishedResult | null, staffOnly: Pick<NonNullable<PollResultView['result']>, 'openTexts' | 'voters'>): NonNullable<PollResultView['result']> {
  const owner = poll.unit === 'ownerUnit';
  return {
    rollSize: poll.roll?.size ?? 0,
    rollHash: (poll.roll?.hash ?? '').slice(0, 16),
    ballots: t.ballots,
    abstain: t.abstain,
    valid: t.decision.valid,
    ruleName: poll.rule.name,
    headCountText: poll.rule.headCount ? HEAD_COUNT_LABELS[poll.rule.headCount] : null,
    participationLines: t.decision.participation.map((l) => ({ text: l.text, passed: l.passed })),
    options: t.decision.options.map((o) => ({ id: o.optionId, label: o.label, units: o.units, areaText: owner ? areaText(o.area) : null, adopted: o.adopted, lines: o.tests.map((l) => ({ text: l.text, passed: l.passed })) })),
    explanation: t.decision.explanation,
    byChannel: (Object.entries(t.byChannel) as [PollChannel, number][]).map(([c, n]) => ({ channelLabel: CHANNEL_LABELS[c], ballots: n })),
    ...staffOnly,
    closedAt: poll.closedAt ?? poll.closesAt,
    publishedAt: published?.publishedAt ?? null,
    publishedByName: published?.publishedByName ?? null,
  };
}

function staffParts(poll: PollRecord, t: Tally): Pick<NonNullable<PollResultView['result']>, 'openTexts' | 'voters'> {
  return {
    openTexts: poll.openTextLabel ? t.opened.flatMap((o) => (o.choice.openText ? [o.choice.openText] : [])).sort() : null,
    voters: poll.secret ? null : t.opened.map((o) => ({ unitLabel: o.ballot.unitLabel, name: o.ballot.voterName ?? CHANNEL_LABELS[o.ballot.channel], choiceLabels: choiceLabels(poll.options, o.choice) })),
  };
}

/** `counted`: the tally this call already took of the poll's ballots (publishing), not read again. */
export async function resultView(ctx: Ctx, poll: PollRecord, counted?: Tally): Promise<PollResultView> {
  const db = ctx.db();
  const base = { pollId: poll._id, participation: poll.participation, participationText: participationText(poll), result: null };
  if (poll.status === 'cancelled') return { ...base, stage: 'cancelled', stageText: '投票已撤销' };
  if (poll.status === 'scheduled') return { ...base, stage: 'notOpen', stageText: '投票尚未开始' };
  if (poll.status === 'open') return { ...base, stage: 'sealed', stageText: '投票进行中，结果在投票结束并公布后才能查看' };
  const staff = mayManage(ctx.caller, poll);
  if (poll.status === 'published' && poll.published) {
    const p = poll.published;
    const extra = staff ? staffParts(poll, counted ?? (await tally(ctx.deps, db, poll))) : { openTexts: null, voters: null };
    return { ...base, stage: 'published', stageText: '结果已公布', result: resultOf(poll, p, p, extra) };
  }
  if (!staff) return { ...base, stage: 'awaitingPublish', stageText: '投票已结束，计票结果公布后可以查看' };
  // Both read the ballots and neither depends on the other: side by side (one round-trip);
  // the tally is dropped unseen while paper waits for its second keying.
  const [pending, t] = await Promise.all([pendingPaper(db, poll), tally(ctx.deps, db, poll)]);
  if (pending.items.length) return { ...base, stage: 'counting', stageText: `计票中：还有${pending.items.length}${pending.next ? '张以上' : '张'}纸质选票待复核，复核完毕才能计票` };
  return { ...base, stage: 'ready', stageText: '计票完成，待另一位管理员公布', result: resultOf(poll, t, null, staffParts(poll, t)) };
}

export const pollResults: Handler<'poll.results'> = async (ctx) => {
  const poll = await loadPoll(ctx, ctx.input.pollId);
  if (!(await mayView(ctx.db(), ctx.caller, poll))) throw new AppError('NOT_FOUND', '投票不存在');
  return resultView(ctx, poll);
};
