import { createHash } from 'node:crypto';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { freezeRule, RULE_UNITS } from '../../../../miniprogram/core/poll/rules';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { hasRole } from '../../kernel/caller';
import { checkWritten } from '../../kernel/content';
import { DAY } from '../../kernel/time';
import { scopeOfPoll } from './eligibility';
import { toPollView } from './presenters';
import type { PollRecord } from './records';
import { openIfDue } from './roll-freeze';
import { settleLastEvent } from '../../kernel/versioned';

const MAX_LENGTH = 90 * DAY;

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
  // No transaction: the poll is one insert under its deterministic id carrying its event
  // (kernel/versioned.ts); a duplicate means a retry, which finds the poll already made.
  const made = await db.insert('polls', { ...record, lastEvent: event } as PollRecord);
  const stored = made ? record : await db.require('polls', id);
  // The event's insert beside opening a poll that starts now; a retry repairs a lost one.
  const [, poll] = await Promise.all([made ? db.insert('events', event) : settleLastEvent(db, stored), openIfDue(ctx.deps, db, stored, now)]);
  return toPollView(caller, poll, now, false, null);
};
