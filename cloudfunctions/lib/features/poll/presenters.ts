import type { MyBallotView, PaperBallotView, PollView } from '../../../../miniprogram/core/poll/contract';
import { areaText, HEAD_COUNT_LABELS } from '../../../../miniprogram/core/poll/rules';
import { CHANNEL_LABELS, PARTICIPATION_CAVEAT, POLL_STATUS_LABELS, SECRET_LABELS, UNIT_LABELS } from '../../../../miniprogram/core/poll/vocabulary';
import type { IdentifiedCaller } from '../../kernel/caller';
import { pollActions } from './permissions';
import type { BallotRecord, PollRecord } from './records';

const UNIT_WORD = { person: '人', household: '户', ownerUnit: '户业主' } as const;

export function participationText(poll: Pick<PollRecord, 'unit' | 'participation' | 'status'>): string {
  if (poll.status === 'scheduled') return '尚未开始';
  return `已投票${poll.participation}${UNIT_WORD[poll.unit]}（${PARTICIPATION_CAVEAT}）`;
}

export function ruleText(poll: PollRecord): string {
  const head = poll.rule.headCount ? `；${HEAD_COUNT_LABELS[poll.rule.headCount]}` : '';
  return `${poll.rule.name}${head}`;
}

export function toPollView(caller: IdentifiedCaller, poll: PollRecord, now: number, eligible: boolean, myBallot: MyBallotView | null): PollView {
  return {
    id: poll._id,
    title: poll.title,
    description: poll.description,
    status: poll.status,
    statusLabel: POLL_STATUS_LABELS[poll.status],
    unit: poll.unit,
    unitLabel: UNIT_LABELS[poll.unit],
    secret: poll.secret,
    ballotLabel: poll.secret ? SECRET_LABELS.secret : SECRET_LABELS.open,
    multiple: poll.maxPicks > 1,
    minPicks: poll.minPicks,
    maxPicks: poll.maxPicks,
    options: poll.options.map((o) => ({ id: o.id, label: o.label })),
    openTextLabel: poll.openTextLabel,
    channels: poll.channels,
    eligibility: { scope: poll.eligibility.scope, ids: poll.eligibility.ids, text: poll.eligibility.text },
    rule: poll.rule,
    ruleText: ruleText(poll),
    opensAt: poll.opensAt,
    closesAt: poll.closesAt,
    participation: poll.participation,
    participationText: participationText(poll),
    rollSize: poll.roll?.size ?? null,
    eligible,
    myBallot,
    createdByName: poll.createdByName,
    allowedActions: pollActions(caller, poll, now, eligible),
  };
}

export function toPaperView(b: BallotRecord, memberId: string): PaperBallotView {
  return {
    ballotId: b._id,
    unitLabel: b.unitLabel,
    channelLabel: CHANNEL_LABELS[b.channel],
    pending: b.status === 'pendingConfirm',
    enteredByName: b.enteredByName ?? '工作人员',
    enteredByMe: b.enteredBy === memberId,
  };
}

export function unitAreaText(poll: PollRecord, centi: number): string | null {
  return poll.unit === 'ownerUnit' ? areaText(centi) : null;
}
