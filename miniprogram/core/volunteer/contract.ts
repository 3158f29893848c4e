/**
 * 志愿服务 actions. Sections: volunteers (registration, profile, staff verification),
 * teams, activities and sign-up (roles × shifts with exact seats, a waitlist with visible
 * position, promotion with a confirm window). Check-in/out and the hours ledger add their
 * own sections below. The shared words and numbers are in vocabulary.ts.
 */
import type { ActionName } from '../action-names';
import { contract, type Page } from '../action';
import { z, id, text, paging } from '../schema';
import { ROUNDING_RULES, type ActivityStatus, type RoundingRule, type SignupStatus } from './vocabulary';

// ---------------------------------------------------------------------------------------
// Volunteers
// ---------------------------------------------------------------------------------------

export type VolunteerStatus = 'active' | 'pendingVerification' | 'suspended';
export const VOLUNTEER_STATUS_LABELS: Record<VolunteerStatus, string> = {
  active: '已登记',
  pendingVerification: '待社区核实',
  suspended: '已暂停',
};

/** What the volunteer sees of themselves, and staff of a volunteer: never the full ID number. */
export interface VolunteerView {
  id: string;
  name: string;
  volunteerNumber: string;
  skills: string[];
  availability: string;
  partyMember: boolean | null;
  birthDate: string | null;
  /** 110***********1234: the number itself is sealed and never leaves the server. */
  idNumberMasked: string | null;
  trainings: string[];
  resident: boolean;
  status: VolunteerStatus;
  statusLabel: string;
  allowedActions: ActionName[];
}

const skill = text('技能', 1, 12);
const birthDate = z
  .string({ error: '出生日期格式不正确' })
  .regex(/^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '出生日期格式应为 YYYY-MM-DD' });
/** 居民身份证: 17 digits and a digit or X; the check digit is verified too (GB 11643). */
export const idNumber = z
  .string({ error: '身份证号格式不正确' })
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => /^\d{17}[\dX]$/.test(s) && idCheckDigit(s.slice(0, 17)) === s[17], { error: '身份证号格式不正确，请核对' });

export function idCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = first17.split('').reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return '10X98765432'[sum % 11];
}

/** 110101********1234 — the form certificates and staff screens show. */
export function maskIdNumber(n: string): string {
  return `${n.slice(0, 6)}********${n.slice(-4)}`;
}

export const registerVolunteer = contract<VolunteerView>()({
  name: 'volunteer.register',
  summary: '登记为志愿者（再次提交即修改本人资料）；非本社区居民须社区核实',
  input: z.strictObject({
    /** Only for someone not yet a member of any community (a student from the neighbourhood). */
    communityId: id('社区').optional(),
    name: text('姓名', 2, 20),
    skills: z.array(skill).max(8, { error: '技能最多填写8项' }).default([]),
    availability: text('可服务时间', 0, 60).default(''),
    /** Optional and never required. */
    partyMember: z.boolean().nullable().default(null),
    birthDate: birthDate.nullable().default(null),
    idNumber: idNumber.nullable().optional(),
  }),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人；本社区成员登记到本社区，未加入社区的人选择社区后待核实',
});

export const volunteerProfile = contract<{ volunteer: VolunteerView | null }>()({
  name: 'volunteer.profile',
  summary: '我的志愿者资料（未登记时为空）',
  input: z.strictObject({}),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人',
});

export const verifyVolunteer = contract<VolunteerView>()({
  name: 'volunteer.verify',
  summary: '社区核实志愿者身份、登记已完成的培训，或暂停',
  input: z.strictObject({
    volunteerId: id('志愿者'),
    decision: z.enum(['approve', 'suspend'], { error: '请选择核实结果' }),
    trainings: z.array(text('培训', 1, 20)).max(10, { error: '培训最多登记10项' }).optional(),
  }),
  roles: ['admin'],
  scope: '本社区的志愿者（社区管理员）',
});

export const listVolunteers = contract<Page<VolunteerView>>()({
  name: 'volunteer.list',
  summary: '本社区志愿者名册（可按待核实筛选）',
  input: z.strictObject({ status: z.enum(['active', 'pendingVerification', 'suspended']).optional(), ...paging }),
  roles: ['admin'],
  scope: '本社区（社区管理员：名册含居民姓名，网格员只看本网格的人）',
});

// ---------------------------------------------------------------------------------------
// Teams
// ---------------------------------------------------------------------------------------

export interface TeamView {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  joined: boolean;
  /** The caller leads this team. */
  leading: boolean;
  active: boolean;
  /** Leaders by name: staff only (the leaders' own names are theirs to share). */
  leaders?: Array<{ id: string; name: string }>;
  allowedActions: ActionName[];
}

const teamId = id('服务队');

export const listTeams = contract<Page<TeamView>>()({
  name: 'team.list',
  summary: '本社区的志愿服务队',
  input: z.strictObject({ ...paging }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人所在社区；停用的服务队只有工作人员看得到',
});

export const joinTeam = contract<TeamView>()({
  name: 'team.join',
  summary: '加入服务队（须先登记为志愿者）',
  input: z.strictObject({ teamId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本社区已登记且核实的志愿者，本人',
});

export const upsertTeam = contract<TeamView>()({
  name: 'team.upsert',
  summary: '新建或修改服务队，指定队长',
  input: z.strictObject({
    teamId: teamId.optional(),
    name: text('服务队名称', 2, 30),
    description: text('简介', 0, 200).default(''),
    /** Leaders picked from the volunteer roll by name; each must be a registered volunteer. */
    leaderIds: z.array(id('队长')).max(5, { error: '队长最多5人' }).default([]),
    active: z.boolean().default(true),
  }),
  roles: ['admin'],
  scope: '本社区',
  idempotent: true,
});

// ---------------------------------------------------------------------------------------
// Activities and sign-up
// ---------------------------------------------------------------------------------------

export interface RoleSeatsView {
  roleId: string;
  name: string;
  seats: number;
  seatsLeft: number;
  waitlistCount: number;
  /** 「需年满18岁、需技能：急救、需培训：消防安全」 — empty when anyone may take it. */
  requirements: string[];
}

export interface ShiftView {
  shiftId: string;
  startAt: number;
  endAt: number;
  roles: RoleSeatsView[];
}

export interface ActivityView {
  id: string;
  teamId: string;
  teamName: string;
  title: string;
  description: string;
  place: string;
  status: ActivityStatus;
  statusLabel: string;
  startAt: number;
  endAt: number;
  signupDeadline: number;
  risky: boolean;
  insured: boolean;
  /** Total free seats over every shift and role. */
  seatsLeft: number;
  shifts: ShiftView[];
  /** The caller's own sign-ups here (one per shift at most). */
  mine: SignupView[];
  cancelledReason?: string;
  /** The editor starts from these: managers only. It goes back to activity.upsert as it is. */
  edit?: ActivityInputDraft;
  /** The 项目负责人 by name, for the editor's picker (the id is never shown): managers only. */
  leadName?: string;
  allowedActions: ActionName[];
}

/** What activity.upsert takes, as the organiser's form holds it. */
export interface ActivityInputDraft {
  teamId: string;
  title: string;
  description: string;
  place: string;
  roles: Array<{ key: string; name: string; skill: string | null; training: string | null; minAge: number | null }>;
  shifts: Array<{ key: string; startAt: number; endAt: number }>;
  seats: Array<{ shift: string; role: string; seats: number }>;
  signupDeadline: number;
  leadId: string;
  risky: boolean;
  insured: boolean;
  rounding?: RoundingRule;
  graceMinutes?: number;
  dailyCapMinutes?: number;
}

export interface SignupView {
  id: string;
  activityId: string;
  activityTitle: string;
  place: string;
  shiftId: string;
  roleId: string;
  roleName: string;
  startAt: number;
  endAt: number;
  status: SignupStatus;
  statusLabel: string;
  /** 第2位，共5人 */
  waitlist?: { position: number; of: number };
  offeredUntil?: number;
  withdrawReason?: string;
  allowedActions: ActionName[];
}

export interface RosterEntry {
  /** The sign-up, for check-in by hand; never a member id. */
  signupId: string;
  name: string;
  roleName: string;
  shiftId: string;
  status: SignupStatus;
  statusLabel: string;
  position?: number;
}

export interface RosterView {
  activityId: string;
  title: string;
  /** Booked people only: nobody waiting is ever listed as attending. */
  attendees: RosterEntry[];
  /** For organisers, separately: those waiting and those offered a seat, in order. */
  waitlist: RosterEntry[];
}

const activityId = id('活动');
const key = z.string({ error: '编号格式不正确' }).regex(/^[a-z0-9]{1,8}$/, { error: '编号格式不正确' });
const instant = (label: string) => z.number({ error: `请选择${label}` }).int().min(0, { error: `请选择${label}` });

const roleInput = z.strictObject({
  key,
  name: text('岗位名称', 1, 20),
  skill: text('所需技能', 1, 12).nullable().default(null),
  training: text('所需培训', 1, 20).nullable().default(null),
  minAge: z.number({ error: '最低年龄须是数字' }).int().min(14, { error: '最低年龄不能小于14岁' }).max(70, { error: '最低年龄不能大于70岁' }).nullable().default(null),
});
const shiftInput = z
  .strictObject({ key, startAt: instant('开始时间'), endAt: instant('结束时间') })
  .refine((s) => s.endAt > s.startAt, { error: '结束时间须晚于开始时间', path: ['endAt'] })
  .refine((s) => s.endAt - s.startAt <= 24 * 3600_000, { error: '一个班次不能超过24小时', path: ['endAt'] });

export const upsertActivity = contract<ActivityView>()({
  name: 'activity.upsert',
  summary: '新建或修改活动草稿：班次、岗位和名额、报名截止、项目负责人、风险与保险',
  input: z
    .strictObject({
      activityId: activityId.optional(),
      teamId,
      title: text('活动名称', 2, 40),
      description: text('活动说明', 0, 500).default(''),
      place: text('活动地点', 2, 60),
      roles: z.array(roleInput).min(1, { error: '请至少设置一个岗位' }).max(8, { error: '岗位最多8个' }),
      shifts: z.array(shiftInput).min(1, { error: '请至少设置一个班次' }).max(12, { error: '班次最多12个' }),
      seats: z.array(z.strictObject({ shift: key, role: key, seats: z.number({ error: '名额须是数字' }).int().min(1, { error: '名额至少1人' }).max(500, { error: '名额不能超过500人' }) })).max(96),
      signupDeadline: instant('报名截止时间'),
      /** 项目负责人: verifies hours; a team leader or staff, picked by name. Default: the organiser. */
      leadId: id('项目负责人').optional(),
      risky: z.boolean().default(false),
      insured: z.boolean().default(false),
      /** How the hours are counted; left out, a new activity takes the defaults and an edit keeps its own. */
      rounding: z.enum(ROUNDING_RULES, { error: '请选择计时规则' }).optional(),
      graceMinutes: z.number({ error: '签到宽限须是数字' }).int({ error: '签到宽限须是整数分钟' }).min(0, { error: '签到宽限不能小于0分钟' }).max(60, { error: '签到宽限不能超过60分钟' }).optional(),
      dailyCapMinutes: z.number({ error: '每日上限须是数字' }).int({ error: '每日上限须是整数分钟' }).min(60, { error: '每日上限不能少于1小时' }).max(16 * 60, { error: '每日上限不能超过16小时' }).optional(),
    })
    // Defensive reads: the refinements must never throw on a half-valid draft.
    .refine((v) => new Set((v.roles ?? []).map((r) => r.key)).size === (v.roles ?? []).length, { error: '岗位编号重复', path: ['roles'] })
    .refine((v) => new Set((v.shifts ?? []).map((s) => s.key)).size === (v.shifts ?? []).length, { error: '班次编号重复', path: ['shifts'] })
    .refine((v) => (v.seats ?? []).every((s) => (v.shifts ?? []).some((x) => x.key === s.shift) && (v.roles ?? []).some((r) => r.key === s.role)), { error: '名额指向不存在的班次或岗位', path: ['seats'] })
    .refine((v) => (v.seats ?? []).length > 0, { error: '请为岗位设置名额', path: ['seats'] })
    .refine((v) => !(v.shifts ?? []).some((s) => v.signupDeadline > s.startAt), { error: '报名截止须早于第一个班次开始', path: ['signupDeadline'] }),
  roles: ['volunteer', 'resident', 'gridWorker', 'admin'],
  scope: '工作人员：本社区任一服务队；队长：本人带领的服务队；只能修改草稿',
  idempotent: true,
});

export const publishActivity = contract<ActivityView>()({
  name: 'activity.publish',
  summary: '发布活动，开放报名（有风险的活动须已购买保险）',
  input: z.strictObject({ activityId }),
  roles: ['volunteer', 'resident', 'gridWorker', 'admin'],
  scope: '社区管理员、该服务队的队长、活动的组织者或项目负责人',
});

export const cancelActivity = contract<ActivityView>()({
  name: 'activity.cancel',
  summary: '取消活动并通知所有报名和候补的人',
  input: z.strictObject({ activityId, reason: text('取消原因', 2, 100) }),
  roles: ['volunteer', 'resident', 'gridWorker', 'admin'],
  scope: '社区管理员、该服务队的队长、活动的组织者或项目负责人',
});

export const listActivities = contract<Page<ActivityView>>()({
  name: 'activity.list',
  summary: '志愿活动列表（按服务队、日期、是否有空位筛选；管理者可看草稿）',
  input: z.strictObject({
    teamId: teamId.optional(),
    /** Any instant of the day wanted (Beijing time). */
    day: z.number().int().min(0).optional(),
    openOnly: z.boolean().default(false),
    view: z.enum(['open', 'manage']).default('open'),
    ...paging,
  }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人所在社区的已发布活动；草稿只给管理员、队长和组织者',
});

export const getActivity = contract<ActivityView>()({
  name: 'activity.get',
  summary: '活动详情：班次、岗位、剩余名额和我的报名',
  input: z.strictObject({ activityId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人所在社区；草稿只给管理员、队长和组织者',
});

export const signUp = contract<SignupView>()({
  name: 'activity.signup',
  summary: '报名某班次的岗位；满员时进入候补',
  input: z.strictObject({ activityId, shiftId: key, roleId: key }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人，须已登记且核实为志愿者，符合岗位的年龄、技能和培训要求，班次时间不与已报名的重叠',
  idempotent: true,
});

export const withdrawSignup = contract<SignupView>()({
  name: 'activity.withdraw',
  summary: '退出报名或候补（须说明原因，组织者会收到通知）',
  input: z.strictObject({ signupId: id('报名'), reason: text('退出原因', 2, 100) }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人的报名，班次开始前',
});

export const confirmSignup = contract<SignupView>()({
  name: 'activity.confirm',
  summary: '候补转正后确认参加',
  input: z.strictObject({ signupId: id('报名') }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人的报名，须在确认期限内',
});

export const mySignups = contract<Page<SignupView>>()({
  name: 'activity.mine',
  summary: '我的报名（含候补位置和待确认的转正）',
  input: z.strictObject({ when: z.enum(['upcoming', 'past']).default('upcoming'), ...paging }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人',
});

export const activityRoster = contract<RosterView>()({
  name: 'activity.roster',
  summary: '报名名单（已报名的人）和候补名单（分开列出）',
  input: z.strictObject({ activityId, shiftId: key.optional() }),
  roles: ['volunteer', 'resident', 'gridWorker', 'admin'],
  scope: '社区管理员、该服务队的队长、活动的组织者和项目负责人；不含任何人的电话或证件号',
});
