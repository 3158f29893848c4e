/**
 * 志愿服务记录证明 and the subdistrict's sheets: the hours feature's certificate and export
 * actions (a section of their own beside the ledger's). A certificate is a snapshot of
 * verified entries of activities this community organised (谁组织谁记录、谁记录谁证明), with
 * the fields 民发〔2015〕149号 lists; it never changes after issue and is free of charge
 * (《志愿服务条例》 Art. 19). The public verify answer shows validity, hours, period and the
 * masked name only.
 */
import { contract, type Page } from '../action';
import { z, id, text, paging } from '../schema';

/** Which rules a certificate was made under; printed on it so a later change is visible. */
export const CERTIFICATE_RULE_VERSION = '民政部令第67号、民发〔2015〕149号；邻里计时规则 v1';

const day = (label: string) => z.string({ error: `${label}格式不正确` }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 2026-01-31` });
const period = {
  from: day('开始日期').optional(),
  to: day('结束日期').optional(),
};
const periodOrder = (v: { from?: string; to?: string }) => !v.from || !v.to || v.from <= v.to;

/** The four blocks of 民发〔2015〕149号, frozen at issue. */
export interface CertificateSnapshotView {
  name: string;
  idType: '居民身份证' | null;
  idNumberMasked: string | null;
  volunteerNumber: string;
  minutes: number;
  content: string[];
  period: { from: string; to: string };
  issuer: string;
  personInCharge: string;
  handler: string;
  contact: string;
  rounding: string;
  ruleVersion: string;
}

export interface CertificateView {
  id: string;
  /** 证明编号: the only identifier a certificate shows. */
  number: string;
  issuedOn: string;
  snapshot: CertificateSnapshotView;
  /** What the QR encodes: the verify page's address with the community and the token. */
  verify: { communityId: string; token: string };
  revoked: { on: string; reason: string } | null;
}

export const issueCertificate = contract<CertificateView>()({
  name: 'hours.certificate',
  summary: '为志愿者开具志愿服务记录证明（免费）',
  input: z
    .strictObject({
      memberId: id('志愿者'),
      ...period,
      personInCharge: text('负责人', 1, 20),
      contact: text('联系电话', 5, 30),
    })
    .refine(periodOrder, { error: '结束日期不能早于开始日期', path: ['to'] }),
  roles: ['admin'],
  scope: '本社区；只计本社区组织的活动中已核验的时长',
  idempotent: true,
});

export const listCertificates = contract<Page<CertificateView>>()({
  name: 'hours.certificates',
  summary: '志愿服务记录证明：本人的，或管理员查看某位志愿者的',
  input: z.strictObject({ memberId: id('志愿者').optional(), ...paging }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '不指定志愿者时为本人的证明；指定时仅限本社区管理员',
});

export const revokeCertificate = contract<CertificateView>()({
  name: 'hours.revokeCertificate',
  summary: '撤销一份志愿服务记录证明（留存撤销记录）',
  input: z.strictObject({ certificateId: id('证明'), reason: text('撤销原因', 2, 100) }),
  roles: ['admin'],
  scope: '本社区开具的证明',
});

/** The public answer: validity, hours, period, masked name — and for a revoked one its date only. */
export type CertificateCheck =
  | { status: 'valid'; minutes: number; period: { from: string; to: string }; maskedName: string }
  | { status: 'revoked'; revokedOn: string };

export const verifyCertificate = contract<CertificateCheck>()({
  name: 'hours.verifyCertificate',
  summary: '查验志愿服务记录证明（扫证明上的二维码，无需登录）',
  input: z.strictObject({ communityId: id('社区'), token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: '查验码格式不正确' }) }),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'department'],
  scope: '公开：只显示是否有效、时长、服务期间和隐去部分的姓名',
  anonymous: true,
});

export const EXPORT_KINDS = ['signInSheet', 'person', 'team', 'importSheet'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  signInSheet: '活动签到表（应到/实到）',
  person: '个人服务时长台账',
  team: '团队服务时长台账',
  importSheet: '中国志愿服务网补录表',
};

/** Linli is not the MCA-designated system; the import sheet says so in its first line. */
export const IMPORT_SHEET_NOTE =
  '说明：本表由邻里小程序导出，供社区志愿服务协调人在全国志愿服务信息系统（中国志愿服务网）中补录时参照。邻里不是民政部指定的志愿服务信息系统，本表不是该系统的记录；以该系统录入结果为准。';

/** The columns 中国志愿服务网's bulk hour entry asks for, in its order. */
export const IMPORT_SHEET_COLUMNS = ['志愿者姓名', '证件类型', '证件号码', '活动名称', '服务日期', '服务时长（小时）', '服务内容', '志愿者编号'] as const;

export const exportSheet = contract<{ fileName: string; base64: string; rows: number; truncated: boolean; idsMasked: boolean }>()({
  name: 'hours.export',
  summary: '导出志愿服务表格（签到表、个人或团队台账、中国志愿服务网补录表，xlsx）',
  input: z
    .strictObject({
      kind: z.enum(EXPORT_KINDS, { error: '请选择导出内容' }),
      activityId: id('活动').optional(),
      memberId: id('志愿者').optional(),
      teamId: id('团队').optional(),
      ...period,
    })
    .refine((v) => v.kind !== 'signInSheet' || !!v.activityId, { error: '请选择活动', path: ['activityId'] })
    .refine((v) => v.kind !== 'person' || !!v.memberId, { error: '请选择志愿者', path: ['memberId'] })
    .refine((v) => v.kind !== 'team' || !!v.teamId, { error: '请选择团队', path: ['teamId'] })
    .refine(periodOrder, { error: '结束日期不能早于开始日期', path: ['to'] }),
  roles: ['gridWorker', 'admin'],
  scope: '本社区；证件号码只对社区管理员完整导出，其他人导出时隐去中间部分；每次导出都记入审计',
});
