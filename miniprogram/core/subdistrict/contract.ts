/**
 * 街道: one deployment serves every community of a subdistrict. Its admins open communities and
 * name their first admins in the app (a single-use admin code, redeemed by the person), read
 * counts and rates across the communities — never a resident's name, phone, room or words —
 * and receive what the communities escalate to the subdistrict.
 */
import { contract } from '../action';
import { INVITE_ALPHABET, INVITE_LENGTH } from '../member/contract';
import { z, id, text } from '../schema';

/** A rate with what it was computed from: never shown without its sample. */
export interface RateFigure {
  /** Integer percent, rounded down; null when nothing was counted. */
  percent: number | null;
  /** How many concerns the rate was computed over. */
  sample: number;
  /** 「90%（n=20）」「样本不足（n=3）」「—」. */
  text: string;
}

export interface CommunityFigures {
  communityId: string;
  name: string;
  /** Opened by the subdistrict and no admin has used a code yet: nobody runs it. */
  awaitingAdmin: boolean;
  /** Concerns raised in the month. */
  concerns: number;
  response: RateFigure;
  resolution: RateFigure;
  satisfaction: RateFigure;
  /** 公开及时率 of the month's disclosures: 「9/10（90%）」. */
  disclosureText: string;
  /** Disclosures overdue long enough to be owed to the subdistrict. */
  escalated: number;
}

export interface SubdistrictOverview {
  subdistrict: string;
  month: string;
  communities: CommunityFigures[];
}

export interface AdminCodeView {
  communityId: string;
  communityName: string;
  /** Shown once to the subdistrict admin, who hands it to the person; single use. */
  code: string;
  expiresAt: number;
}

/** Something a community escalated to the subdistrict: what and since when, no resident in it. */
export interface EscalationView {
  /** An overdue disclosure, or a concern whistled (吹哨) to a 街道科室 and not yet answered. */
  kind: 'disclosure' | 'whistle';
  communityId: string;
  communityName: string;
  title: string;
  /** 「逾期未公开（应于10月15日前）」 */
  reason: string;
  dueAt: number;
}

/** Communities ranked in the overview need this many concerns; below it a rate is shown as too small. */
export const SUBDISTRICT_MIN_SAMPLE = 10;

const month = z.string().regex(/^\d{4}-\d{2}$/, { error: '月份格式应为 2026-09' });
const adminCode = z
  .string({ error: '请输入管理员加入码' })
  .overwrite((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .regex(new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_LENGTH}}$`), { error: '加入码为8位字母或数字' });

export const subdistrictOverview = contract<SubdistrictOverview>()({
  name: 'subdistrict.overview',
  summary: '街道：各社区本月诉求数和三率（响应率、解决率、满意率）、公开及时率、报街道的逾期事项数',
  input: z.strictObject({ month: month.optional() }),
  roles: ['subdistrict'],
  scope: '本街道的所有社区；只有数量和比率，没有居民个人信息',
});

export const createCommunity = contract<AdminCodeView>()({
  name: 'subdistrict.createCommunity',
  summary: '街道：新建社区，并生成第一位社区管理员的加入码',
  input: z.strictObject({ name: text('社区名称', 2, 30) }),
  roles: ['subdistrict'],
  scope: '本街道；同名社区只建一个',
  idempotent: true,
});

export const issueAdminCode = contract<AdminCodeView>()({
  name: 'subdistrict.issueAdminCode',
  summary: '街道：为社区再生成一个管理员加入码（7天内有效，只能用一次）',
  input: z.strictObject({ communityId: id('社区') }),
  roles: ['subdistrict'],
  scope: '本街道的社区',
});

export const listEscalations = contract<{ items: EscalationView[] }>()({
  name: 'subdistrict.escalations',
  summary: '街道：各社区报街道的事项（逾期未公开的居务公开事项、吹哨到街道科室尚未回复的诉求）',
  input: z.strictObject({}),
  roles: ['subdistrict'],
  scope: '本街道的所有社区；没有居民个人信息',
});

export const redeemAdminCode = contract<{ communityId: string; communityName: string }>()({
  name: 'subdistrict.redeemAdminCode',
  summary: '使用街道发放的管理员加入码，成为社区管理员',
  input: z.strictObject({ code: adminCode, name: text('您的姓名', 2, 20) }),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人；每个加入码只能使用一次；已是其他社区成员的不能使用',
});
