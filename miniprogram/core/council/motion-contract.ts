/**
 * 议题: a motion a resident (or the committee, or a speak-up concern, or a 未诉先办 case)
 * puts forward, supported one per household or per adult as the community sets; past its
 * threshold it must be put on a meeting's agenda or answered with reasons by a deadline.
 */
import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import { z, id, text, paging } from '../schema';
import type { MotionAnswer, MotionSource, MotionStatus } from './vocabulary';

/** How support is counted and where the threshold lies; a community's setting, frozen on each motion. */
export interface MotionSettingsView {
  /** One support per household (一户一票) or per adult resident. */
  supportUnit: 'household' | 'person';
  /** A share of the census (default 1/5, 《城市居民委员会组织法》第九条 for a 居民会议 request) or a fixed count. */
  threshold: { kind: 'share'; num: number; den: number } | { kind: 'count'; count: number };
  /** 「本社区五分之一以上户附议」 */
  thresholdText: string;
  supportDays: number;
  answerDays: number;
  allowedActions: ActionName[];
}

/** Where a motion came from, kept both ways. */
export interface MotionLinkView {
  concern: { concernId: string; title: string; trackingNo: string } | null;
  meeting: { meetingId: string; title: string; startsAt: number; itemStatusLabel: string | null } | null;
  resolution: { resolutionId: string; title: string; percent: number; statusLabel: string } | null;
}

export interface MotionView {
  id: string;
  title: string;
  body: string;
  source: MotionSource;
  sourceLabel: string;
  /** Movers are named in public (the form says so); staff motions: 「社区居委会」. */
  moverName: string;
  /** Who may support: 「全社区」「3号楼」. */
  scopeText: string;
  status: MotionStatus;
  statusLabel: string;
  supportUnit: 'household' | 'person';
  supports: number;
  threshold: number;
  /** 「已有38户附议，需50户」 */
  supportText: string;
  supportClosesAt: number;
  thresholdMetAt: number | null;
  /** Staff must schedule or answer by then, once the threshold is met. */
  answerDueAt: number | null;
  overdue: boolean;
  answer: { kind: MotionAnswer; label: string; reason: string; at: number; byName: string } | null;
  /** The caller (or their household, under 一户一票) supports it. */
  supportedByMe: boolean;
  supportedByName: string | null;
  links: MotionLinkView;
  createdAt: number;
  allowedActions: ActionName[];
}

const motionId = id('议题');

export const proposeMotion = contract<MotionView>()({
  name: 'motion.propose',
  summary: '提出议题（居民提议须经附议达标才上会）',
  input: z.strictObject({
    title: text('议题标题', 4, 60),
    body: text('议题内容', 10, 2000),
    /** Who may support it; residents' motions default to the whole community. */
    buildingIds: z.array(id('楼栋')).max(50).default([]),
    /** Staff: a speak-up concern this motion grows from (the author keeps following it). */
    fromConcernId: id('诉求').optional(),
  }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '居民：本社区；由诉求转议题：该诉求的提出人或处理该诉求的工作人员',
  idempotent: true,
});

export const supportMotion = contract<MotionView>()({
  name: 'motion.support',
  summary: '附议（每户或每位成年居民一次，按社区设置）',
  input: z.strictObject({ motionId }),
  roles: ['resident', 'volunteer'],
  scope: '议题范围内已认证的居民；一户一次（或一人一次），提议人本户也可附议',
});

export const listMotions = contract<Page<MotionView>>()({
  name: 'motion.list',
  summary: '议题列表',
  input: z.strictObject({
    when: z.enum(['open', 'closed', 'mine'], { error: '请选择列表' }).default('open'),
    ...paging,
  }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本社区；居民只见本人范围内的议题',
});

export const getMotion = contract<MotionView>()({
  name: 'motion.get',
  summary: '查看议题',
  input: z.strictObject({ motionId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '同 motion.list',
});

export const answerMotion = contract<MotionView>()({
  name: 'motion.answer',
  summary: '答复议题（不上会时须说明理由）',
  input: z.strictObject({
    motionId,
    kind: z.enum(['declined', 'referred', 'handled'], { error: '请选择答复方式' }),
    reason: text('答复理由', 10, 1000),
  }),
  roles: ['admin'],
  scope: '本社区；征集中或已达标、尚未列入议程的议题',
});

export const motionSettings = contract<MotionSettingsView>()({
  name: 'motion.settings',
  summary: '议题附议规则',
  input: z.strictObject({}),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本社区',
});

export const configureMotions = contract<MotionSettingsView>()({
  name: 'motion.configure',
  summary: '设置附议规则（只对之后提出的议题生效）',
  input: z.strictObject({
    supportUnit: z.enum(['household', 'person'], { error: '请选择按户还是按人附议' }),
    threshold: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('share'), num: z.number().int().min(1).max(99), den: z.number().int().min(2).max(100) }).refine((t) => t.num < t.den, { error: '比例须小于1', path: ['num'] }),
      z.strictObject({ kind: z.literal('count'), count: z.number({ error: '请填写附议数' }).int().min(2, { error: '附议数至少为2' }).max(100_000) }),
    ], { error: '请选择附议门槛' }),
    supportDays: z.number().int().min(3, { error: '附议期至少3天' }).max(180, { error: '附议期最多180天' }),
    answerDays: z.number().int().min(1, { error: '答复期限至少1天' }).max(60, { error: '答复期限最多60天' }),
  }),
  roles: ['admin'],
  scope: '本社区',
});
