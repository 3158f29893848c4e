import { createHash } from 'node:crypto';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { freezeRule, RULE_UNITS } from '../../../../miniprogram/core/poll/rules';
import type { PollView } from '../../../../miniprogram/core/poll/contract';
import type { Handler, HandlerContext } from '../../kernel/action';
import { eventRecord, type EventRecord } from '../../kernel/audit';
import { hasRole } from '../../kernel/caller';
import { checkWritten } from '../../kernel/content';
import { DAY } from '../../kernel/time';
import { scopeOfPoll } from './eligibility';
import { toPollView } from './presenters';
import type { PollRecord } from './records';
import { censusOf, frozenNow, openedEvent, openIfDue, rollOf, writeRollBuckets } from './roll-freeze';
import { settleLastEvent } from '../../kernel/versioned';

const MAX_LENGTH = 90 * DAY;

type Ctx = HandlerContext<unknown>;

export const pollIdFor = (communityId: string, memberId: string, key: string) => `p${createHash('sha256').update(`${communityId}:${memberId}:${key}`).digest('hex').slice(0, 20)}`;

/**
 * A poll is fixed when it is created: its options, who votes, the ballot unit, the rule it
 * decides under (a frozen copy) and its times. Nothing of it can be edited afterwards; a
 * poll set up wrong is withdrawn before it opens and made again.
 */
export const createPoll: Handler<'poll.create'> = async (ctx) => {
  const db = ctx.db();
  const { caller, input, now } = ctx;
  if (!RULE_UNITS[input.rule.id].includes(input.unit)) throw fieldError('VALIDATION_ERROR', 'rule.id', '所选规则不适用于这种计票单位');
  if (input.opensAt < now - 5 * 60_000) throw fieldError('VALIDATION_ERROR', 'opensAt', '开始时间不能早于现在');
  if (input.closesAt - input.opensAt > MAX_LENGTH) throw fieldError('VALIDATION_ERROR', 'closesAt', '投票时间最长90天');
  const scope = await scopeOfPoll(db, input.eligibility);
  if (!hasRole(caller, 'admin') && (scope.gridIds.length === 0 || !scope.gridIds.every((g) => caller.gridIds.includes(g)))) {
    throw new AppError('FORBIDDEN', '网格员只能在本人负责的网格内发起投票');
  }
  await checkWritten(ctx, { title: input.title, description: input.description, options: input.options.join('\n'), openTextLabel: input.openTextLabel });
  const id = pollIdFor(db.communityId, caller.memberId, ctx.idempotencyKey ?? '');
  const record: PollRecord = {
    _id: id, communityId: db.communityId, title: input.title, description: input.description,
    options: input.options.map((label, i) => ({ id: `o${i + 1}`, label })), minPicks: input.minPicks, maxPicks: input.maxPicks,
    openTextLabel: input.openTextLabel || null, unit: input.unit,
    eligibility: { scope: input.eligibility.scope, ids: input.eligibility.scope === 'community' ? [] : [...new Set(input.eligibility.ids)], text: scope.text },
    gridIds: scope.gridIds, buildingIds: scope.buildingIds, participation: 0, secret: input.secret,
    rule: freezeRule(input.rule.id, { matter: input.rule.matter, headCount: input.rule.headCount, custom: input.rule.custom }),
    channels: [...new Set(input.channels)], opensAt: Math.max(input.opensAt, now), closesAt: input.closesAt, status: 'scheduled', wakeAt: Math.max(input.opensAt, now),
    roll: null, hands: null, closedAt: null, closedBy: null, closeReason: null, published: null,
    createdBy: caller.memberId, createdByName: caller.name ?? '工作人员', createdAt: now, version: 1,
  };
  const event = eventRecord(db, caller, { key: 'created', subject: `poll:${id}`, type: 'poll.created', to: 'scheduled', public: true, note: `${record.rule.name}；${scope.text}`, at: now });
  if (record.opensAt <= now && record.eligibility.scope !== 'meeting') return createOpen(ctx, record, event);
  // No transaction: the poll is one insert under its deterministic id carrying its event
  // (kernel/versioned.ts); a duplicate means a retry, which finds the poll already made.
  const made = await db.insert('polls', { ...record, lastEvent: event } as PollRecord);
  if (made) {
    await db.insert('events', event);
    return toPollView(caller, record, now, false, null);
  }
  return retried(ctx, await db.require('polls', id));
};

/**
 * A poll that starts now is made open: its roll frozen first, then the poll inserted already
 * pointing at it, so no moment has it open without a roll or scheduled past its start. The
 * insert under the poll's id still decides a race (the loser drops the buckets it wrote), and
 * both events — made and opened — have fixed ids, the first riding on the poll for a retry.
 */
async function createOpen(ctx: Ctx, record: PollRecord, event: EventRecord): Promise<PollView> {
  const db = ctx.db();
  const { caller, now } = ctx;
  // A retry's look beside the census: one wait.
  const [existing, census] = await Promise.all([db.get('polls', record._id), censusOf(db, record)]);
  if (existing) return retried(ctx, existing);
  const { freezeId, buckets, docs } = await writeRollBuckets(ctx.deps, db, record._id, census);
  const open: PollRecord = { ...record, status: 'open', roll: rollOf(census, freezeId, buckets), wakeAt: record.closesAt };
  if (!(await db.insert('polls', { ...open, lastEvent: event } as PollRecord))) {
    // Made meanwhile by the same request sent twice: its roll is the one, these would only lie about.
    await Promise.all(docs.map((d) => db.remove('pollRolls', d._id)));
    return retried(ctx, await db.require('polls', record._id));
  }
  // Both events in one list insert (fixed ids: a retry's duplicates are skipped), one write.
  await db.insertMany('events', [event, openedEvent(db, open, now)]);
  frozenNow(open, docs);
  return toPollView(caller, open, now, false, null);
}

/**
 * The same request again, finding the poll made: the call that made it may have died before
 * its events reached `events` (the made one rides on the poll; the opened one of a poll made
 * open is rebuilt from it, its id fixed), or before opening a poll that starts now.
 */
async function retried(ctx: Ctx, stored: PollRecord): Promise<PollView> {
  const db = ctx.db();
  const madeOpen = stored.roll !== null && stored.status !== 'scheduled' && stored.opensAt <= stored.createdAt && !stored.meeting;
  const [, , poll] = await Promise.all([
    settleLastEvent(db, stored),
    madeOpen ? db.insert('events', openedEvent(db, stored, stored.createdAt)) : null,
    openIfDue(ctx.deps, db, stored, ctx.now),
  ]);
  return toPollView(ctx.caller, poll, ctx.now, false, null);
}
