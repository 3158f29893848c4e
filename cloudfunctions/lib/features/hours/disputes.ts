import type { DisputeView } from '../../../../miniprogram/core/hours/contract';
import { DISPUTE_DAYS } from '../../../../miniprogram/core/volunteer/vocabulary';
import { AppError } from '../../../../miniprogram/core/errors';
import { appendEvent } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { fromAnchor } from '../../ports/store';
import type { Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../kernel/time';
import { adminsInbox } from '../notify/records';
import type { DisputeRecord, HourEntryRecord } from '../volunteer/records';
import { toEntryView } from './presenters';

export const disputeId = (entryId: string) => `hd_${entryId}`;
/** The entry a dispute is about, from the dispute's id alone (it is named by the entry). */
const entryIdOf = (disputeId: string): string | null => (disputeId.startsWith('hd_') ? disputeId.slice(3) : null);

function toDisputeView(caller: Caller, d: DisputeRecord, entry: HourEntryRecord, now: number, volunteerName?: string): DisputeView {
  return {
    id: d._id,
    entry: toEntryView(caller, entry, volunteerName),
    text: d.text,
    dueAt: d.dueAt,
    late: d.status === 'open' && d.dueAt < now,
    status: d.status,
    statusLabel: d.status === 'open' ? (d.dueAt < now ? '已逾期，待答复' : '待答复') : '已答复',
    answer: d.answer,
    allowedActions: d.status === 'open' && caller.roles.includes('admin') ? ['hours.answerDispute'] : [],
  };
}

/** The volunteer questions one of their entries; it reaches the admins' queue with a deadline. */
export const disputeHours: Handler<'hours.dispute'> = async (ctx) => {
  const db = ctx.db();
  const entry = await db.get('hourEntries', ctx.input.entryId);
  // Someone else's entry reads as missing.
  if (!entry || entry.memberId !== ctx.caller.memberId) throw new AppError('NOT_FOUND', '时长记录不存在', { issues: [{ path: 'entryId', message: '时长记录不存在' }] });
  await checkWritten(ctx, { text: ctx.input.text });
  const dueAt = ctx.now + DISPUTE_DAYS * DAY;
  const record: DisputeRecord = {
    _id: disputeId(entry._id), communityId: db.communityId, entryId: entry._id, memberId: entry.memberId, text: ctx.input.text,
    dueAt, status: 'open', answer: null, answeredBy: null, createdAt: ctx.now, activityId: entry.activityId, wakeAt: dueAt,
  };
  if (!(await db.insert('hourDisputes', record))) {
    const existing = await db.get('hourDisputes', record._id);
    if (existing && existing.text === record.text && existing.status === 'open') return toDisputeView(ctx.caller, existing, entry, ctx.now);
    throw new AppError('CONFLICT', '这条记录已经提出过异议');
  }
  // The event and the admins' notice are apart (both under deterministic ids): at once.
  await Promise.all([
    appendEvent(db, ctx.caller, { key: 'opened', subject: `dispute:${record._id}`, type: 'hours.disputed', to: 'open', public: false, at: ctx.now }),
    ctx.deps.notifier.notify({
      id: `dispute:${record._id}:opened`, communityId: db.communityId, recipientId: adminsInbox(db.communityId), kind: 'hours.disputed',
      title: `服务时长异议：${entry.content}`, body: `请在${DISPUTE_DAYS}天内答复。`, page: '/staff/hours-verify/index?tab=disputes',
    }),
  ]);
  return toDisputeView(ctx.caller, record, entry, ctx.now);
};

async function views(db: ScopedStore, caller: Caller, items: DisputeRecord[], now: number): Promise<DisputeView[]> {
  const entries = new Map((await db.getMany('hourEntries', items.map((d) => d.entryId))).map((e) => [e._id, e]));
  // Names ride on the entries since they were made; older entries read the member.
  const unnamed = items.filter((d) => entries.get(d.entryId)?.name === undefined);
  const names = new Map((await db.getMany('members', unnamed.map((d) => d.memberId))).map((m) => [m._id, m.name ?? '志愿者']));
  return items.filter((d) => entries.has(d.entryId)).map((d) => toDisputeView(caller, d, entries.get(d.entryId) as HourEntryRecord, now, entries.get(d.entryId)?.name ?? names.get(d.memberId) ?? '志愿者'));
}

type QueueInput = Parameters<Handler<'hours.disputes'>>[0]['input'];
const queueSpec = (i: QueueInput) => ({ orderBy: { field: 'dueAt', dir: 'asc' as const }, limit: i.limit, after: i.cursor });

/** Read with the caller's record: the queue's page, asked as below; its entries follow. */
export const prefetchDisputes: PrefetchOf<'hours.disputes'> = (input) => ({
  page: { collection: 'hourDisputes', where: { communityId: fromAnchor('communityId'), status: input.status }, ...queueSpec(input) },
});

/** The staff queue, soonest deadline first. */
export const listDisputes: Handler<'hours.disputes'> = async (ctx) => {
  const db = ctx.db();
  const page = await db.query('hourDisputes', { where: { status: ctx.input.status }, ...queueSpec(ctx.input) });
  return { items: await views(db, ctx.caller, page.items, ctx.now), next: page.next };
};

/**
 * Read with the caller's record: the dispute and the entry it is about (its id names the
 * entry), which the reply shows; the dispute's own entryId is still what the reply uses.
 */
export const prefetchAnswerDispute: PrefetchOf<'hours.answerDispute'> = (input) => {
  const entryId = entryIdOf(input.disputeId);
  return {
    dispute: { collection: 'hourDisputes', id: input.disputeId },
    ...(entryId ? { entry: { collection: 'hourEntries', ids: [entryId] } } : {}),
  };
};

export const answerDispute: Handler<'hours.answerDispute'> = async (ctx) => {
  const db = ctx.db();
  const d = await db.require('hourDisputes', ctx.input.disputeId, '异议不存在', 'disputeId');
  await checkWritten(ctx, { answer: ctx.input.answer });
  const done = await db.update('hourDisputes', d._id, { status: 'answered', answer: ctx.input.answer, answeredBy: ctx.caller.memberId, wakeAt: null }, { status: 'open' });
  if (!done) throw new AppError('CONFLICT', '这条异议已经答复过');
  // The event, the notice and the reply's reads are independent: at once.
  const [[view]] = await Promise.all([
    views(db, ctx.caller, [{ ...d, status: 'answered', answer: ctx.input.answer, answeredBy: ctx.caller.memberId, wakeAt: null }], ctx.now),
    appendEvent(db, ctx.caller, { key: 'answered', subject: `dispute:${d._id}`, type: 'hours.disputeAnswered', from: 'open', to: 'answered', public: false, note: ctx.input.answer, at: ctx.now }),
    ctx.deps.notifier.notify({
      id: `dispute:${d._id}:answered`, communityId: db.communityId, recipientId: d.memberId, kind: 'hours.disputeAnswered',
      title: '您的时长异议已答复', body: ctx.input.answer, page: '/pages/volunteer/hours/index',
    }),
  ]);
  if (!view) throw new AppError('NOT_FOUND', '时长记录不存在');
  return view;
};
