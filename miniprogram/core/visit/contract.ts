/**
 * 走访 / 党员问事: staff and Party members visit households and log what they heard; a visit
 * that needs action files a concern for the household through the 代办 path. Coverage per
 * grid and month (households visited ÷ households), the households nobody has heard from for
 * 90 days, and the care flags (高龄/独居, 特殊关爱) staff set on a household. Only the building
 * is kept as place: no location, no track of anyone.
 */
import { contract, type Page } from '../action';
import { z, id, text, paging } from '../schema';

export const VISIT_CHANNELS = ['door', 'phone', 'wechat'] as const;
export type VisitChannel = (typeof VISIT_CHANNELS)[number];
export const VISIT_CHANNEL_LABELS: Record<VisitChannel, string> = { door: '上门', phone: '电话', wechat: '微信' };

/** A visit may be logged up to this long after it happened, never ahead of it. */
export const VISIT_BACKDATE_DAYS = 30;
/** A household nobody visited and who raised nothing for this long is 「未联系」. */
export const NO_CONTACT_DAYS = 90;
/** Elderly and special-care households are due a contact sooner. */
export const CARE_CONTACT_DAYS = 30;
export const VISIT_NOTES_MAX = 500;
export const VISIT_TOPICS_MAX = 5;

export const CARE_FLAGS = ['elderly', 'specialCare'] as const;
export type CareFlag = (typeof CARE_FLAGS)[number];
export const CARE_FLAG_LABELS: Record<CareFlag, string> = { elderly: '高龄/独居', specialCare: '特殊关爱' };

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 2026-09' });

// ---------------------------------------------------------------------------------- views

export interface VisitView {
  id: string;
  householdId: string;
  /** 1号楼 1单元 101室, read from the roll when shown. */
  address: string;
  buildingName: string;
  gridId: string;
  visitedAt: number;
  channel: VisitChannel;
  channelLabel: string;
  topics: { id: string; name: string }[];
  notes: string | null;
  /** 李秀英, or 党员 王大伟（李秀英登记）. */
  visitorText: string;
  visitorKind: 'self' | 'partyMember';
  loggedByName: string;
  /** The concern filed for the household when the visit needed action. */
  concern: { id: string; number: string } | null;
  createdAt: number;
}

export interface CareView {
  householdId: string;
  elderly: boolean;
  specialCare: boolean;
  /** 「高龄/独居、特殊关爱」 or 「」. */
  text: string;
  updatedAt: number | null;
  updatedByName: string | null;
}

export interface UncontactedHousehold {
  householdId: string;
  address: string;
  /** The latest visit or concern within the look-back; null: none in that time. */
  lastContactAt: number | null;
  /** 「45天未联系」「180天内无走访和诉求」. */
  reason: string;
  care: CareView;
}

export interface CoverageView {
  gridId: string;
  gridName: string;
  month: string;
  /** Households visited at least once in the month ÷ households of the grid's buildings. */
  visited: number;
  households: number;
  /** Integer percent, floor; null when the grid has no household. */
  percent: number | null;
  /** 「12/40（30%）」. */
  rateText: string;
  visits: number;
  /** As of the end of the month (or now, for the current month). */
  asOf: number;
  /** No visit and no concern for NO_CONTACT_DAYS, longest silent first. */
  noContact: UncontactedHousehold[];
  /** Households flagged 高龄/独居 or 特殊关爱, with their last contact. */
  care: UncontactedHousehold[];
  /** True when a list stopped at its cap. */
  truncated: boolean;
}

// ---------------------------------------------------------------------------------- actions

export const visitorInput = z.discriminatedUnion(
  'kind',
  [z.strictObject({ kind: z.literal('self') }), z.strictObject({ kind: z.literal('partyMember'), name: text('党员姓名', 1, 20) })],
  { error: '请选择走访人' },
);

export const logVisitInput = z.strictObject({
  householdId: id('住户'),
  visitor: visitorInput,
  visitedAt: z.number({ error: '请选择走访时间' }).int(),
  channel: z.enum(VISIT_CHANNELS, { error: '请选择走访方式' }),
  topics: z.array(id('话题')).min(1, { error: '请至少选择一个话题' }).max(VISIT_TOPICS_MAX, { error: `话题最多选${VISIT_TOPICS_MAX}个` }),
  notes: text('走访记录', 1, VISIT_NOTES_MAX).optional(),
  /** The household asked for something to be done: filed as a concern (代办) in its name. */
  needsAction: z.strictObject({ category: id('分类'), text: text('需要办理的事', 5, 1000) }).optional(),
});

export const logVisit = contract<VisitView>()({
  name: 'visit.log',
  summary: '登记走访（党员问事）：记下走访的住户、方式和话题；需要办理的事代居民登记为诉求',
  input: logVisitInput,
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责网格内的住户；管理员：本社区住户。只记楼栋，不记位置',
  idempotent: true,
});

export const listVisits = contract<Page<VisitView>>()({
  name: 'visit.list',
  summary: '查看走访记录：一户的，或一个网格一个月的，最新的在前',
  input: z.union(
    [z.strictObject({ householdId: id('住户'), ...paging }), z.strictObject({ gridId: id('网格'), month, ...paging })],
    { error: '请选择住户，或网格和月份' },
  ),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责的网格；管理员：本社区',
});

export const visitCoverage = contract<CoverageView>()({
  name: 'visit.coverage',
  summary: '走访覆盖：一个网格一个月走访到的户数÷总户数，90天未联系的住户，高龄和特殊关爱户',
  input: z.strictObject({ gridId: id('网格'), month }),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责的网格；管理员：本社区',
});

export const setCare = contract<CareView>()({
  name: 'visit.setCare',
  summary: '标记关爱户：高龄/独居、特殊关爱（工作人员设置的住户属性）',
  input: z.strictObject({ householdId: id('住户'), elderly: z.boolean(), specialCare: z.boolean() }),
  roles: ['gridWorker', 'admin'],
  scope: '网格员：本人负责网格内的住户；管理员：本社区住户',
});
