import { AUDIT_AREA_FEATURES, AUDIT_AREAS, type AuditArea, type AuditAreaView, type AuditEntry } from '../../../../miniprogram/core/audit/contract';
import { BOOKING_STATUS_LABELS } from '../../../../miniprogram/core/booking/contract';
import { CONCERN_STATUS_LABELS } from '../../../../miniprogram/core/concern/contract';
import { ITEM_STATE_LABELS } from '../../../../miniprogram/core/disclosure/vocabulary';
import { fieldError } from '../../../../miniprogram/core/errors';
import { ROLE_LABELS, type CallerRole } from '../../../../miniprogram/core/roles';
import type { Handler, PrefetchOf } from '../../kernel/action';
import type { EventRecord } from '../../kernel/audit';
import type { FeatureRegistry } from '../../kernel/feature';
import type { ScopedStore } from '../../kernel/scoped-store';
import { fromAnchor, type Filter } from '../../ports/store';

/** Step types per area, from each feature's event registry (events.ts). */
function areas(features: FeatureRegistry): AuditAreaView[] {
  return (Object.keys(AUDIT_AREAS) as AuditArea[]).flatMap((key) => {
    const registries = features.events.filter((e) => AUDIT_AREA_FEATURES[key].includes(e.feature));
    if (registries.length === 0) return [];
    return [{ key, label: AUDIT_AREAS[key], types: registries.flatMap((r) => Object.entries(r.labels).map(([type, label]) => ({ type, label }))) }];
  });
}

type LogInput = Parameters<PrefetchOf<'audit.log'>>[0];

/** The filter of everything but an area (whose types are the features' word): subject, actor, type, period. */
function plainWhere(input: LogInput): Filter {
  const where: Filter = {};
  if (input.subject) where.subject = input.subject;
  if (input.actorId) where.actorId = input.actorId;
  if (input.type) where.type = input.type;
  if (input.from !== undefined || input.to !== undefined) {
    where.at = { ...(input.from !== undefined ? { $gte: input.from } : {}), ...(input.to !== undefined ? { $lt: input.to } : {}) };
  }
  return where;
}

const pageSpec = (input: LogInput) => ({ orderBy: { field: 'at', dir: 'desc' as const }, limit: input.limit, after: input.cursor });

/**
 * Read with the caller's record: the page of steps, asked as the log asks it — unless an area
 * narrows it (its types come from the features' registries, which only the handler holds).
 */
export const prefetchLog: PrefetchOf<'audit.log'> = (input) =>
  input.area && !input.type ? undefined : { page: { collection: 'events', where: { communityId: fromAnchor('communityId'), ...plainWhere(input) }, ...pageSpec(input) } };

/**
 * The log, newest first. Each filter combination reads through one index of `events`:
 * a record's history (subject), or the community's steps narrowed by actor and/or type (an
 * area is the set of its types), within a period.
 */
export const auditLog: Handler<'audit.log'> = async (ctx) => {
  const { input } = ctx;
  const db = ctx.db();
  const all = areas(ctx.features);
  const labels = new Map(all.flatMap((a) => a.types.map((t) => [t.type, t.label] as const)));
  const where = plainWhere(input);
  if (input.type) {
    if (!labels.has(input.type)) throw fieldError('VALIDATION_ERROR', 'type', '没有这种操作类型');
  } else if (input.area) {
    const types = all.find((a) => a.key === input.area)?.types.map((t) => t.type) ?? [];
    where.type = { $in: types };
  }
  const page = await db.query('events', { where, ...pageSpec(input) });
  const items = await present(db, page.items, labels);
  return { items, ...(page.next ? { next: page.next } : {}), ...(input.cursor ? {} : { areas: all }) };
};

const KIND_LABELS: Record<string, string> = {
  concern: '诉求',
  member: '成员',
  bindingRequest: '住户绑定申请',
  booking: '预约',
  service: '服务',
  grid: '网格',
  building: '楼栋',
  category: '诉求分类',
  community: '社区',
  department: '部门',
  moderation: '内容审核',
  volunteer: '志愿者',
  team: '志愿服务队',
  activity: '志愿活动',
  signup: '活动报名',
  attendance: '志愿签到',
  hours: '服务时长',
  dispute: '时长异议',
  certificate: '志愿服务记录证明',
  household: '住户',
  ownerUnit: '业主名册',
  poll: '投票',
  motion: '议题',
  meeting: '会议',
  proxy: '委托',
  resolution: '决议',
  disclosureItem: '公开事项',
  disclosureCategory: '公开类别',
  notice: '社区公告',
  committeeTerm: '居务监督委员会',
};

/** Looks like a record id (`m_3f…`, `h_…`, `g_demo_1`): never shown, resolved to a name or left out. */
const ID_TOKEN = /\b[a-z]{1,4}_[A-Za-z0-9_]{3,}\b/g;

const STATE_WORDS: Record<string, string> = {
  ...ROLE_LABELS,
  ...CONCERN_STATUS_LABELS,
  ...BOOKING_STATUS_LABELS,
  ...ITEM_STATE_LABELS,
  pending: '待处理',
  approved: '已通过',
  rejected: '未通过',
  expired: '已过期',
  watching: '观察中',
};

function words(state: string | null): string | null {
  if (state === null || state === '') return '无';
  const parts = state.split(',').map((p) => STATE_WORDS[p]);
  return parts.every((p) => p !== undefined) ? parts.join('、') : null;
}

async function present(db: ScopedStore, events: EventRecord[], labels: Map<string, string>): Promise<AuditEntry[]> {
  const refs = (kind: string) => [...new Set(events.filter((e) => e.subject.startsWith(`${kind}:`)).map((e) => e.subject.slice(kind.length + 1)))];
  const noteIds = [...new Set(events.flatMap((e) => e.note?.match(ID_TOKEN) ?? []))];
  const memberIds = [
    ...new Set([
      ...events.map((e) => e.actorId).filter((x): x is string => !!x),
      ...refs('member'),
      ...refs('bindingRequest').map((r) => r.replace(/^br_/, '')),
      ...noteIds.filter((x) => x.startsWith('m_')),
    ]),
  ];
  const [members, concerns, grids, buildings, services, bookings, categories, departments, polls, activities, teams, motions, meetings, resolutions, items, disclosureCategories, notices] = await Promise.all([
    db.getMany('members', memberIds),
    db.getMany('concerns', refs('concern')),
    db.getMany('grids', [...new Set([...refs('grid'), ...noteIds])]),
    db.getMany('buildings', refs('building')),
    db.getMany('services', refs('service')),
    db.getMany('bookings', refs('booking')),
    db.getMany('categories', refs('category')),
    db.getMany('departments', refs('department')),
    db.getMany('polls', refs('poll')),
    db.getMany('activities', refs('activity')),
    db.getMany('teams', refs('team')),
    db.getMany('motions', refs('motion')),
    db.getMany('meetings', refs('meeting')),
    db.getMany('resolutions', refs('resolution')),
    db.getMany('disclosureItems', refs('disclosureItem')),
    db.getMany('disclosureCategories', refs('disclosureCategory')),
    db.getMany('notices', refs('notice')),
  ]);
  const person = new Map(members.map((m) => [m._id, m.deletedAt ? '已注销用户' : m.name ?? '未留姓名']));
  const named = new Map<string, string>([
    ...concerns.map((c) => [`concern:${c._id}`, c.number] as const),
    ...grids.map((g) => [`grid:${g._id}`, g.name] as const),
    ...buildings.map((b) => [`building:${b._id}`, b.name] as const),
    ...services.map((s) => [`service:${s._id}`, s.name] as const),
    ...bookings.map((b) => [`booking:${b._id}`, `${b.serviceName}${b.residentName ? ` · ${b.residentName}` : ''}`] as const),
    ...categories.map((c) => [`category:${c._id}`, c.name] as const),
    ...departments.map((d) => [`department:${d._id}`, d.name] as const),
    ...polls.map((p) => [`poll:${p._id}`, p.title] as const),
    ...activities.map((a) => [`activity:${a._id}`, a.title] as const),
    ...teams.map((t) => [`team:${t._id}`, t.name] as const),
    ...motions.map((m) => [`motion:${m._id}`, m.title] as const),
    ...meetings.map((m) => [`meeting:${m._id}`, m.title] as const),
    ...resolutions.map((r) => [`resolution:${r._id}`, r.title] as const),
    ...items.map((i) => [`disclosureItem:${i._id}`, i.title] as const),
    ...disclosureCategories.map((c) => [`disclosureCategory:${c._id}`, c.label] as const),
    ...notices.map((n) => [`notice:${n._id}`, n.title] as const),
  ]);
  const gridName = new Map(grids.map((g) => [g._id, g.name]));
  const subjectOf = (subject: string): string => {
    const [kind, ...rest] = subject.split(':');
    const ref = rest.join(':');
    const label = KIND_LABELS[kind] ?? '记录';
    const name = kind === 'member' ? person.get(ref) : kind === 'bindingRequest' ? person.get(ref.replace(/^br_/, '')) : named.get(subject);
    return name ? `${label} ${name}` : label;
  };
  return events.map((e) => {
    const entry: AuditEntry = {
      id: e._id,
      at: e.at,
      type: e.type,
      label: labels.get(e.type) ?? '其他操作',
      actor: e.actorId ? person.get(e.actorId) ?? '未留姓名' : '系统',
      actorRole: e.actorRole === 'system' ? '系统' : ROLE_LABELS[e.actorRole as CallerRole] ?? '',
      subject: subjectOf(e.subject),
    };
    const from = words(e.from);
    const to = words(e.to);
    if ((e.from !== null || e.to !== null) && from !== null && to !== null && from !== to) entry.change = `${from} → ${to}`;
    if (e.note) {
      const note = e.note.replace(ID_TOKEN, (token) => person.get(token) ?? gridName.get(token) ?? '').replace(/[,，、]{2,}/g, '、').trim();
      if (note) entry.note = note;
    }
    return entry;
  });
}
