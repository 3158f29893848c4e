/**
 * 每月一题: one topic a month for the community (a category, or a title of its own), an owner
 * among the staff, a target, and 2–3 milestones with due dates, the way Beijing's 每月一题
 * gives each problem a lead and follows it to completion. Setting it again before any
 * milestone is done replaces it; after that the milestones stand (compare-and-set on version).
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { commitVersioned, settleLastEvent } from '../../kernel/versioned';
import { hasRole } from '../../kernel/caller';
import { topicIdFor, topicSubject } from './ids';
import { INSIGHTS_PAGE } from './notices';
import { topicView } from './presenters';
import type { MonthlyTopicRecord } from './records';

export const setMonthlyTopic: Handler<'insight.setMonthlyTopic'> = async (ctx) => {
  const db = ctx.db();
  const { caller, input, now } = ctx;
  const id = topicIdFor(db.communityId, input.month);
  // The owner, the category and the month's topic as it stands, in one wait.
  const [owner, category, found] = await Promise.all([
    db.get('members', input.ownerId),
    input.category ? db.get('categories', input.category) : Promise.resolve(null),
    db.get('monthlyTopics', id),
  ]);
  if (!owner || !(owner.roles.includes('gridWorker') || owner.roles.includes('admin'))) throw fieldError('VALIDATION_ERROR', 'ownerId', '负责人须是本社区的工作人员');
  if (input.category && !category) throw fieldError('VALIDATION_ERROR', 'category', '类别不存在');
  const fields = {
    category: input.category ?? null, title: input.title, ownerId: owner._id, ownerName: owner.name ?? '工作人员', target: input.target,
    milestones: [...input.milestones].sort((a, b) => a.dueAt - b.dueAt).map((m) => ({ title: m.title, dueAt: m.dueAt, doneAt: null, doneById: null, note: null })),
  };
  const same = (t: MonthlyTopicRecord) => JSON.stringify({ c: t.category, t: t.title, o: t.ownerId, g: t.target, m: t.milestones }) === JSON.stringify({ c: fields.category, t: fields.title, o: fields.ownerId, g: fields.target, m: fields.milestones });
  const eventFor = (record: MonthlyTopicRecord) => eventRecord(db, caller, { key: `set:${record.version}`, subject: topicSubject(id), type: 'insight.topicSet', to: input.title, public: false, note: `${input.month}：${input.title}，负责人${record.ownerName}`, at: now });
  const save = async (cur: MonthlyTopicRecord | null): Promise<MonthlyTopicRecord> => {
    if (cur && same(cur)) {
      // A retry: the first call may have died before its event reached `events`.
      await settleLastEvent(db, cur);
      return cur;
    }
    if (cur && cur.milestones.some((m) => m.doneAt !== null)) throw new AppError('CONFLICT', '已有节点完成，本月一题不能再改');
    if (cur) return commitVersioned(db, 'monthlyTopics', cur, { ...fields, setById: caller.memberId, setAt: now, updatedAt: now }, eventFor, '本月一题刚被他人修改，请刷新后重试');
    const record: MonthlyTopicRecord = { _id: id, communityId: db.communityId, month: input.month, ...fields, setById: caller.memberId, setAt: now, version: 1, updatedAt: now };
    const event = eventFor(record);
    // The first topic of the month carries its event as any later change does (versioned.ts).
    if (!(await db.insert('monthlyTopics', { ...record, lastEvent: event } as MonthlyTopicRecord))) return save(await db.get('monthlyTopics', id));
    await db.insert('events', event);
    return record;
  };
  const saved = await save(found);
  if (saved.ownerId !== caller.memberId) {
    await ctx.deps.notifier.notify({ id: `${topicSubject(id)}:set:${saved.version}:to:${saved.ownerId}`, communityId: db.communityId, recipientId: saved.ownerId, kind: 'insight.topicOwner', title: `每月一题由您负责：${saved.title}`, body: saved.target, page: INSIGHTS_PAGE });
  }
  return topicView(caller, saved, now);
};

export const monthlyTopic: Handler<'insight.monthlyTopic'> = async (ctx) => {
  const t = await ctx.db().get('monthlyTopics', topicIdFor(ctx.db().communityId, ctx.input.month));
  return t ? topicView(ctx.caller, t, ctx.now) : null;
};

export const recordMilestone: Handler<'insight.recordMilestone'> = async (ctx) => {
  const db = ctx.db();
  const { caller, input, now } = ctx;
  const id = topicIdFor(db.communityId, input.month);
  const t = await db.get('monthlyTopics', id);
  if (!t) throw fieldError('NOT_FOUND', 'month', '本月尚未设定每月一题');
  if (!hasRole(caller, 'admin') && t.ownerId !== caller.memberId) throw new AppError('FORBIDDEN', '只有负责人或管理员可以登记节点');
  const m = t.milestones[input.index];
  if (!m) throw fieldError('VALIDATION_ERROR', 'index', '没有这个节点');
  if (m.doneAt !== null) {
    if (m.doneById === caller.memberId && m.note === input.note) {
      // A retry: the first call may have died before its event reached `events`.
      await settleLastEvent(db, t);
      return topicView(caller, t, now);
    }
    throw new AppError('CONFLICT', '该节点已登记完成');
  }
  const next = await commitVersioned(
    db, 'monthlyTopics', t,
    { milestones: t.milestones.map((x, i) => (i === input.index ? { ...x, doneAt: now, doneById: caller.memberId, note: input.note } : x)), updatedAt: now },
    () => eventRecord(db, caller, { key: `milestone:${input.index}`, subject: topicSubject(id), type: 'insight.milestoneDone', to: m.title, public: false, note: input.note, at: now }),
    '每月一题刚被他人更新，请刷新',
  );
  return topicView(caller, next, now);
};
