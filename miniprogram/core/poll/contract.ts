/**
 * 投票表决 actions. Sections: the rolls (户 from verified bindings; 业主 imported from the
 * community's spreadsheet and corrected in the app), polls (eligibility, ballot unit, the
 * rule they decide under), ballots by every channel (app, paper entered and confirmed by two
 * staff, per-person votes in a meeting, a show of hands), and the sealed result. Thresholds
 * and their arithmetic are in rules.ts; the words in vocabulary.ts.
 */
import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import { z, id, text, paging } from '../schema';
import { CIVIL_CODE_278_MATTERS, type BallotUnit, type FrozenRule, type HeadCount, type RuleId } from './rules';
import type { PollChannel, PollStatus, ResultStage } from './vocabulary';

// ---------------------------------------------------------------------------------------
// Rolls (名册)
// ---------------------------------------------------------------------------------------

/** One household on the roll: from the bindings staff verified. */
export interface HouseholdRollView {
  householdId: string;
  gridId: string | null;
  /** 「3号楼2单元301」 */
  address: string;
  members: { memberId: string; name: string; adult: boolean; representative: boolean }[];
  /** The designated 户代表; null until staff name one (the first bound member stands in). */
  representativeId: string | null;
  allowedActions: ActionName[];
}

/** One owner unit (专有部分) on the owner roll. */
export interface OwnerUnitView {
  unitId: string;
  buildingId: string;
  address: string;
  /** Registered exclusive area in hundredths of a m² (exact), and as shown: 「89.37㎡」. */
  areaCenti: number;
  areaText: string;
  /** Not sold or not delivered: counted with the developer's other such units as one owner. */
  unsold: boolean;
  /** Owners as on the register; `linked` when staff tied the name to a member who can vote in the app. */
  owners: { name: string; memberId: string | null; linked: boolean }[];
  householdId: string | null;
  updatedAt: number;
  allowedActions: ActionName[];
}

export type RollKind = 'household' | 'owner';

export const listRoll = contract<Page<HouseholdRollView | OwnerUnitView> & { total: number; totalAreaCenti: number | null }>()({
  name: 'roll.list',
  summary: '查看户名册或业主名册',
  input: z.strictObject({
    kind: z.enum(['household', 'owner'], { error: '请选择名册类型' }),
    buildingId: id('楼栋').optional(),
    ...paging,
  }),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人网格的楼栋；管理员：全社区',
});

/** A row the import could not take, named by its line in the sheet and its column. */
export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

export interface RollImportReport {
  /** Nothing was written: a preview, or refused for problems. */
  committed: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Units on the roll the sheet no longer lists: kept, reported for staff to decide. */
  missingFromSheet: number;
  linkedOwners: number;
  totalAreaText: string;
  problems: ImportProblem[];
  /** The first rows as read, so staff see the columns were understood. */
  preview: { address: string; areaText: string; owners: string; unsold: boolean }[];
}

/** The columns the owner sheet must have (the first row), in any order. */
export const OWNER_SHEET_COLUMNS = ['楼栋', '单元', '房号', '专有面积', '业主姓名', '状态'] as const;

export const importRoll = contract<RollImportReport>()({
  name: 'roll.import',
  summary: '从表格导入业主名册（先预览，无误后导入）',
  input: z.strictObject({
    /** The .xlsx the community keeps, base64; at most 2 MB. */
    fileBase64: z.string({ error: '请选择表格文件' }).min(8, { error: '请选择表格文件' }).max(2_800_000, { error: '表格文件不能超过2MB' }).regex(/^[A-Za-z0-9+/]+=*$/, { error: '表格文件格式不正确' }),
    commit: z.boolean().default(false),
    reason: text('导入说明', 0, 100).default(''),
  }),
  roles: ['admin'],
  scope: '本社区；有问题的行全部列出，一行有误则整表不导入',
});

const ownerName = text('业主姓名', 1, 20);
const areaInput = z.string({ error: '专有面积必须是数字' }).regex(/^\d{1,7}(\.\d{1,2})?$/, { error: '专有面积应为数字，最多两位小数' });

export const correctRoll = contract<HouseholdRollView | OwnerUnitView>()({
  name: 'roll.correct',
  summary: '更正名册（每次更正都记录原因）',
  input: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('owner'),
      unitId: id('房屋'),
      areaM2: areaInput.optional(),
      owners: z.array(z.strictObject({ name: ownerName, memberId: id('居民').nullable().default(null) })).min(1, { error: '至少填写一位业主' }).max(6, { error: '业主最多6位' }).optional(),
      unsold: z.boolean().optional(),
      reason: text('更正原因', 2, 100),
    }),
    z.strictObject({
      kind: z.literal('household'),
      householdId: id('住户'),
      representativeId: id('户代表').nullable().optional(),
      /** Members under 18: kept off the adults' roll of one-per-resident polls. */
      minorIds: z.array(id('居民')).max(20).optional(),
      reason: text('更正原因', 2, 100),
    }),
  ], { error: '请选择名册类型' }),
  roles: ['gridWorker', 'admin'],
  scope: '户名册：网格员本人网格、管理员全社区；业主名册：仅管理员',
});

// ---------------------------------------------------------------------------------------
// Polls
// ---------------------------------------------------------------------------------------

export interface PollOptionView {
  id: string;
  label: string;
}

/** Who may vote: the whole community or named grids, buildings or households; or those present at a meeting. */
export interface EligibilityView {
  scope: 'community' | 'grids' | 'buildings' | 'households' | 'meeting';
  ids: string[];
  /** 「全社区」「第一网格」「3号楼、5号楼」 */
  text: string;
}

/** A voter's own ballot (or their household's / unit's), as they may see it. */
export interface MyBallotView {
  pollId: string;
  /** Whether a ballot stands for the caller's unit. */
  voted: boolean;
  /** Cast by the caller, or by someone else of their household / unit. */
  byMe: boolean;
  /** For 一户一票: who among the household voted (their own household, never others'). */
  byName: string | null;
  channel: PollChannel | null;
  channelLabel: string | null;
  at: number | null;
  /** Counted; or a paper entry waiting for the second staff member. */
  counted: boolean;
  /** A short code to recognise one's ballot by; it says nothing of the choice. */
  receipt: string | null;
  /** Open ballots only, and only to the voter: what they chose. Never for a secret ballot. */
  choiceLabels: string[] | null;
  /** Units the caller may vote for (an owner of several units under per-unit counting). */
  units: { unitKey: string; label: string; voted: boolean }[];
  /** Why the caller cannot vote, in plain words, when they cannot. */
  cannotVote: string | null;
}

export interface PollView {
  id: string;
  title: string;
  description: string;
  status: PollStatus;
  statusLabel: string;
  unit: BallotUnit;
  /** 「一户一票」「每位成年居民一票」「按业主专有部分」 */
  unitLabel: string;
  secret: boolean;
  ballotLabel: string;
  multiple: boolean;
  minPicks: number;
  maxPicks: number;
  options: PollOptionView[];
  openTextLabel: string | null;
  channels: PollChannel[];
  eligibility: EligibilityView;
  rule: FrozenRule;
  ruleText: string;
  opensAt: number;
  closesAt: number;
  /** Ballots cast so far — participation, never a result: 「已投票42户（投票人次，非结果）」. */
  participation: number;
  participationText: string;
  /** Units on the roll, once frozen at open. */
  rollSize: number | null;
  /** The caller may vote in it (on its frozen roll, or its eligibility before it opens). */
  eligible: boolean;
  myBallot: MyBallotView | null;
  createdByName: string;
  allowedActions: ActionName[];
}

export const POLL_OPTION_LIMIT = 12;

const choiceInput = z.union([
  z.strictObject({ optionIds: z.array(id('选项')).min(1, { error: '请选择选项' }).max(POLL_OPTION_LIMIT) }),
  z.strictObject({ abstain: z.literal(true, { error: '请选择选项或弃权' }) }),
], { error: '请选择选项或弃权' });

const openText = text('补充意见', 0, 300);

/** The marks on a ballot, as both the app and the paper entry send them. */
export type PollVote = { choice: { optionIds: string[] } | { abstain: true } };

const fraction = z.strictObject({ num: z.number().int().min(0).max(99), den: z.number().int().min(1).max(100), cmp: z.enum(['>', '>=']) });

/** A community's own 议事规则: two exact fractions. Polls and meetings take the same. */
export const customRuleInput = z.strictObject({ name: text('规则名称', 2, 60), participation: fraction, approval: fraction });

export const createPoll = contract<PollView>()({
  name: 'poll.create',
  summary: '发起投票表决（开始后名册冻结，不能再改）',
  input: z
    .strictObject({
      title: text('标题', 4, 60),
      description: text('说明', 0, 2000).default(''),
      options: z.array(text('选项', 1, 40)).min(2, { error: '至少需要两个选项' }).max(POLL_OPTION_LIMIT, { error: `选项最多${POLL_OPTION_LIMIT}个` }),
      minPicks: z.number().int().min(1).max(POLL_OPTION_LIMIT).default(1),
      maxPicks: z.number().int().min(1).max(POLL_OPTION_LIMIT).default(1),
      openTextLabel: text('补充意见的提示', 0, 30).nullable().default(null),
      unit: z.enum(['person', 'household', 'ownerUnit'], { error: '请选择计票单位' }),
      eligibility: z.strictObject({
        scope: z.enum(['community', 'grids', 'buildings', 'households'], { error: '请选择投票范围' }),
        ids: z.array(id('范围')).max(200).default([]),
      }),
      secret: z.boolean({ error: '请选择记名或不记名' }),
      rule: z.strictObject({
        id: z.enum(['URC-2018', 'VillageOrg', 'CivilCode-278', 'Custom', 'none'], { error: '请选择表决规则' }),
        matter: z.number().int().min(1).max(CIVIL_CODE_278_MATTERS.length).optional(),
        headCount: z.enum(['perOwner', 'perUnit']).optional(),
        custom: customRuleInput.optional(),
      }),
      channels: z.array(z.enum(['app', 'paper', 'meeting', 'hands'])).min(1, { error: '请至少选择一种投票方式' }).max(4).default(['app']),
      opensAt: z.number({ error: '请选择开始时间' }).int(),
      closesAt: z.number({ error: '请选择截止时间' }).int(),
    })
    .refine((v) => v.closesAt > v.opensAt, { error: '截止时间须晚于开始时间', path: ['closesAt'] })
    .refine((v) => v.minPicks <= v.maxPicks && v.maxPicks <= v.options.length, { error: '可选数量须在选项个数以内，且最少不超过最多', path: ['maxPicks'] })
    .refine((v) => new Set(v.options).size === v.options.length, { error: '选项不能重复', path: ['options'] })
    .refine((v) => v.eligibility.scope === 'community' || v.eligibility.ids.length > 0, { error: '请选择投票范围', path: ['eligibility', 'ids'] })
    .refine((v) => v.rule.id !== 'Custom' || v.rule.custom !== undefined, { error: '请填写本社区规则的比例', path: ['rule', 'custom'] })
    .refine((v) => v.rule.id !== 'CivilCode-278' || v.rule.matter !== undefined, { error: '请选择表决事项（民法典第二百七十八条）', path: ['rule', 'matter'] })
    .refine((v) => !(v.channels.includes('hands') && v.channels.length > 1), { error: '举手表决不能与其他投票方式同时使用', path: ['channels'] })
    .refine((v) => !(v.channels.includes('hands') && (v.unit === 'ownerUnit' || v.secret)), { error: '业主表决和不记名投票不能举手表决', path: ['channels'] }),
  roles: ['gridWorker', 'admin'],
  scope: '管理员：全社区；网格员：只能在本人网格内发起',
  idempotent: true,
});

export const listPolls = contract<Page<PollView>>()({
  name: 'poll.list',
  summary: '投票列表：进行中的和已结束的',
  input: z.strictObject({ when: z.enum(['current', 'past']).default('current'), ...paging }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '居民：本人可参加的（按范围）；工作人员：本人发起或范围内的',
});

const pollId = id('投票');

export const getPoll = contract<PollView>()({
  name: 'poll.get',
  summary: '查看一个投票',
  input: z.strictObject({ pollId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '同 poll.list',
});

export const vote = contract<MyBallotView>()({
  name: 'poll.vote',
  summary: '投票（提交后不能修改）',
  input: z.strictObject({
    pollId,
    choice: choiceInput,
    openText: openText.optional(),
    /** Only when the caller may vote for several units (an owner of several under per-unit counting). */
    unitKey: id('房屋').optional(),
  }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '投票开始时冻结的名册上的本人、本户或本人名下的房屋；每个计票单位一票',
});

export const myBallot = contract<MyBallotView>()({
  name: 'poll.myBallot',
  summary: '我（我家）投过没有',
  input: z.strictObject({ pollId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人的、本户的或本人名下房屋的选票；不记名投票不显示所选内容',
});

/** A unit on a poll's frozen roll, for the staff entering paper ballots. */
export interface PollRollEntryView {
  unitKey: string;
  label: string;
  areaText: string | null;
  voted: boolean;
  channelLabel: string | null;
}

export const pollRoll = contract<Page<PollRollEntryView> & { total: number }>()({
  name: 'poll.roll',
  summary: '冻结名册（录入纸质选票时查找户）',
  input: z.strictObject({ pollId, search: text('房号', 0, 20).default(''), ...paging }),
  roles: ['gridWorker', 'admin'],
  scope: '投票范围内的工作人员；只显示是否已投，不显示选了什么',
});

export interface PaperBallotView {
  ballotId: string;
  unitLabel: string;
  channelLabel: string;
  /** Waiting for a second staff member to key it in again. */
  pending: boolean;
  enteredByName: string;
  /** Entered by the caller: someone else must key it in again. */
  enteredByMe: boolean;
}

export const enterPaperBallot = contract<PaperBallotView>()({
  name: 'poll.enterPaperBallot',
  summary: '录入纸质选票或会议现场逐人表决（纸质票须另一人复核）',
  input: z.strictObject({
    pollId,
    unitKey: id('房屋'),
    channel: z.enum(['paper', 'meeting']).default('paper'),
    choice: choiceInput,
    openText: openText.optional(),
  }),
  roles: ['gridWorker', 'admin'],
  scope: '投票范围内的工作人员；投票进行中；该户已投（任何方式）则拒绝',
});

export const confirmPaperBallot = contract<PaperBallotView>()({
  name: 'poll.confirmPaperBallot',
  summary: '复核纸质选票：另一位工作人员照票再录一遍，一致才计入',
  input: z.union([
    z.strictObject({ ballotId: id('选票'), choice: choiceInput }),
    z.strictObject({ ballotId: id('选票'), reject: text('退回原因', 2, 100) }),
  ], { error: '请照纸质选票选择，或填写退回原因' }),
  roles: ['gridWorker', 'admin'],
  scope: '录入人以外的工作人员',
});

export const pendingPaperBallots = contract<Page<PaperBallotView>>()({
  name: 'poll.pendingPaper',
  summary: '待复核的纸质选票',
  input: z.strictObject({ pollId, ...paging }),
  roles: ['gridWorker', 'admin'],
  scope: '投票范围内的工作人员；不显示首次录入的选择',
});

export const recordHands = contract<PollView>()({
  name: 'poll.recordHands',
  summary: '记录会议举手表决结果（到会人数和每项举手数）',
  input: z.strictObject({
    pollId,
    present: z.number({ error: '请填写到会人数' }).int().min(0).max(100_000),
    counts: z.record(id('选项'), z.number().int().min(0).max(100_000)),
    abstain: z.number().int().min(0).max(100_000).default(0),
  }),
  roles: ['admin'],
  scope: '举手表决的投票；只能记录一次',
});

export const closePoll = contract<PollView>()({
  name: 'poll.close',
  summary: '结束投票（到截止时间自动结束；提前结束须说明原因）',
  input: z.strictObject({ pollId, reason: text('提前结束原因', 0, 100).default('') }),
  roles: ['admin'],
  scope: '本社区',
});

export const cancelPoll = contract<PollView>()({
  name: 'poll.cancel',
  summary: '撤销尚未开始的投票',
  input: z.strictObject({ pollId, reason: text('撤销原因', 2, 100) }),
  roles: ['gridWorker', 'admin'],
  scope: '发起人或管理员；只能在开始前',
});

export interface ResultLine {
  text: string;
  passed: boolean;
}

export interface PollResultView {
  pollId: string;
  stage: ResultStage;
  /** 「计票中：还有3张纸质选票待复核」「结果待公布」… */
  stageText: string;
  participation: number;
  participationText: string;
  result: {
    rollSize: number;
    /** sha256 of the frozen roll, first 16 hex digits shown with the result. */
    rollHash: string;
    ballots: number;
    abstain: number;
    valid: boolean;
    ruleName: string;
    headCountText: string | null;
    participationLines: ResultLine[];
    options: { id: string; label: string; units: number; areaText: string | null; adopted: boolean; lines: ResultLine[] }[];
    explanation: string;
    /** Per channel, how many ballots came in. */
    byChannel: { channelLabel: string; ballots: number }[];
    /** Open-text answers, for staff, never with a voter. */
    openTexts: string[] | null;
    /** Open ballots only, staff only: who chose what. */
    voters: { unitLabel: string; name: string; choiceLabels: string[] }[] | null;
    closedAt: number;
    publishedAt: number | null;
    publishedByName: string | null;
  } | null;
}

export const pollResults = contract<PollResultView>()({
  name: 'poll.results',
  summary: '投票结果（进行中谁都看不到计票，结束后管理这次投票的工作人员可看，公布后居民可看）',
  input: z.strictObject({ pollId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '进行中只有投票人次；结束后管理这次投票的工作人员（全社区的投票为管理员，网格内的投票为该网格员）；公布后可参加该投票的居民',
});

export const publishPoll = contract<PollResultView>()({
  name: 'poll.publish',
  summary: '公布结果（须由发起人以外的另一位管理员公布）',
  input: z.strictObject({ pollId }),
  roles: ['admin'],
  scope: '本社区；发起人不能公布自己发起的投票；所有纸质选票复核完毕',
});

export type { BallotUnit, HeadCount, RuleId };
