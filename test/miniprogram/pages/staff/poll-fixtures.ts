/**
 * Polls as the server sends them to staff, for the staff poll pages' tests. Typed against
 * the contract, so a fixture cannot drift from what poll.get / poll.results answer.
 */
import type { ActionName } from '../../../../miniprogram/core/action-names';
import type { PollResultView, PollView } from '../../../../miniprogram/core/poll/contract';
import { freezeRule } from '../../../../miniprogram/core/poll/rules';

export const H = 3600_000;
/** A Beijing wall-clock moment as a UTC instant. */
export const bj = (y: number, m: number, d: number, h = 0, min = 0): number => Date.UTC(y, m - 1, d, h, min) - 8 * H;
export const NOW = bj(2026, 5, 6, 10);

export function pollView(over: Partial<PollView> = {}): PollView {
  return {
    id: 'poll-1',
    title: '3号楼加装电梯意见征集',
    description: '电梯费用按楼层分摊，详见公告栏。',
    status: 'open',
    statusLabel: '投票中',
    unit: 'household',
    unitLabel: '一户一票',
    secret: true,
    ballotLabel: '不记名投票',
    multiple: false,
    minPicks: 1,
    maxPicks: 1,
    options: [{ id: 'opt-yes', label: '同意' }, { id: 'opt-no', label: '不同意' }],
    openTextLabel: null,
    channels: ['app', 'paper'],
    eligibility: { scope: 'buildings', ids: ['b3'], text: '3号楼' },
    rule: freezeRule('URC-2018', {}),
    ruleText: '居民会议：过半数参加，参加者过半数同意',
    opensAt: bj(2026, 5, 1, 8),
    closesAt: bj(2026, 5, 10, 20),
    participation: 42,
    participationText: '已投票42户（投票人次，非结果）',
    rollSize: 96,
    eligible: false,
    myBallot: null,
    createdByName: '李秀英',
    allowedActions: ['poll.get', 'poll.roll', 'poll.enterPaperBallot', 'poll.pendingPaper', 'poll.close', 'poll.results'] as ActionName[],
    ...over,
  };
}

export function sealed(over: Partial<PollResultView> = {}): PollResultView {
  return { pollId: 'poll-1', stage: 'sealed', stageText: '投票进行中，结束后才能计票', participation: 42, participationText: '已投票42户（投票人次，非结果）', result: null, ...over };
}

export function counted(over: Partial<NonNullable<PollResultView['result']>> = {}, view: Partial<PollResultView> = {}): PollResultView {
  return {
    pollId: 'poll-1',
    stage: 'awaitingPublish',
    stageText: '结果待公布',
    participation: 60,
    participationText: '已投票60户（投票人次，非结果）',
    result: {
      rollSize: 96,
      rollHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      ballots: 60,
      abstain: 4,
      valid: true,
      ruleName: '《城市居民委员会组织法》第九条、第十条（居民会议）',
      headCountText: null,
      participationLines: [{ text: '参与60户（需>48户）', passed: true }],
      options: [
        { id: 'opt-yes', label: '同意', units: 41, areaText: null, adopted: true, lines: [{ text: '同意41户（需>30户）', passed: true }] },
        { id: 'opt-no', label: '不同意', units: 15, areaText: null, adopted: false, lines: [{ text: '不同意15户（需>30户）', passed: false }] },
      ],
      explanation: '96户；参与60户（需>48户）；同意41户（需>30户） → 通过；不同意15户（需>30户） → 未通过（居民会议）',
      byChannel: [{ channelLabel: '小程序投票', ballots: 48 }, { channelLabel: '纸质选票', ballots: 12 }],
      openTexts: ['希望尽快开工'],
      voters: null,
      closedAt: bj(2026, 5, 10, 20),
      publishedAt: null,
      publishedByName: null,
      ...over,
    },
    ...view,
  };
}
