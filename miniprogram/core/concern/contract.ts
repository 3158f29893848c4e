import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import { z, id, text, paging, photos } from '../schema';
import { FILING_CHANNELS, type FilingChannel } from '../channels';

/**
 * The life of a concern (诉求). Later states are handled by the lifecycle use cases; the
 * labels live here so every page and every export says the same words.
 */
export const CONCERN_STATUSES = [
  'dispatched', // 已分派，待网格员签收
  'accepted', // 已签收，办理中
  'waitingResident', // 等待居民补充（计时暂停）
  'coordinating', // 吹哨协调外部门中（计时暂停）
  'resolved', // 已办结，待居民评价
  'supervised', // 督办中（评价未解决或不满意后重开）
  'closed', // 已归档
  'withdrawn', // 居民已撤回
  'merged', // 已并入另一条相同诉求
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
  merged: '已合并',
};

/**
 * What residents read about their own concern: plain words for where it stands, not the
 * desk's procedure (待签收, 已分派, 督办). Staff pages keep CONCERN_STATUS_LABELS.
 */
export const RESIDENT_STATUS_LABELS: Record<ConcernStatus, string> = {
  dispatched: '已收到，等待工作人员联系',
  accepted: '正在办理',
  waitingResident: '等您补充',
  coordinating: '正在协调相关部门',
  resolved: '已办好，请评价',
  supervised: '正在重新办理',
  closed: '已结束',
  withdrawn: '已撤回',
  merged: '已合并办理',
};

/**
 * The resident's words for the public steps of a concern's timeline, by event type; a step
 * missing here keeps its audit label (which is already plain, e.g. 请您补充情况).
 */
export const RESIDENT_TIMELINE_LABELS: Readonly<Record<string, string>> = {
  'concern.submitted': '已收到',
  'concern.dispatched': '已交给网格员',
  'concern.accepted': '工作人员已开始办理',
  'concern.replied': '工作人员回复',
  'concern.supplemented': '居民补充了情况',
  'concern.transferred': '已转给其他工作人员',
  'concern.rerouted': '已转给其他工作人员',
  'concern.whistled': '正在协调相关部门',
  'concern.merged': '已与相同问题合并办理',
  'concern.resolved': '已办好',
  'concern.rated': '居民评价',
  'concern.reopened': '重新办理',
  'concern.withdrawn': '已撤回',
  'concern.escalated': '已请上级督促办理',
  'concern.autoClosed': '评价期已过，已结束',
};

/** Statuses in which the concern is still being worked on. */
export const OPEN_STATUSES: readonly ConcernStatus[] = ['dispatched', 'accepted', 'waitingResident', 'coordinating', 'supervised'];

export const CONCERN_TEXT_MIN = 5;
export const CONCERN_TEXT_MAX = 1000;
export const CONCERN_PHOTOS_MAX = 9;
/** Days after resolution in which the resident may rate or reopen; then it archives. */
export const RATING_WINDOW_DAYS = 7;
/** Groups smaller than this get rates but no rank: a few cases say little. */
export const RANKING_MIN_SAMPLE = 5;

export interface CategoryView {
  id: string;
  name: string;
  /** Promised time to first contact and to resolution, shown to the resident at submit. */
  contactHours: number;
  resolveDays: number;
}

export interface CategoryAdminView extends CategoryView {
  order: number;
  active: boolean;
  /** Answer templates staff pick from when replying. */
  templates: string[];
  /** Days a concern may wait on the resident (待补充) before it is closed. */
  residentWaitDays: number;
}

export interface ConcernEventView {
  type: string;
  label: string;
  at: number;
  actorName?: string;
  note?: string;
  photos?: string[];
  /** Staff-only entries (notes, transfers) are marked so the page can style them. */
  internal?: boolean;
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

export interface QueueItem extends ConcernSummary {
  gridId: string;
  overdue: boolean;
  /** The deadline running now (contact while unsigned, else resolve); absent while the clocks stand still or it is finished. */
  dueAt?: number;
  /** 0 none, 1 grid leader chased, 2 community admins chased. */
  escalationLevel: number;
  assigneeName?: string;
}

export interface ConcernView extends ConcernSummary {
  category: string;
  text: string;
  photos: string[];
  buildingId: string;
  gridId: string;
  hideName: boolean;
  /** Shown to staff always; to other residents never. */
  authorName?: string;
  /** The author's phone, for the staff handling it (full), if they gave one. */
  authorPhone?: string;
  /** Set while the text waits for content review: staff other than moderators see a placeholder. */
  underReview?: boolean;
  assignee?: { memberId: string; name: string };
  firstResponder?: { memberId: string; name: string };
  contactDueAt: number;
  resolveDueAt: number;
  /** Set while the clocks stand still (waiting on the resident or a department). */
  pausedSince?: number;
  /** While waiting on the resident: when the concern closes if they add nothing. */
  residentWaitUntil?: number;
  /** For staff: how often it was chased (催办), and when last. */
  urges?: number;
  lastUrgedAt?: number;
  overdue: boolean;
  escalationLevel: number;
  resolution?: { summary: string; photos: string[]; at: number };
  rating?: { resolved: boolean; satisfaction: number; comment?: string; at: number };
  /** Until when the resident may still rate or reopen. */
  rateDueAt?: number;
  mergedInto?: { id: string; number: string };
  /** Open coordination with another department (吹哨). */
  whistle?: { department: string; since: number; dueAt: number };
  /** For staff: the category's answer templates. */
  replyTemplates?: string[];
  /**
   * Set when staff filed it for the resident (代办): everyone sees the channel; staff also
   * see who filed it, why, and the name the caller gave when nobody of the household is on the app.
   */
  filedBy?: { channel: FilingChannel; channelLabel: string; staffName?: string; reason?: string; contactName?: string };
  /** The motion (议题) it became, followed from here; absent until it becomes one. */
  motion?: { motionId: string; title: string; statusLabel: string } | null;
  timeline: ConcernEventView[];
  /** What the caller may do next; pages render from this, never re-deriving the rules. */
  allowedActions: ActionName[];
}

export interface ConcernStatsRow {
  key: string;
  label: string;
  total: number;
  /** Signed within the contact SLA / signed or past the SLA. */
  responseRate: number | null;
  /** Rated "resolved" by the resident / rated or auto-archived. */
  resolutionRate: number | null;
  /** 4–5 stars / rated. Unrated archives are not counted as satisfied. */
  satisfactionRate: number | null;
  rated: number;
  unrated: number;
  medianMinutesToSign: number | null;
  medianHoursToResolve: number | null;
  /** Contact and resolve clocks that ran out (per person: while they held the item). */
  missedClocks: number;
  /** False for rows that stand for no person (社区统一受理, 尚未签收): shown, never ranked. */
  person?: false;
  /** 1 = best by satisfaction then resolution; only for groups of RANKING_MIN_SAMPLE or more. */
  rank?: number;
}

export interface ConcernStats {
  from: number;
  to: number;
  /** `gridMonth`: one row per grid and month, ranked among the grids of the same month. */
  groupBy: 'grid' | 'worker' | 'category' | 'month' | 'gridMonth';
  rows: ConcernStatsRow[];
  overall: ConcernStatsRow;
  /** True when the period held more concerns than one report reads; narrow the period. */
  truncated: boolean;
}

const concernId = id('诉求编号');

export const listCategories = contract<Page<CategoryView & Partial<CategoryAdminView>>>()({
  name: 'concern.categories',
  summary: '列出说事分类及办理时限（管理员另见停用分类、排序和答复模板）',
  input: z.strictObject({ ...paging }),
  roles: ['resident', 'gridWorker', 'admin'],
  scope: '本人所在社区',
});

export const submitConcernInput = z.strictObject({
  category: id('分类'),
  text: text('诉求内容', CONCERN_TEXT_MIN, CONCERN_TEXT_MAX),
  buildingId: id('楼栋'),
  hideName: z.boolean().default(false),
  photos: photos(CONCERN_PHOTOS_MAX),
});

export const submitConcern = contract<ConcernView>()({
  name: 'concern.submit',
  summary: '向社区说事：提交诉求，自动分派给所在网格的网格员',
  input: submitConcernInput,
  roles: ['resident'],
  scope: '已绑定住户的居民；楼栋须属于本社区',
  idempotent: true,
});

export const fileConcernForInput = z
  .strictObject({
    /** From `member.find`: the household the concern is about. */
    householdId: id('住户'),
    /** The bound resident it is for; left out when nobody of the household uses the app. */
    residentId: id('居民').optional(),
    /** How the caller wants to be called back when nobody is on the app, e.g. 孙奶奶. */
    contactName: text('反映人称呼', 1, 20).optional(),
    category: id('分类'),
    text: text('诉求内容', CONCERN_TEXT_MIN, CONCERN_TEXT_MAX),
    hideName: z.boolean().default(false),
    photos: photos(CONCERN_PHOTOS_MAX),
    channel: z.enum(FILING_CHANNELS, { error: '请选择居民是怎样找到您的' }),
    reason: text('代办原因', 2, 100),
  })
  .refine((v) => v.residentId === undefined || v.contactName === undefined, { error: '已选择居民时无需填写称呼', path: ['contactName'] });

export const fileConcernFor = contract<ConcernView>()({
  name: 'concern.fileFor',
  summary: '代居民说事：居民来电、上门或到窗口反映的问题，由工作人员代为登记',
  input: fileConcernForInput,
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责网格内的住户；管理员：本社区住户。与居民本人提交同样受理、分派和计时',
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
  input: z.strictObject({ concernId }),
  roles: ['resident', 'gridWorker', 'admin'],
  scope: '居民：本人的诉求及本人诉求被并入的诉求；网格员：当前由本人办理、本人首接、本人网格或本人任网格长的网格的诉求；管理员：本社区',
});

/**
 * Workbench lists: `assigned` what waits on me (the default; admins without a view see the
 * whole community), `signed` what I signed first (首接) wherever it is now, `grid` the open
 * items of my grids, `supervise` what is under 督办, late or escalated in the grids I lead
 * (admins: the whole community).
 */
export const QUEUE_VIEWS = ['assigned', 'signed', 'grid', 'supervise'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export const QUEUE_VIEW_LABELS: Record<QueueView, string> = {
  assigned: '我的待办',
  signed: '我首接的',
  grid: '本网格',
  supervise: '督办',
};

export const concernQueue = contract<Page<QueueItem>>()({
  name: 'concern.queue',
  summary: '工作台：待办、首接、本网格、督办诉求列表（可按状态、超期、分类、网格筛选）',
  input: z
    .strictObject({
      view: z.enum(QUEUE_VIEWS, { error: '请选择列表' }).optional(),
      status: z.enum(CONCERN_STATUSES).optional(),
      overdue: z.literal(true).optional(),
      /** Open items only, the late ones first (the workbench's default list). */
      open: z.literal(true).optional(),
      category: id('分类').optional(),
      gridId: id('网格').optional(),
      ...paging,
    })
    .refine((v) => [v.overdue, v.category, v.gridId].filter((x) => x !== undefined).length <= 1, {
      error: '超期、分类、网格三个筛选条件一次只能选一个',
    })
    .refine((v) => !(v.overdue && v.status), { error: '超期筛选不能与状态同时使用' })
    .refine((v) => v.view === undefined || (v.category === undefined && v.gridId === undefined), { error: '分类、网格筛选仅用于全部诉求列表', path: ['view'] })
    .refine((v) => !(v.view === 'supervise' && v.status), { error: '督办列表不能按状态筛选', path: ['status'] })
    .refine((v) => !(v.open && (v.status || v.overdue || v.category || v.gridId)), { error: '“未办结”不能与状态、超期、分类、网格筛选同时使用', path: ['open'] }),
  roles: ['gridWorker', 'admin'],
  scope:
    '我的待办：当前由本人办理的诉求；我首接的：本人首先签收的诉求（转交后仍可查看）；本网格：本人网格未办结的诉求（只能查看和备注）；督办：本人任网格长的网格中督办、超期或已上报的诉求（管理员为本社区全部）；不指定列表时管理员看本社区全部，分类、网格筛选仅限管理员',
});

/** Counts stop here: a tab reads 99+ beyond it (counting costs one bounded read per list). */
export const QUEUE_COUNT_MAX = 99;

export interface QueueCounts {
  /** Open items per list the caller may open; `more` when there are more than QUEUE_COUNT_MAX. */
  views: Array<{ view: QueueView; count: number; more: boolean }>;
}

export const concernCounts = contract<QueueCounts>()({
  name: 'concern.counts',
  summary: '工作台：各列表未办结诉求的数量（每个列表最多数到99）',
  input: z.strictObject({}),
  roles: ['gridWorker', 'admin'],
  scope: '与工作台列表相同：本人待办、本人首接、本人网格、本人任网格长的网格（管理员为本社区）',
});

const note = (label: string, max = 500) => text(label, 1, max);

export const acceptConcern = contract<ConcernView>()({
  name: 'concern.accept',
  summary: '签收诉求（首接负责：签收人负责到底）',
  input: z.strictObject({ concernId }),
  roles: ['gridWorker', 'admin'],
  scope: '当前被分派人（签收人即首接负责人）；管理员可代为签收',
});

export const replyConcern = contract<ConcernView>()({
  name: 'concern.reply',
  summary: '答复居民（居民可见）',
  input: z.strictObject({ concernId, text: note('答复内容', 1000) }),
  roles: ['gridWorker', 'admin'],
  scope: '当前办理人；本社区管理员（社区统一受理的诉求由管理员办理）',
});

export const noteConcern = contract<ConcernView>()({
  name: 'concern.note',
  summary: '内部备注（仅工作人员可见）',
  input: z.strictObject({ concernId, text: note('备注内容', 1000) }),
  roles: ['gridWorker', 'admin'],
  scope: '能查看该诉求的工作人员：当前办理人、首接负责人、本网格网格员、网格长、本社区管理员',
});

export const requestInfo = contract<ConcernView>()({
  name: 'concern.requestInfo',
  summary: '请居民补充情况（等待期间暂停计时）',
  input: z.strictObject({ concernId, question: note('需要补充的内容') }),
  roles: ['gridWorker', 'admin'],
  scope: '当前办理人或本社区管理员；仅办理中或督办中的诉求',
});

export const supplementConcern = contract<ConcernView>()({
  name: 'concern.supplement',
  summary: '居民补充情况或图片',
  input: z
    .strictObject({ concernId, text: note('补充内容', 1000).optional(), photos: photos(CONCERN_PHOTOS_MAX) })
    .refine((v) => v.text !== undefined || v.photos.length > 0, { error: '请填写补充内容或上传图片', path: ['text'] }),
  roles: ['resident'],
  scope: '诉求提交人；诉求未结束时',
});

export const transferConcern = contract<ConcernView>()({
  name: 'concern.transfer',
  summary: '转交给其他网格或工作人员（需说明原因）',
  input: z
    .strictObject({
      concernId,
      toGridId: id('网格').optional(),
      toMemberId: id('工作人员').optional(),
      reason: note('转交原因', 200),
    })
    .refine((v) => (v.toGridId === undefined) !== (v.toMemberId === undefined), { error: '请选择转交的网格或工作人员（二选一）' }),
  roles: ['gridWorker', 'admin'],
  scope: '当前办理人、该网格的网格长或本社区管理员（转交须说明原因并留痕）；接收人须为本社区网格员或管理员',
});

export const whistleConcern = contract<ConcernView>()({
  name: 'concern.whistle',
  summary: '吹哨：请名录中的部门协同处理，部门联系人收到请求（等待期间暂停计时）',
  input: z.strictObject({
    concernId,
    /** From the department directory (department.list): active, this community's or shared in its subdistrict. */
    departmentId: z.string({ error: '请选择要协同的部门' }).min(1, { error: '请选择要协同的部门' }).pipe(id('部门')),
    note: note('需协调的事项'),
    replyDays: z.number().int().min(1).max(30).default(3),
    /** Whether the department's contact may see the resident's phone; off unless the handler says so. */
    sharePhone: z.boolean().default(false),
  }),
  roles: ['gridWorker', 'admin'],
  scope: '当前办理人或本社区管理员；仅办理中或督办中的诉求；部门须在名录中且启用',
});

export const reportBack = contract<ConcernView>()({
  name: 'concern.reportBack',
  summary: '登记被吹哨部门的回复（报到），恢复计时',
  input: z.strictObject({ concernId, text: note('部门回复'), photos: photos(CONCERN_PHOTOS_MAX) }),
  roles: ['gridWorker', 'admin'],
  scope: '当前办理人或本社区管理员；仅协调中的诉求',
});

export const mergeConcern = contract<ConcernView>()({
  name: 'concern.merge',
  summary: '将重复诉求并入原诉求，后续进展同步告知提交人',
  input: z
    .strictObject({
      concernId,
      intoId: id('原诉求编号').optional(),
      /** The 受理编号 staff read off the original, e.g. 20261128-0007. */
      intoNumber: z.string().regex(/^\d{8}-\d{4,}$/, { error: '受理编号格式应为 20261128-0007' }).optional(),
      reason: note('合并原因', 200),
    })
    .refine((v) => (v.intoId === undefined) !== (v.intoNumber === undefined), { error: '请填写原诉求的受理编号', path: ['intoNumber'] })
    .refine((v) => v.concernId !== v.intoId, { error: '不能并入自己', path: ['intoId'] }),
  roles: ['gridWorker', 'admin'],
  scope: '重复诉求的当前办理人或本社区管理员，且能查看原诉求；两条诉求均未结束',
});

export const resolveConcern = contract<ConcernView>()({
  name: 'concern.resolve',
  summary: '办结：写明处理结果，可附处理后照片，请居民评价',
  input: z.strictObject({ concernId, summary: note('处理结果', 1000), photos: photos(CONCERN_PHOTOS_MAX) }),
  roles: ['gridWorker', 'admin'],
  scope: '当前办理人或本社区管理员；仅办理中、协调中或督办中的诉求',
});

export const rateConcern = contract<ConcernView>()({
  name: 'concern.rate',
  summary: '评价：问题解决了吗？满意吗？',
  input: z.strictObject({
    concernId,
    resolved: z.boolean({ error: '请选择问题是否已解决' }),
    satisfaction: z.number({ error: '请选择满意度' }).int().min(1, { error: '请选择满意度' }).max(5),
    comment: text('评价内容', 1, 300).optional(),
  }),
  roles: ['resident'],
  scope: `诉求提交人；办结后${RATING_WINDOW_DAYS}天内，每条诉求每次办结评价一次`,
});

export const reopenConcern = contract<ConcernView>()({
  name: 'concern.reopen',
  summary: '问题未解决：重新打开，转为督办',
  input: z.strictObject({ concernId, reason: note('未解决的情况', 300) }),
  roles: ['resident'],
  scope: `诉求提交人；办结后${RATING_WINDOW_DAYS}天内`,
});

export const withdrawConcern = contract<ConcernView>()({
  name: 'concern.withdraw',
  summary: '撤回诉求',
  input: z.strictObject({ concernId, reason: text('撤回原因', 1, 200).optional() }),
  roles: ['resident'],
  scope: '诉求提交人；办结前',
});

export const URGE_NOTE_MAX = 200;

export const urgeConcern = contract<ConcernView>()({
  name: 'concern.urge',
  summary: '催办：提醒当前办理人尽快办理（居民可见已催办，看不到催办内容）',
  input: z.strictObject({ concernId, note: note('催办内容', URGE_NOTE_MAX) }),
  roles: ['gridWorker', 'admin'],
  scope: '该诉求所在网格的网格长或本社区管理员；仅未办结且有办理人的诉求；同一诉求4小时内只能催办一次',
});

export const concernStats = contract<ConcernStats>()({
  name: 'concern.stats',
  summary: '三率统计：响应率、解决率、满意率及签收、办结用时',
  input: z
    .strictObject({
      from: z.number().int().min(0),
      to: z.number().int().min(0),
      groupBy: z.enum(['grid', 'worker', 'category', 'month', 'gridMonth']).default('grid'),
    })
    .refine((v) => v.to > v.from, { error: '结束时间须晚于开始时间', path: ['to'] })
    .refine((v) => v.to - v.from <= 366 * 24 * 3600 * 1000, { error: '统计时段最长一年', path: ['to'] }),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责的网格；管理员：本社区',
});

export const upsertCategory = contract<CategoryAdminView>()({
  name: 'concern.upsertCategory',
  summary: '新建或修改说事分类、办理时限和答复模板',
  input: z.strictObject({
    categoryId: id('分类').optional(),
    name: text('分类名称', 2, 12),
    contactHours: z.number().int().min(1).max(168),
    resolveDays: z.number().int().min(1).max(90),
    /** Left out when editing: unchanged (new categories: 100, active, no templates). */
    order: z.number().int().min(0).max(999).optional(),
    active: z.boolean().optional(),
    templates: z.array(text('答复模板', 2, 200)).max(10).optional(),
    /** Days a concern may wait on the resident before it closes (new categories: 7). */
    residentWaitDays: z.number({ error: '请填写等待居民补充的天数' }).int().min(2, { error: '等待居民补充至少2天' }).max(30, { error: '等待居民补充最多30天' }).optional(),
  }),
  roles: ['admin'],
  scope: '本社区',
});

export const setAway = contract<{ memberId: string; away: boolean; until?: number }>()({
  name: 'staff.setAway',
  summary: '设置外出（请假）状态：外出期间新诉求和未签收诉求转B角',
  input: z.strictObject({
    away: z.boolean(),
    until: z.number().int().min(0).optional(),
    memberId: id('成员编号').optional(),
  }),
  roles: ['gridWorker', 'admin'],
  scope: '本人；管理员可为本社区网格员设置',
});

/** Archive export columns, in order; the CSV's header row says them in Chinese. */
export const ARCHIVE_COLUMNS = [
  ['number', '受理编号'],
  ['category', '分类'],
  ['building', '楼栋'],
  ['grid', '网格'],
  ['status', '状态'],
  ['submittedAt', '提交时间'],
  ['acceptedAt', '签收时间'],
  ['respondedInTime', '按时签收'],
  ['firstResolvedAt', '首次办结时间'],
  ['closedAt', '归档时间'],
  ['closedReason', '归档方式'],
  ['resolvedByResident', '居民认为已解决'],
  ['satisfaction', '满意度'],
  ['rounds', '督办轮次'],
  ['firstResponder', '首接负责人'],
  ['summary', '处理结果'],
] as const;

/** The archive as CSV (`csv`), or as xlsx (`fileName` and `base64`, `csv` empty) — the one `wx.openDocument` opens on a phone. */
export interface ArchiveExport {
  csv: string;
  rows: number;
  truncated: boolean;
  fileName?: string;
  base64?: string;
}

export const exportArchive = contract<ArchiveExport>()({
  name: 'concern.export',
  summary: '导出归档诉求（CSV 或 xlsx 表格，不含居民姓名和电话）',
  input: z
    .strictObject({
      from: z.number().int().min(0),
      to: z.number().int().min(0),
      format: z.enum(['csv', 'xlsx'], { error: '格式只能是 csv 或 xlsx' }).optional(),
      /** 统一归档 (finished: the default) or 在办 (still open). */
      kind: z.enum(['archive', 'open'], { error: '只能导出归档或在办的诉求' }).optional(),
    })
    .refine((v) => v.to > v.from, { error: '结束时间须晚于开始时间', path: ['to'] })
    .refine((v) => v.to - v.from <= 366 * 24 * 3600 * 1000, { error: '导出时段最长一年', path: ['to'] }),
  roles: ['admin'],
  scope: '本社区；已归档（办结、撤回、合并）或在办的诉求',
});
