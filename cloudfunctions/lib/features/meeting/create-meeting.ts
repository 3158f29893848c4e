import { fieldError } from '../../../../miniprogram/core/errors';
import { BODY_RULES, BODY_ROLLS, meetingRule } from '../../../../miniprogram/core/council/quorum';
import { MEETING_BODY_LABELS, MEETING_ROLL_LABELS, MIN_NOTICE_DAYS } from '../../../../miniprogram/core/council/vocabulary';
import { RULE_LABELS } from '../../../../miniprogram/core/poll/rules';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { settleLastEvent } from '../../kernel/versioned';
import { checkWritten } from '../../kernel/content';
import type { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../kernel/time';
import type { MotionRecord } from '../motion/records';
import { scheduleMotion } from '../motion/schedule';
import { meetingIdFor } from './ids';
import { meetingPage } from './notices';
import { meetingView, whenText } from './presenters';
import type { AgendaItem, MeetingRecord } from './records';
import { discardRoll, freezeMeetingRoll, readCensus, rollGrids } from './roll';
import { ensurePool } from './seats';
import { nextWake } from './session';

type Input = Parameters<Handler<'meeting.create'>>[0]['input'];

/**
 * Convenes a meeting and sends its notice: the body's rule and roll kind, a start no earlier
 * than the notice period allows, the roll frozen now (who is bound later is not on it), the
 * rule frozen now, motions on the agenda scheduled. The notices themselves go out from the
 * sweep a roll bucket at a time. The id comes from the idempotency key: a retry returns the
 * meeting the first attempt made.
 */
export const createMeeting: Handler<'meeting.create'> = async (ctx) => {
  const db = ctx.db();
  const { caller, input, now } = ctx;
  const bodyLabel = MEETING_BODY_LABELS[input.body];
  if (!BODY_RULES[input.body].includes(input.rule.id)) throw fieldError('VALIDATION_ERROR', 'rule.id', `${bodyLabel}不能按「${RULE_LABELS[input.rule.id]}」表决`);
  if (!BODY_ROLLS[input.body].includes(input.roll.kind)) throw fieldError('VALIDATION_ERROR', 'roll.kind', `${bodyLabel}的参会范围不能是「${MEETING_ROLL_LABELS[input.roll.kind]}」`);
  // A show of hands carries no area: under a rule with area tests (Art. 278) it could never pass.
  if (input.rule.id === 'CivilCode-278') {
    const hands = input.agenda.findIndex((i) => i.voteMode === 'hands');
    if (hands >= 0) throw fieldError('VALIDATION_ERROR', `agenda.${hands}.voteMode`, '业主大会按专有面积和人数表决，不能举手表决，请选择逐人表决');
  }
  const days = Math.max(input.noticeDays ?? 0, MIN_NOTICE_DAYS[input.body]);
  if (input.startsAt < now + days * DAY) {
    throw fieldError('VALIDATION_ERROR', 'startsAt', days > 0 ? `${bodyLabel}须提前${days}天通知，开会时间最早为${whenText(now + days * DAY)}` : '开会时间不能早于现在');
  }
  const id = meetingIdFor(db.communityId, caller.memberId, ctx.idempotencyKey ?? '');
  const rule = meetingRule(input.rule.id, { custom: input.rule.custom });
  // Readings that do not depend on each other, started at once: the retry's look, the first
  // call's motions, the roll's grids and census. Each outcome is taken (its refusal thrown)
  // where it always was, so a call refused earlier says what it always said.
  const motionIds = input.agenda.flatMap((i) => (i.motionId ? [i.motionId] : []));
  const held = <T>(p: Promise<T>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));
  const take = async <T>(p: Promise<{ value: T } | { error: unknown }>): Promise<T> => {
    const r = await p;
    if ('error' in r) throw r.error;
    return r.value;
  };
  const motionsRead = held(motionIds.length ? db.getMany('motions', motionIds) : Promise.resolve([]));
  const gridsRead = held(rollGrids(db, input.roll));
  const censusRead = held(readCensus(db, input.roll, rule.headCount ?? 'perOwner'));
  const [existing, secretary] = await Promise.all([db.get('meetings', id), db.get('members', input.secretaryId)]);
  if (existing) {
    // The call that made it may have died before its event reached `events`.
    const [view] = await Promise.all([meetingView(ctx, existing), settleLastEvent(db, existing)]);
    return view;
  }

  if (!secretary || secretary.deletedAt || !secretary.roles.some((r) => r === 'admin' || r === 'gridWorker')) {
    throw fieldError('VALIDATION_ERROR', 'secretaryId', '记录人须是本社区的工作人员');
  }
  if (new Set(motionIds).size !== motionIds.length) throw fieldError('VALIDATION_ERROR', 'agenda', '同一议题不能两次列入议程');
  checkMotions(id, motionIds, await take(motionsRead));
  await checkWritten(ctx, { title: input.title, place: input.place, ...Object.fromEntries(input.agenda.map((i, n) => [`agenda.${n}`, `${i.title ?? ''}\n${i.text}`])) });

  const gridIds = await take(gridsRead);
  const frozen = await freezeMeetingRoll(ctx.deps, db, id, input.roll, rule.headCount ?? 'perOwner', await take(censusRead));
  let agenda: AgendaItem[];
  try {
    agenda = await scheduleAgenda(db, id, input, now);
  } catch (err) {
    await discardRoll(db, frozen);
    throw err;
  }
  const record: MeetingRecord = {
    _id: id, communityId: db.communityId, title: input.title, body: input.body, place: input.place, startsAt: input.startsAt, endsAt: input.endsAt,
    noticeAt: now, noticeDays: days, status: 'noticed', roll: frozen.roll, gridIds, rule, agenda, votingItemId: null, seats: input.seats,
    proxiesPerAgent: input.proxiesPerAgent, convenerId: caller.memberId, convenerName: caller.name ?? '社区居委会', secretaryId: secretary._id,
    secretaryName: secretary.name ?? '工作人员', minutes: null, endedAt: null, cancelledAt: null, cancelReason: null, wakeAt: now,
    codeSecret: ctx.deps.ids.random('ms'), proxiesMade: false, fanout: { kind: 'notice', next: 0 }, remindedAt: null, createdAt: now, version: 1,
  };
  record.wakeAt = nextWake(record, now);
  const event = eventRecord(db, caller, {
    key: 'noticed', subject: `meeting:${id}`, type: 'meeting.noticed', to: 'noticed', public: true,
    note: `${bodyLabel}；名册${frozen.roll.size}个，校验码${frozen.roll.hash.slice(0, 16)}；${rule.name}`, at: now,
  });
  // No transaction: the insert under the meeting's id decides a race, and the event rides in
  // it (kernel/versioned.ts), then goes into `events` (a retry settles it if this call dies first).
  if (!(await db.insert('meetings', { ...record, lastEvent: event } as MeetingRecord))) {
    // A parallel retry made it first: its roll is the roll.
    const stored = await db.require('meetings', id, '会议不存在', 'meetingId');
    await Promise.all([discardRoll(db, frozen), settleLastEvent(db, stored)]);
    return meetingView(ctx, stored);
  }
  // Independent writes under fixed ids: at once.
  const [pool] = await Promise.all([
    ensurePool(db, record, { fresh: true }),
    db.insert('events', event),
    secretary._id !== caller.memberId
      ? ctx.deps.notifier.notify({
          id: `meeting:${id}:appointed`, communityId: db.communityId, recipientId: secretary._id, kind: 'meeting.appointed',
          title: `请担任会议记录人：${record.title}`, body: `${whenText(record.startsAt)}，${record.place}。会后请起草会议纪要。`, page: meetingPage(id),
        })
      : Promise.resolve(),
  ]);
  // Nobody has registered, signed in or given a proxy at a meeting just made.
  return meetingView(ctx, record, { known: { entries: frozen.entriesOf(caller.memberId), registration: null, attendance: null, pool: pool.record ?? (record.seats === null ? null : undefined), proxies: { mine: [], toMe: [] } } });
};

/** Every motion is still open to scheduling (or already scheduled here, on a retry) before any is touched. */
function checkMotions(meetingId: string, motionIds: readonly string[], motions: readonly MotionRecord[]): void {
  if (motionIds.length === 0) return;
  const found = new Map(motions.map((m) => [m._id, m]));
  for (const motionId of motionIds) {
    const m = found.get(motionId);
    if (!m) throw fieldError('NOT_FOUND', 'agenda', '所选议题不存在');
    const here = m.status === 'scheduled' && m.meetingId === meetingId;
    if (!here && m.status !== 'collecting' && m.status !== 'thresholdMet') throw fieldError('CONFLICT', 'agenda', `议题「${m.title}」不能再列入议程`);
  }
}

async function scheduleAgenda(db: ScopedStore, meetingId: string, input: Input, now: number): Promise<AgendaItem[]> {
  const items: AgendaItem[] = [];
  for (const [n, i] of input.agenda.entries()) {
    const itemId = `i${n + 1}`;
    const motion = i.motionId ? await scheduleMotion(db, i.motionId, { meetingId, title: input.title, startsAt: input.startsAt, itemId }, now) : null;
    items.push({
      itemId, order: n + 1, title: i.title ?? motion?.title ?? '', text: i.text || (motion?.body ?? ''), motionId: motion?._id ?? null,
      moverName: motion?.moverName ?? null, voteMode: i.voteMode, secret: i.secret, options: i.options.map((label, k) => ({ id: `o${k + 1}`, label })),
      matter: i.matter ?? null, status: 'pending', pollId: null, quorumAtOpen: null, quorumAtClose: null,
      decision: null, resolutionId: null, openedAt: null, closedAt: null,
    });
  }
  return items;
}
