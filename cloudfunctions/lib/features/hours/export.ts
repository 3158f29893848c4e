import { EXPORT_KIND_LABELS, IMPORT_SHEET_COLUMNS, IMPORT_SHEET_NOTE, type ExportKind } from '../../../../miniprogram/core/volunteer/certificate';
import { CHECK_METHOD_LABELS, ENTRY_STATUS_LABELS, SIGNUP_STATUS_LABELS, hoursText } from '../../../../miniprogram/core/volunteer/vocabulary';
import { fieldError } from '../../../../miniprogram/core/errors';
import { formatDateTime } from '../../../../miniprogram/core/format';
import type { Handler, HandlerContext, PrefetchOf } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { hasRole } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { fromAnchor, type Filter, type ReadPart } from '../../ports/store';
import type { HourEntryRecord, VolunteerRecord } from '../volunteer/records';
import { activitiesOf, readAll } from './ledger-read';
import { workbookBase64, type Sheet } from './export-sheets';

type Input = Parameters<Handler<'hours.export'>>[0]['input'];
type Ctx = HandlerContext<Input>;

/**
 * 导出: the subdistrict's sheets as xlsx. The right to full ID numbers (证件号码) is the
 * community admin's alone — the 居委会 answers for the record (谁记录谁负责) and re-enters
 * it in 中国志愿服务网; a grid worker's export shows the masked number. Every export is
 * audited with what it held.
 */
export const exportSheet: Handler<'hours.export'> = async (ctx) => {
  const db = ctx.db();
  const fullIds = hasRole(ctx.caller, 'admin');
  const people = new People(ctx, db, fullIds);
  const built = await SHEETS[ctx.input.kind](ctx, db, people);
  const base64 = await workbookBase64(built.sheet, new Date(ctx.now));
  const rows = built.sheet.rows.length;
  await appendEvent(db, ctx.caller, {
    key: ctx.deps.ids.random('e'),
    subject: built.subject,
    type: 'hours.exported',
    to: ctx.input.kind,
    note: `${EXPORT_KIND_LABELS[ctx.input.kind]}，${rows}行，${fullIds ? '含完整证件号码' : '证件号码已隐去'}`,
    public: false,
    at: ctx.now,
  });
  return { fileName: `${built.fileStem}-${formatDateTime(ctx.now).slice(0, 10)}.xlsx`, base64, rows, truncated: built.truncated, idsMasked: !fullIds };
};

/** Volunteers by member id, with their ID number as this exporter may see it. */
class People {
  private cache = new Map<string, VolunteerRecord | null>();
  constructor(private ctx: Ctx, private db: ScopedStore, private fullIds: boolean) {}
  async load(memberIds: readonly string[]): Promise<void> {
    const ids = [...new Set(memberIds)].filter((m) => !this.cache.has(m));
    const found = new Map((await this.db.getMany('volunteers', ids.map((m) => `vol_${m}`))).map((v) => [v.memberId, v]));
    for (const m of ids) this.cache.set(m, found.get(m) ?? null);
  }
  get(memberId: string): VolunteerRecord | null {
    return this.cache.get(memberId) ?? null;
  }
  name(memberId: string): string {
    return this.get(memberId)?.name ?? '';
  }
  idNumber(memberId: string): string {
    const v = this.get(memberId);
    if (!v) return '';
    if (this.fullIds && v.idNumberEnc) return this.ctx.deps.cipher.decrypt(v.idNumberEnc);
    return v.idNumberMasked ?? '';
  }
}

interface Built {
  sheet: Sheet;
  subject: string;
  fileStem: string;
  truncated: boolean;
}

const periodText = (i: Input) => (i.from || i.to ? `服务日期：${i.from ?? '最早'} 至 ${i.to ?? '今天'}` : '服务日期：全部');

function serviceDateRange(i: Input): Filter {
  if (!i.from && !i.to) return {};
  return { serviceDate: { ...(i.from ? { $gte: i.from } : {}), ...(i.to ? { $lte: i.to } : {}) } };
}

/** Which entries a ledger sheet reads (readAll then asks `{ ...where, ...range }` by serviceDate). */
function ledgerWhere(i: Input): Filter | null {
  if (i.kind === 'person') return { memberId: i.memberId ?? '' };
  if (i.kind === 'team') return { teamId: i.teamId ?? '' };
  if (i.kind === 'importSheet') return i.teamId ? { teamId: i.teamId, status: 'verified' } : { status: 'verified' };
  return null;
}

/** A first page as readAll asks it, within the caller's community. */
const firstPage = (collection: string, where: Filter, orderField: string): ReadPart => ({
  collection, where: { communityId: fromAnchor('communityId'), ...where }, orderBy: { field: orderField, dir: 'asc' }, limit: 100,
});

/**
 * Read with the caller's record: what each sheet reads first, named by the input — the
 * activity with its sign-ups and attendance, or the ledger's first page of entries and (for a
 * person) their volunteer record. Names and activities of the entries follow.
 */
export const prefetchExport: PrefetchOf<'hours.export'> = (i): Record<string, ReadPart> | undefined => {
  if (i.kind === 'signInSheet') {
    const activityId = i.activityId ?? '';
    return {
      activity: { collection: 'activities', id: activityId },
      signups: firstPage('signups', { activityId }, 'createdAt'),
      attendance: firstPage('attendance', { activityId }, 'inAt'),
    };
  }
  const where = ledgerWhere(i);
  if (!where) return undefined;
  return {
    entries: firstPage('hourEntries', { ...where, ...serviceDateRange(i) }, 'serviceDate'),
    ...(i.kind === 'person' ? { volunteer: { collection: 'volunteers', ids: [`vol_${i.memberId ?? ''}`] } } : {}),
  };
};

async function entriesWhere(db: ScopedStore, where: Filter, i: Input) {
  return readAll(db, 'hourEntries', { ...where, ...serviceDateRange(i) }, 'serviceDate');
}

function totalOf(entries: readonly HourEntryRecord[]): number {
  return entries.reduce((s, e) => (e.status === 'verified' ? s + e.minutes : s), 0);
}

const LEDGER_HEADER = ['服务日期', '志愿者姓名', '志愿者编号', '证件号码', '活动名称', '服务内容', '时长（分钟）', '状态', '备注'] as const;

async function ledgerRows(db: ScopedStore, people: People, entries: readonly HourEntryRecord[]): Promise<string[][]> {
  // The people and the activities are apart: read at once.
  const [, activities] = await Promise.all([people.load(entries.map((e) => e.memberId)), activitiesOf(db, entries.map((e) => e.activityId))]);
  return entries.map((e) => [
    e.serviceDate,
    people.name(e.memberId),
    people.get(e.memberId)?.volunteerNumber ?? '',
    people.idNumber(e.memberId),
    activities.get(e.activityId)?.title ?? '',
    e.content,
    String(e.minutes),
    ENTRY_STATUS_LABELS[e.status],
    e.kind === 'adjustment' ? `更正：${e.reason ?? ''}` : '',
  ]);
}

const SHEETS: Record<ExportKind, (ctx: Ctx, db: ScopedStore, people: People) => Promise<Built>> = {
  async signInSheet(ctx, db, people) {
    const activity = await db.require('activities', ctx.input.activityId ?? '', '没有找到这个活动', 'activityId');
    const [signups, attendance] = await Promise.all([
      readAll(db, 'signups', { activityId: activity._id }, 'createdAt'),
      readAll(db, 'attendance', { activityId: activity._id }, 'inAt'),
    ]);
    // 应到: who holds a seat; a waitlisted person is never on the sheet.
    const due = signups.items.filter((s) => s.status === 'booked' || s.status === 'offered');
    const present = new Map(attendance.items.map((a) => [`${a.shiftId}|${a.memberId}`, a]));
    const dueKeys = new Set(due.map((s) => `${s.shiftId}|${s.memberId}`));
    await people.load([...due.map((s) => s.memberId), ...attendance.items.map((a) => a.memberId)]);
    const shiftText = (shiftId: string) => {
      const sh = activity.shifts.find((x) => x.shiftId === shiftId);
      return sh ? `${formatDateTime(sh.startAt)}–${formatDateTime(sh.endAt).slice(11)}` : '';
    };
    const roleName = (roleId: string) => activity.roles.find((r) => r.roleId === roleId)?.name ?? '';
    const row = (shiftId: string, memberId: string, role: string, dueText: string): string[] => {
      const a = present.get(`${shiftId}|${memberId}`);
      return [
        shiftText(shiftId), role, people.name(memberId), people.get(memberId)?.volunteerNumber ?? '', people.idNumber(memberId), dueText,
        a ? '是' : '否', a ? formatDateTime(a.inAt) : '', a?.outAt ? formatDateTime(a.outAt) : '', a ? CHECK_METHOD_LABELS[a.inMethod] : '',
      ];
    };
    const rows = [
      ...due.map((s) => row(s.shiftId, s.memberId, roleName(s.roleId), SIGNUP_STATUS_LABELS[s.status])),
      // Checked in by hand without a seat (团体录入): present, not due.
      ...attendance.items.filter((a) => !dueKeys.has(`${a.shiftId}|${a.memberId}`)).map((a) => row(a.shiftId, a.memberId, '', '未报名')),
    ];
    const presentDue = due.filter((s) => present.has(`${s.shiftId}|${s.memberId}`)).length;
    return {
      sheet: {
        title: `${activity.title} 签到表`,
        note: `地点：${activity.place}。应到 ${due.length} 人，实到 ${presentDue} 人${rows.length > due.length ? `，另有未报名到场 ${rows.length - due.length} 人` : ''}。`,
        header: ['班次', '岗位', '姓名', '志愿者编号', '证件号码', '应到', '实到', '签到时间', '签退时间', '签到方式'],
        rows,
      },
      subject: `activity:${activity._id}`,
      fileStem: 'linli-signin',
      truncated: signups.truncated || attendance.truncated,
    };
  },

  async person(ctx, db, people) {
    const memberId = ctx.input.memberId ?? '';
    await people.load([memberId]);
    const v = people.get(memberId);
    if (!v) throw fieldError('NOT_FOUND', 'memberId', '没有找到这位志愿者的登记信息');
    const { items, truncated } = await entriesWhere(db, { memberId }, ctx.input);
    return {
      sheet: { title: `${v.name} 志愿服务时长台账`, note: `${periodText(ctx.input)}；已核验合计 ${hoursText(totalOf(items))}。`, header: LEDGER_HEADER, rows: await ledgerRows(db, people, items) },
      subject: `volunteer:${v._id}`,
      fileStem: 'linli-ledger-person',
      truncated,
    };
  },

  async team(ctx, db, people) {
    const team = await db.require('teams', ctx.input.teamId ?? '', '没有找到这个团队', 'teamId');
    const { items, truncated } = await entriesWhere(db, { teamId: team._id }, ctx.input);
    return {
      sheet: { title: `${team.name} 志愿服务时长台账`, note: `${periodText(ctx.input)}；已核验合计 ${hoursText(totalOf(items))}。`, header: LEDGER_HEADER, rows: await ledgerRows(db, people, items) },
      subject: `team:${team._id}`,
      fileStem: 'linli-ledger-team',
      truncated,
    };
  },

  /** Verified entries only, in 中国志愿服务网's columns, for a coordinator to re-enter there. */
  async importSheet(ctx, db, people) {
    const { items, truncated } = await entriesWhere(db, ledgerWhere(ctx.input) ?? { status: 'verified' }, ctx.input);
    const [, activities] = await Promise.all([people.load(items.map((e) => e.memberId)), activitiesOf(db, items.map((e) => e.activityId))]);
    // 谁组织谁记录: only this community's own activities go to the national system from here.
    const own = items.filter((e) => activities.get(e.activityId)?.communityId === db.communityId && e.minutes > 0);
    const rows = own.map((e) => [
      people.name(e.memberId),
      people.get(e.memberId)?.idNumberMasked || people.get(e.memberId)?.idNumberEnc ? '居民身份证' : '',
      people.idNumber(e.memberId),
      activities.get(e.activityId)?.title ?? '',
      e.serviceDate,
      (Math.round(e.minutes / 6) / 10).toFixed(1),
      e.content,
      people.get(e.memberId)?.volunteerNumber ?? '',
    ]);
    return {
      sheet: { title: '中国志愿服务网补录参照表', note: `${IMPORT_SHEET_NOTE} ${periodText(ctx.input)}。`, header: IMPORT_SHEET_COLUMNS, rows },
      subject: `community:${db.communityId}`,
      fileStem: 'linli-import-sheet',
      truncated,
    };
  },
};
