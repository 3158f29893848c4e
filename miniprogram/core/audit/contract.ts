/**
 * The community's audit log for its admins: every recorded step (role changes, bindings,
 * concern steps, bookings, moderation, structure), filtered by what it concerns, who did it,
 * what kind of step it was and when. Steps are named in Chinese by the feature that records
 * them; people by name, never by id.
 */
import { contract, type Page } from '../action';
import { z, id, paging } from '../schema';

/** The parts of the product a step belongs to, as admins think of them. */
export const AUDIT_AREAS = {
  concern: '说事',
  member: '住户与成员',
  community: '社区结构',
  department: '部门协办',
  booking: '预约服务',
  volunteer: '志愿服务',
  poll: '投票表决',
  council: '民主议事',
  disclosure: '居务公开',
  moderation: '内容审核',
  privacy: '个人信息',
  staff: '工作人员',
} as const;
export type AuditArea = keyof typeof AUDIT_AREAS;

/** The features whose steps each area gathers (an area may span several feature folders). */
export const AUDIT_AREA_FEATURES: Record<AuditArea, readonly string[]> = {
  concern: ['concern'],
  member: ['member'],
  community: ['community'],
  department: ['department'],
  booking: ['booking'],
  volunteer: ['volunteer', 'team', 'activity', 'hours'],
  poll: ['roll', 'poll'],
  council: ['motion', 'meeting', 'resolution'],
  disclosure: ['disclosure', 'notice', 'supervision'],
  moderation: ['moderation'],
  privacy: ['privacy'],
  staff: ['staff'],
};

export interface AuditEntry {
  id: string;
  at: number;
  type: string;
  /** What the step is called (e.g. 已签收, 角色变更). */
  label: string;
  /** Who: a name, 系统, or 已注销用户 — never an id. */
  actor: string;
  actorRole: string;
  /** What it concerns, in words: 诉求 20261128-0007, 成员 刘阿姨, 网格 第一网格. */
  subject: string;
  /** `from → to`, in words; absent when the states are not words a person reads. */
  change?: string;
  note?: string;
}

export interface AuditAreaView {
  key: AuditArea;
  label: string;
  types: Array<{ type: string; label: string }>;
}

export const AUDIT_PERIOD_MAX_DAYS = 366;

export const auditLogInput = z
  .strictObject({
    area: z.enum(Object.keys(AUDIT_AREAS) as [AuditArea, ...AuditArea[]]).optional(),
    type: z
      .string({ error: '操作类型不正确' })
      .regex(/^[a-z]+\.[A-Za-z]+$/, { error: '操作类型不正确' })
      .optional(),
    /** Picked by name from the member picker. */
    actorId: id('操作人').optional(),
    /** One record's whole history: `concern:<id>`, `member:<id>`… */
    subject: z
      .string({ error: '记录不正确' })
      .regex(/^[a-zA-Z]+:[A-Za-z0-9_-]{1,80}$/, { error: '记录不正确' })
      .optional(),
    from: z.number().int().min(0).optional(),
    to: z.number().int().min(0).optional(),
    ...paging,
  })
  .refine((v) => v.subject === undefined || (v.actorId === undefined && v.type === undefined && v.area === undefined), {
    error: '查看一条记录的经过时，不能再按操作人或类型筛选',
    path: ['subject'],
  })
  .refine((v) => v.from === undefined || v.to === undefined || v.from < v.to, { error: '结束时间要晚于开始时间', path: ['to'] });

export const auditLog = contract<Page<AuditEntry> & { areas?: AuditAreaView[] }>()({
  name: 'audit.log',
  summary: '操作日志：按记录、操作人、操作类型和时间查看社区内的每一步操作',
  input: auditLogInput,
  roles: ['admin'],
  scope: '本社区；仅管理员',
});
