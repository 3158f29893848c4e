import { createHash } from 'node:crypto';
import { VISIT_BACKDATE_DAYS, VISIT_CHANNEL_LABELS, type VisitChannel } from '../../../../miniprogram/core/visit/contract';
import type { FilingChannel } from '../../../../miniprogram/core/channels';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { DAY } from '../../kernel/time';
import { takeIn } from '../concern/intake';
import { formatAddress } from '../member/household';
import { householdSubject, visitConcernIdFor, visitIdFor } from './ids';
import { monthOf } from '../../kernel/months';
import { toVisitView } from './presenters';
import type { HouseholdRecord } from '../member/records';
import type { VisitRecord } from './records';
import { householdInScope } from './scope';

/** A few minutes of clock skew between a phone and the server is not "the future". */
const FUTURE_SLACK = 5 * 60 * 1000;

/**
 * 代办's channels are how a resident reached staff; a visit by WeChat is, like a call, a
 * conversation at a distance, and the reason line says it was WeChat.
 */
const FILING_CHANNEL: Record<VisitChannel, FilingChannel> = { door: 'visit', phone: 'phone', wechat: 'phone' };

/**
 * 登记走访: a grid worker (or an admin) logs a visit to a household of their grids — their
 * own, or one a Party member made and told them about. What the household asked to be done
 * goes in as a concern through the one intake path (代办: same check, number, routing and
 * clocks), filed by the person logging, keyed by the visit: a retried log makes one visit
 * and files one concern. The concern goes in before the visit, so a crash between the two
 * leaves a concern the retry finds again, never a visit that forgot its concern.
 */
export const logVisit: Handler<'visit.log'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const id = visitIdFor(db.communityId, caller.memberId, ctx.idempotencyKey ?? '');
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');

  // A retry finds its visit; a first call needs the household in scope: both in one wait.
  const [existing, scoped] = await Promise.all([
    db.get('visits', id),
    householdInScope(ctx, input.householdId).then((found) => ({ found }), (err: unknown) => ({ err })),
  ]);
  if (existing) return replay(ctx, existing, requestHash, 'found' in scoped ? scoped.found.household : null);
  if ('err' in scoped) throw scoped.err;
  const { household, building } = scoped.found;
  if (input.visitedAt > now + FUTURE_SLACK) throw fieldError('VALIDATION_ERROR', 'visitedAt', '走访时间不能晚于现在');
  if (input.visitedAt < now - VISIT_BACKDATE_DAYS * DAY) throw fieldError('VALIDATION_ERROR', 'visitedAt', `只能登记${VISIT_BACKDATE_DAYS}天内的走访`);

  const topicIds = [...new Set(input.topics)];
  const categories = await db.getMany('categories', topicIds);
  const byId = new Map(categories.map((c) => [c._id, c]));
  if (topicIds.some((t) => !byId.has(t))) throw fieldError('VALIDATION_ERROR', 'topics', '所选话题不存在');
  const topics = topicIds.map((t) => ({ id: t, name: byId.get(t)!.name }));

  await checkWritten(ctx, { notes: input.notes, visitor: input.visitor.kind === 'partyMember' ? input.visitor.name : undefined });

  let concern: { id: string; number: string } | null = null;
  if (input.needsAction) {
    const visitorName = input.visitor.kind === 'partyMember' ? `党员${input.visitor.name}` : caller.name ?? '社区工作人员';
    try {
      const filed = await takeIn(ctx, {
        id: visitConcernIdFor(id),
        requestHash,
        authorId: null,
        authorName: null,
        householdId: household._id,
        buildingId: building._id,
        category: input.needsAction.category,
        text: input.needsAction.text,
        photos: [],
        hideName: false,
        filedBy: {
          memberId: caller.memberId,
          name: caller.name ?? '社区工作人员',
          channel: FILING_CHANNEL[input.channel],
          reason: `走访（${VISIT_CHANNEL_LABELS[input.channel]}）时居民反映，${visitorName}走访`,
          contactName: null,
        },
      });
      concern = { id: filed.id, number: filed.number };
    } catch (err) {
      throw onNeedsAction(err);
    }
  }

  const record: VisitRecord = {
    _id: id,
    communityId: db.communityId,
    householdId: household._id,
    buildingId: building._id,
    buildingName: building.name,
    gridId: building.gridId,
    month: monthOf(input.visitedAt),
    visitedAt: input.visitedAt,
    channel: input.channel,
    topics,
    notes: input.notes ?? null,
    visitor: input.visitor.kind === 'self'
      ? { kind: 'self', memberId: caller.memberId, name: caller.name ?? '社区工作人员' }
      : { kind: 'partyMember', memberId: null, name: input.visitor.name },
    loggedById: caller.memberId,
    loggedByName: caller.name ?? '社区工作人员',
    concernId: concern?.id ?? null,
    concernNumber: concern?.number ?? null,
    requestHash,
    createdAt: now,
  };
  if (!(await db.insert('visits', record))) {
    // A parallel retry under the same key won the race.
    return replay(ctx, await db.require('visits', id), requestHash);
  }
  await recordLogged(ctx, record);
  return toVisitView(record, formatAddress(building.name, household.unit, household.room));
};

async function replay(ctx: Parameters<Handler<'visit.log'>>[0], existing: VisitRecord, requestHash: string, read: HouseholdRecord | null = null) {
  if (existing.requestHash !== requestHash) throw new AppError('CONFLICT', '这次走访已经登记过了', { existing: { id: existing._id } });
  // Finishes what a crashed first attempt may have left undone.
  const [, household] = await Promise.all([
    recordLogged(ctx, existing),
    read && read._id === existing.householdId ? read : ctx.db().get('households', existing.householdId),
  ]);
  return toVisitView(existing, household ? formatAddress(existing.buildingName, household.unit, household.room) : existing.buildingName);
}

function recordLogged(ctx: Parameters<Handler<'visit.log'>>[0], v: VisitRecord) {
  const who = v.visitor.kind === 'partyMember' ? `党员${v.visitor.name}（${v.loggedByName}登记）` : v.visitor.name;
  return appendEvent(ctx.db(), ctx.caller, {
    key: `logged-${v._id}`,
    subject: householdSubject(v.householdId),
    type: 'visit.logged',
    public: false,
    note: `${who}${VISIT_CHANNEL_LABELS[v.channel]}走访：${v.topics.map((t) => t.name).join('、')}${v.concernNumber ? `；代为登记诉求 ${v.concernNumber}` : ''}`,
    at: v.createdAt,
  });
}

/** The concern's own fields answer for the visit's `needsAction`, so the form shows it there. */
function onNeedsAction(err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (!issues?.length) return err;
  return new AppError(err.code, err.message, { ...(err.details as object), issues: issues.map((i) => ({ path: `needsAction.${i.path}`, message: i.message })) });
}
