/**
 * 决议: each decision a meeting adopted, with an owner, a due date and progress until done;
 * for matters that need it, the stages of 四议两公开, each with its body's 应到/实到.
 * Followed from each end: the concern and the motion it came from show it.
 */
import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import { z, id, text, paging, photos } from '../schema';
import type { ProcedureStage, ResolutionStatus } from './vocabulary';

export interface ProcedureStageView {
  stage: ProcedureStage;
  label: string;
  done: boolean;
  date: number | null;
  bodyText: string | null;
  /** Meeting stages: 「应到60人，实到45人（75%）」 and whether quorum held. */
  due: number | null;
  present: number | null;
  ratioText: string | null;
  quorumText: string | null;
  outcome: string | null;
  recordedByName: string | null;
}

export interface ProgressEntryView {
  percent: number;
  text: string;
  photoIds: string[];
  at: number;
  byName: string;
}

export interface ResolutionView {
  id: string;
  title: string;
  text: string;
  meeting: { meetingId: string; title: string; bodyLabel: string; at: number };
  /** The vote's explanation line, as the minutes carry it. */
  explanation: string;
  motion: { motionId: string; title: string } | null;
  /** Concerns this came from; residents see only their own. */
  concerns: { concernId: string; title: string }[];
  ownerName: string;
  dueAt: number;
  overdue: boolean;
  status: ResolutionStatus;
  statusLabel: string;
  percent: number;
  progress: ProgressEntryView[];
  procedure: ProcedureStageView[] | null;
  doneAt: number | null;
  allowedActions: ActionName[];
}

const resolutionId = id('决议');

export const listResolutions = contract<Page<ResolutionView>>()({
  name: 'resolution.list',
  summary: '决议落实情况',
  input: z.strictObject({ when: z.enum(['open', 'done', 'mine'], { error: '请选择列表' }).default('open'), ...paging }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本社区；mine：我负责的（工作人员）或我提出的诉求、议题带来的（居民）',
});

export const getResolution = contract<ResolutionView>()({
  name: 'resolution.get',
  summary: '查看决议及落实进度',
  input: z.strictObject({ resolutionId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本社区',
});

export const recordProgress = contract<ResolutionView>()({
  name: 'resolution.progress',
  summary: '记录落实进度（百分比、说明、照片；100%即办结）',
  input: z.strictObject({
    resolutionId,
    percent: z.number({ error: '请填写进度' }).int().min(0, { error: '进度在0到100之间' }).max(100, { error: '进度在0到100之间' }),
    text: text('进度说明', 4, 1000),
    photoIds: photos(9),
  }),
  roles: ['gridWorker', 'admin'],
  scope: '决议负责人和本社区管理员；进度不能倒退',
});

export const reassignResolution = contract<ResolutionView>()({
  name: 'resolution.reassign',
  summary: '更换负责人或调整期限（须说明原因）',
  input: z.strictObject({ resolutionId, ownerId: id('负责人').optional(), dueAt: z.number().int().optional(), reason: text('原因', 2, 100) }),
  roles: ['admin'],
  scope: '本社区；办结前',
});

export const recordStage = contract<ResolutionView>()({
  name: 'resolution.recordStage',
  summary: '登记四议两公开的一个环节（会议环节须达法定人数）',
  input: z.strictObject({
    resolutionId,
    stage: z.enum(['propose', 'discuss', 'review', 'resolve', 'discloseResolution', 'discloseResult'], { error: '请选择环节' }),
    date: z.number({ error: '请选择日期' }).int(),
    bodyText: text('参加机构或会议', 2, 60),
    /** Meeting stages: 应到 and 实到 as the sign-in sheet shows them. */
    due: z.number().int().min(1).max(100_000).optional(),
    present: z.number().int().min(0).max(100_000).optional(),
    outcome: text('结果', 2, 500),
    attachments: photos(9),
  }),
  roles: ['admin'],
  scope: '本社区；按顺序登记；会议环节不足法定人数不能登记为完成',
});
