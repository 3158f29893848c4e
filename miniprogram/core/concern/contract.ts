import { contract, type Page } from '../action';
import { z, id, text, paging } from '../schema';

/**
 * The life of a concern (诉求). Later states are handled by the lifecycle use cases; the
 * labels live here so every page and every export says the same words.
 */
export const CONCERN_STATUSES = [
  'dispatched', // 已分派，待网格员签收
  'accepted', // 已签收，办理中
  'waitingResident', // 等待居民补充
  'coordinating', // 协调外部门中
  'resolved', // 已办结，待评价
  'supervised', // 督办中（评价未解决后重开）
  'closed', // 已归档
  'withdrawn', // 居民已撤回
] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

export const CONCERN_STATUS_LABELS: Record<ConcernStatus, string> = {
  dispatched: '待签收',
  accepted: '办理中',
  waitingResident: '待补充',
  coordinating: '协调中',
  resolved: '待评价',
  supervised: '督办中',
  closed: '已办结',
  withdrawn: '已撤回',
};

export const CONCERN_TEXT_MIN = 5;
export const CONCERN_TEXT_MAX = 1000;

export interface CategoryView {
  id: string;
  name: string;
  /** Promised time to first contact and to resolution, shown to the resident at submit. */
  contactHours: number;
  resolveDays: number;
}

export interface ConcernEventView {
  type: string;
  label: string;
  at: number;
  actorName?: string;
  note?: string;
}

export interface ConcernSummary {
  id: string;
  number: string;
  categoryName: string;
  excerpt: string;
  status: ConcernStatus;
  statusLabel: string;
  buildingName: string;
  createdAt: number;
}

export interface ConcernView extends ConcernSummary {
  category: string;
  text: string;
  buildingId: string;
  gridId: string;
  hideName: boolean;
  /** Shown to staff always; to other residents never. */
  authorName?: string;
  assignee?: { memberId: string; name: string };
  timeline: ConcernEventView[];
  allowedActions: string[];
}

export const listCategories = contract<Page<CategoryView>>()({
  name: 'concern.categories',
  summary: '列出说事分类及办理时限',
  input: z.strictObject({ ...paging }),
  roles: ['resident', 'gridWorker', 'admin'],
  scope: '本人所在社区',
});

export const submitConcernInput = z.strictObject({
  category: id('分类'),
  text: text('诉求内容', CONCERN_TEXT_MIN, CONCERN_TEXT_MAX),
  buildingId: id('楼栋'),
  hideName: z.boolean().default(false),
});

export const submitConcern = contract<ConcernView>()({
  name: 'concern.submit',
  summary: '向社区说事：提交诉求，自动分派给所在网格的网格员',
  input: submitConcernInput,
  roles: ['resident'],
  scope: '已绑定住户的居民；楼栋须属于本社区',
  idempotent: true,
});

export const listMyConcerns = contract<Page<ConcernSummary>>()({
  name: 'concern.listMine',
  summary: '查看我提交的诉求',
  input: z.strictObject({ ...paging }),
  roles: ['resident'],
  scope: '仅本人提交的诉求',
});

export const getConcern = contract<ConcernView>()({
  name: 'concern.get',
  summary: '查看诉求详情和办理进度',
  input: z.strictObject({ concernId: id('诉求编号') }),
  roles: ['resident', 'gridWorker', 'admin'],
  scope: '居民：本人的诉求；网格员：分派给本人或本人网格的诉求；管理员：本社区',
});

export const concernQueue = contract<Page<ConcernSummary & { overdue: boolean; gridId: string }>>()({
  name: 'concern.queue',
  summary: '工作台：待办诉求列表',
  input: z.strictObject({
    status: z.enum(CONCERN_STATUSES).optional(),
    ...paging,
  }),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：分派给本人的诉求；管理员：本社区全部',
});
