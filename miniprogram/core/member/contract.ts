import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import { MEMBER_ROLES, type CallerRole, type MemberRole } from '../roles';
import { z, id, text, paging, addressPart } from '../schema';

export interface HouseholdView {
  id: string;
  buildingId: string;
  buildingName: string;
  unit: string;
  room: string;
}

/** `ended`: the binding it led to ended (搬离 or removed by staff); the applicant may apply again. */
export type BindingStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'ended';

export interface BindingRequestView {
  id: string;
  status: BindingStatus;
  buildingId: string;
  buildingName: string;
  unit: string;
  room: string;
  /** The applicant's name: shown to the applicant and to the reviewing staff only. */
  name: string;
  reason?: string;
  createdAt: number;
  reviewedAt?: number;
  /** What the caller may do next; pages render from this, never re-deriving the rules. */
  allowedActions: ActionName[];
}

export interface MeView {
  memberId: string;
  roles: CallerRole[];
  name?: string;
  community?: { id: string; name: string };
  household?: HouseholdView;
  gridIds: string[];
  /** Grids the caller leads as 网格长 (supervision list, 催办); absent = none. */
  ledGridIds?: string[];
  pendingRequest?: BindingRequestView;
  /** The caller's own phone, in full (only they and responsible staff ever see it unmasked). */
  phone?: string;
  /** Set when the caller asked to delete their account: when it will happen. */
  deletionScheduledFor?: number;
  /** Staff marked away (staff.setAway); `until` absent = until they come back. */
  away?: { since: number; until?: number };
  /** Actions this caller may call at all; pages show entries from this, never from roles. */
  /** What the caller may do next; pages render from this, never re-deriving the rules. */
  allowedActions: ActionName[];
}

export interface MemberView {
  memberId: string;
  name?: string;
  roles: MemberRole[];
  gridIds: string[];
  householdId?: string;
}

export interface InviteView {
  code: string;
  householdId: string;
  address: string;
  expiresAt: number;
}

export const getMe = contract<MeView>()({
  name: 'member.me',
  summary: '查看我的身份、住户和可用功能',
  input: z.strictObject({}),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'department', 'supervisor', 'subdistrict'],
  scope: '仅本人',
});

export const requestBindingInput = z.strictObject({
  communityId: id('社区编号'),
  buildingId: id('楼栋编号'),
  unit: addressPart('单元'),
  room: addressPart('门牌号'),
  name: text('姓名', 1, 20),
});

export const requestBinding = contract<BindingRequestView>()({
  name: 'member.requestBinding',
  summary: '申请绑定住户，由所在网格的网格员审核',
  input: requestBindingInput,
  roles: ['visitor', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人；尚未绑定住户且没有待审核申请',
  idempotent: true,
});

/** Codes are printed on paper slips: no 0/O, 1/I/L, case-insensitive. */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_LENGTH = 8;

export const redeemInviteInput = z.strictObject({
  /** How staff and neighbours' helpers address the resident; an invite carries no name. */
  name: text('姓名', 1, 20).optional(),
  code: z
    .string({ error: '请输入邀请码' })
    .overwrite((s) => s.replace(/[\s-]/g, '').toUpperCase())
    .regex(new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_LENGTH}}$`), { error: '邀请码为8位字母或数字' }),
});

export const redeemInvite = contract<MeView>()({
  name: 'member.redeemInvite',
  summary: '使用社区发放的邀请码绑定住户',
  input: redeemInviteInput,
  roles: ['visitor', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人；每个邀请码只能使用一次',
});

export const listRequests = contract<Page<BindingRequestView>>()({
  name: 'member.listRequests',
  summary: '查看住户绑定申请',
  input: z.strictObject({
    status: z.enum(['pending', 'approved', 'rejected', 'expired']).default('pending'),
    ...paging,
  }),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责网格内楼栋的申请；管理员：本社区',
});

export const reviewRequest = contract<BindingRequestView>()({
  name: 'member.reviewRequest',
  summary: '通过或驳回住户绑定申请',
  input: z
    .strictObject({
      requestId: id('申请编号'),
      decision: z.enum(['approve', 'reject']),
      reason: text('驳回理由', 1, 200).optional(),
    })
    .refine((v) => v.decision === 'approve' || v.reason !== undefined, {
      error: '驳回时请填写理由',
      path: ['reason'],
    }),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责网格内楼栋的申请；管理员：本社区',
});

export const setRoles = contract<MemberView>()({
  name: 'member.setRoles',
  summary: '设置成员的角色和负责网格',
  input: z.strictObject({
    memberId: id('成员编号'),
    roles: z.array(z.enum(MEMBER_ROLES)).max(MEMBER_ROLES.length),
    gridIds: z.array(id('网格编号')).max(20).default([]),
    name: text('姓名', 1, 20).optional(),
  }),
  roles: ['admin'],
  scope: '本社区成员；居民身份只随住户绑定，本操作不增不减',
});

export const issueInvites = contract<{ invites: InviteView[] }>()({
  name: 'member.issueInvites',
  summary: '为住户生成一次性邀请码',
  input: z.strictObject({
    households: z
      .array(
        z.strictObject({
          buildingId: id('楼栋编号'),
          unit: addressPart('单元'),
          room: addressPart('门牌号'),
        }),
      )
      .min(1)
      .max(50),
    validDays: z.number().int().min(1).max(90).default(30),
  }),
  roles: ['admin'],
  scope: '本社区楼栋',
});

/** A person as staff recognise them in the finder: name and roles, never a phone. */
export interface FoundPerson {
  /** Travels in the data for the next call; no page shows it. */
  memberId: string;
  name?: string;
  roles: MemberRole[];
}

/**
 * One row of `member.find`: a household (address search) with the residents bound to it, or
 * a person (name search) with their household if they have one.
 */
export interface FoundEntry {
  /** Row key, never shown: the household's id (address search) or the person's (name search). */
  key: string;
  household?: {
    id: string;
    buildingId: string;
    buildingName: string;
    unit: string;
    room: string;
    /** 1号楼 1单元 101室 */
    address: string;
  };
  /** Bound residents of the household (address search), or the one person found (name search). */
  people: FoundPerson[];
  /** Whether anyone of this household uses the app; false = staff serve it on its behalf. */
  onApp: boolean;
}

export const findMembersInput = z
  .strictObject({
    buildingId: id('楼栋').optional(),
    unit: addressPart('单元').optional(),
    room: addressPart('门牌号').optional(),
    /** The start of a name: 刘 finds 刘阿姨. */
    name: text('姓名', 1, 20).optional(),
    /** Name search only: keep people holding any of these roles (the grid pickers). */
    roles: z.array(z.enum(MEMBER_ROLES)).max(MEMBER_ROLES.length).optional(),
    ...paging,
  })
  .refine((v) => (v.name === undefined) !== (v.buildingId === undefined), { error: '请选择楼栋或输入姓名', path: ['name'] })
  .refine((v) => v.buildingId !== undefined || (v.unit === undefined && v.room === undefined), { error: '请先选择楼栋', path: ['buildingId'] })
  .refine((v) => v.room === undefined || v.unit !== undefined, { error: '请填写单元', path: ['unit'] });

export const findMembers = contract<Page<FoundEntry>>()({
  name: 'member.find',
  summary: '代办查找居民：按楼栋、单元、房号或姓名找到住户和居民',
  input: findMembersInput,
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责网格内楼栋的住户和居民；管理员：本社区全部成员',
});

export const leaveHousehold = contract<MeView>()({
  name: 'member.leaveHousehold',
  summary: '搬离：解除我与住户的绑定（未办完的诉求留给本户，今后的预约取消）',
  input: z.strictObject({ confirm: z.literal(true, { error: '请确认搬离' }) }),
  roles: ['resident'],
  scope: '仅本人的住户绑定',
});

export const removeFromHousehold = contract<{ removed: true }>()({
  name: 'member.removeFromHousehold',
  summary: '把已搬走的居民移出住户（写明原因，通知本人和同户居民）',
  input: z.strictObject({
    memberId: id('居民'),
    reason: text('原因', 2, 200),
  }),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责网格内楼栋的住户；管理员：本社区住户',
});

export const setName = contract<MeView>()({
  name: 'member.setName',
  summary: '修改我的姓名（工作人员看到的称呼）',
  input: z.strictObject({ name: text('姓名', 1, 20) }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin', 'department'],
  scope: '仅本人',
});
