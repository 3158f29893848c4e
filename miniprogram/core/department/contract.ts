import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import { INVITE_ALPHABET, INVITE_LENGTH } from '../member/contract';
import { z, id, text, paging } from '../schema';

/**
 * The department directory (职能部门 / 物业公司 / 街道科室…): the units a whistle (吹哨) calls
 * in, each with one contact person who sees exactly what was whistled to the unit and
 * answers it. A community keeps its own entries; an entry marked shared is visible to every
 * community of the same subdistrict (街道), and only the community that made it edits it.
 */
export const DEPARTMENT_KINDS = ['property', 'cityManagement', 'police', 'power', 'water', 'gas', 'subdistrictOffice', 'other'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  property: '物业公司',
  cityManagement: '城管',
  police: '派出所',
  power: '供电所',
  water: '供水',
  gas: '燃气',
  subdistrictOffice: '街道科室',
  other: '其他单位',
};

/** Days a join code for a contact stays valid, at most. */
export const DEPARTMENT_CODE_MAX_DAYS = 30;

/** Whether a directory entry may be called in by a community: its own, or shared within its subdistrict. */
export function departmentVisibleTo(
  d: { communityId: string; shared: boolean; subdistrict: string },
  community: { id: string; subdistrict: string } | null,
): boolean {
  if (!community) return false;
  return d.communityId === community.id || (d.shared && d.subdistrict === community.subdistrict);
}

export interface DepartmentView {
  id: string;
  name: string;
  kind: DepartmentKind;
  kindLabel: string;
  /** The unit's public phone (a switchboard, not a person's). */
  phone?: string;
  active: boolean;
  /** Visible to every community of the subdistrict. */
  shared: boolean;
  /** For a shared entry seen from another community: who keeps it. */
  ownerName?: string;
  /** Whether someone will receive what is whistled to it (else the handler calls the phone). */
  hasContact: boolean;
  /** The contact person, by name (to its own community); absent until someone redeems a join code. */
  contact?: { name: string; since: number };
  /** What the caller may do with it: edit, issue a code, remove the contact (its own community's admins). */
  allowedActions: ActionName[];
}

/** One request a department received, as its contact sees it in their list. */
export interface DepartmentRequestSummary {
  concernId: string;
  number: string;
  categoryName: string;
  excerpt: string;
  buildingName: string;
  /** Which community asked (a shared department serves several). */
  communityName: string;
  askedAt: number;
  dueAt: number;
  /** Still waiting on this department's answer. */
  open: boolean;
  overdue: boolean;
}

/**
 * What the contact sees of a concern whistled to their department: the problem and what
 * the handler asked, never the resident's name; the resident's phone only if the handler
 * chose to share it, and only while the request is open.
 */
export interface DepartmentRequestView extends DepartmentRequestSummary {
  text: string;
  /** Viewable photo URLs (short-lived), only photos that passed the check. */
  photos: string[];
  /** What the handler asked the department to do. */
  ask: string;
  /** The staff member handling it, to call back. */
  handlerName?: string;
  residentPhone?: string;
  /** This department's answers so far. */
  answers: Array<{ text: string; at: number }>;
  allowedActions: ActionName[];
}

const departmentId = id('部门');
const phone = z
  .string({ error: '电话格式不正确' })
  .overwrite((s) => s.trim())
  .regex(/^[0-9][0-9-]{2,19}$/, { error: '电话只能填数字和“-”，如 010-12345678' });

export const listDepartments = contract<{ items: DepartmentView[]; truncated: boolean }>()({
  name: 'department.list',
  summary: '部门名录：本社区的部门和单位，以及同一街道共享的部门',
  input: z.strictObject({ activeOnly: z.boolean().default(false) }),
  roles: ['gridWorker', 'admin'],
  scope: '本社区的名录，加同一街道其他社区共享的名录',
});

export const upsertDepartment = contract<DepartmentView>()({
  name: 'department.upsert',
  summary: '新建或修改名录中的部门（名称、类别、对外电话、停用、街道共享）',
  input: z.strictObject({
    departmentId: departmentId.optional(),
    name: text('部门名称', 2, 30),
    kind: z.enum(DEPARTMENT_KINDS, { error: '请选择部门类别' }),
    phone: phone.optional(),
    active: z.boolean().default(true),
    shared: z.boolean().default(false),
  }),
  roles: ['admin'],
  scope: '本社区创建的部门；共享部门只由创建它的社区修改',
  idempotent: true,
});

export const issueDepartmentCode = contract<{ code: string; expiresAt: number; departmentName: string }>()({
  name: 'department.issueCode',
  summary: '为部门联系人生成一次性加入码（使用后即成为该部门的联系人，替换原联系人）',
  input: z.strictObject({ departmentId, validDays: z.number().int().min(1).max(DEPARTMENT_CODE_MAX_DAYS).default(7) }),
  roles: ['admin'],
  scope: '本社区创建的部门',
});

export const redeemDepartmentCode = contract<{ department: { id: string; name: string; kindLabel: string } }>()({
  name: 'department.redeemCode',
  summary: '部门联系人使用加入码，成为该部门的联系人',
  input: z.strictObject({
    code: z
      .string({ error: '请输入加入码' })
      .overwrite((s) => s.replace(/[\s-]/g, '').toUpperCase())
      .regex(new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_LENGTH}}$`), { error: '加入码为8位字母或数字' }),
    /** How the community's staff will see the contact; kept if the member already has a name. */
    name: text('姓名', 1, 20),
  }),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'department'],
  scope: '仅本人；每个加入码只能使用一次，过期作废；其他社区的成员不能使用',
});

export const removeDepartmentContact = contract<DepartmentView>()({
  name: 'department.removeContact',
  summary: '取消部门联系人（其不再收到和查看该部门的协办请求）',
  input: z.strictObject({ departmentId }),
  roles: ['admin'],
  scope: '本社区创建的部门',
});

export const departmentQueue = contract<Page<DepartmentRequestSummary>>()({
  name: 'department.queue',
  summary: '部门联系人：吹哨到本部门的协办请求（待回复在前，已回复在后）',
  input: z.strictObject({ ...paging }),
  roles: ['department'],
  scope: '仅吹哨到本人所联系部门的诉求',
});

export const getDepartmentRequest = contract<DepartmentRequestView>()({
  name: 'department.request',
  summary: '部门联系人：查看一条协办请求（问题、照片、需协调事项、回复期限）',
  input: z.strictObject({ concernId: id('诉求编号') }),
  roles: ['department'],
  scope: '仅吹哨到本人所联系部门的诉求；不含居民姓名，电话仅在办理人同意提供时显示',
});

export const answerDepartmentRequest = contract<DepartmentRequestView>()({
  name: 'department.answer',
  summary: '部门联系人：回复协办请求（报到），诉求恢复办理并告知办理人',
  input: z.strictObject({ concernId: id('诉求编号'), text: text('回复内容', 2, 500) }),
  roles: ['department'],
  scope: '当前吹哨给本人所联系部门、尚未回复的诉求',
});
