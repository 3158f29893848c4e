/**
 * A poll and ballots as the server sends them to a resident, for the poll pages' tests.
 * Typed against the contract, so a fixture cannot drift from what poll.get answers.
 */
import type { MyBallotView, PollResultView, PollView } from '../../../../miniprogram/core/poll/contract';
import { freezeRule } from '../../../../miniprogram/core/poll/rules';

const H = 3600_000;
/** A Beijing wall-clock moment as a UTC instant. */
export const bj = (y: number, m: number, d: number, h = 0, min = 0): number => Date.UTC(y, m - 1, d, h, min) - 8 * H;
export const NOW = bj(2026, 12, 8, 10, 0);

export function ballot(extra: Partial<MyBallotView> = {}): MyBallotView {
  return {
    pollId: 'poll_1',
    voted: false,
    byMe: false,
    byName: null,
    channel: null,
    channelLabel: null,
    at: null,
    counted: false,
    receipt: null,
    choiceLabels: null,
    units: [],
    cannotVote: null,
    ...extra,
  };
}

export function poll(extra: Partial<PollView> = {}): PollView {
  const rule = freezeRule('URC-2018', {});
  return {
    id: 'poll_1',
    title: '是否在3号楼北侧加装电动车充电桩',
    description: '物业提出在3号楼北侧空地加装12个充电桩，费用由使用者按度数支付。',
    status: 'open',
    statusLabel: '投票中',
    unit: 'household',
    unitLabel: '一户一票',
    secret: true,
    ballotLabel: '不记名投票',
    multiple: false,
    minPicks: 1,
    maxPicks: 1,
    options: [
      { id: 'opt_yes', label: '同意' },
      { id: 'opt_no', label: '不同意' },
    ],
    openTextLabel: null,
    channels: ['app', 'paper'],
    eligibility: { scope: 'community', ids: [], text: '全社区' },
    rule,
    ruleText: '过半数的户参加，参加户过半数同意即通过',
    opensAt: bj(2026, 12, 1, 9, 0),
    closesAt: bj(2026, 12, 10, 18, 0),
    participation: 42,
    participationText: '已投票42户（投票人次，非结果）',
    rollSize: 301,
    eligible: true,
    myBallot: ballot(),
    createdByName: '王书记',
    allowedActions: ['poll.get', 'poll.vote', 'poll.results'],
    ...extra,
  };
}

export function sealedResult(extra: Partial<PollResultView> = {}): PollResultView {
  return { pollId: 'poll_1', stage: 'sealed', stageText: '投票进行中', participation: 42, participationText: '已投票42户（投票人次，非结果）', result: null, ...extra };
}

export function publishedResult(): PollResultView {
  return {
    pollId: 'poll_1',
    stage: 'published',
    stageText: '结果已公布',
    participation: 203,
    participationText: '已投票203户（投票人次，非结果）',
    result: {
      rollSize: 301,
      rollHash: '1a2b3c4d5e6f7a8b',
      ballots: 203,
      abstain: 13,
      valid: true,
      ruleName: '居民会议（《城市居民委员会组织法》第九、十条）：过半数参加，参加者过半数同意',
      headCountText: null,
      participationLines: [{ text: '参与203户（需>150.5户）', passed: true }],
      options: [
        { id: 'opt_yes', label: '同意', units: 120, areaText: null, adopted: true, lines: [{ text: '同意120户（需>101.5户）', passed: true }] },
        { id: 'opt_no', label: '不同意', units: 70, areaText: null, adopted: false, lines: [{ text: '不同意70户（需>101.5户）', passed: false }] },
      ],
      explanation: '301户；参与203户（需>150.5户）；同意120户（需>101.5户） → 通过；不同意70户（需>101.5户） → 未通过（居民会议（《城市居民委员会组织法》第九、十条）：过半数参加，参加者过半数同意）',
      byChannel: [
        { channelLabel: '小程序投票', ballots: 160 },
        { channelLabel: '纸质选票', ballots: 43 },
      ],
      openTexts: null,
      voters: null,
      closedAt: bj(2026, 12, 10, 18, 0),
      publishedAt: bj(2026, 12, 11, 9, 30),
      publishedByName: '赵主任',
    },
  };
}
