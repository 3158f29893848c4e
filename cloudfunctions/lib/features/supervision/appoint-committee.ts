import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { COMMITTEE_CHOSEN_BY_LABELS } from '../../../../miniprogram/core/disclosure/vocabulary';
import { settleLastEvent } from '../../kernel/versioned';
import { communityDay, dayStart, onAppMembers, sitsOn, sittingUntil } from './committee';
import { toCommitteeView } from './presenters';
import { termIdFor, termSubject, type TermRecord } from './records';
import { allTerms, latestBegunOf, settleCommittee } from './roles';

/** The village model: those the committee supervises cannot sit on it. */
const NOT_ELIGIBLE = ['admin', 'gridWorker', 'department'] as const;

/**
 * 登记新一届居务监督委员会. The term is recorded under its community and first day, so a
 * retried appointment is the same term; the term before ends on the new one's first day, in
 * the same transaction. Members with an account must be of this community and not its staff;
 * the `supervisor` role is then settled (given now if the term has begun, else by the sweep
 * on its first day) and each member with an account is told.
 */
export const appointCommittee: Handler<'supervision.appoint'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  if (input.endsOn < communityDay(now)) throw fieldError('VALIDATION_ERROR', 'endsOn', '任期结束日期已过，请填写本届的任期');
  await checkWritten(ctx, Object.fromEntries(input.members.map((m, i) => [`members.${i}.name`, m.name])), { scene: 'profile' });

  const ids = input.members.flatMap((m) => (m.memberId ? [m.memberId] : []));
  const found = new Map((await db.getMany('members', ids)).filter((m) => !m.deletedAt).map((m) => [m._id, m]));
  input.members.forEach((m, i) => {
    if (!m.memberId) return;
    const record = found.get(m.memberId);
    if (!record) throw fieldError('NOT_FOUND', `members.${i}.memberId`, `${m.name}不是本社区的成员`);
    if (record.roles.some((r) => (NOT_ELIGIBLE as readonly string[]).includes(r))) {
      throw fieldError('VALIDATION_ERROR', `members.${i}.memberId`, `${m.name}是社区工作人员或部门联系人，不能担任居务监督委员会成员`);
    }
    // The role adds to what they do in the app as a resident or volunteer; it is not an account of its own.
    if (!record.roles.some((r) => r === 'resident' || r === 'volunteer')) {
      throw fieldError('VALIDATION_ERROR', `members.${i}.memberId`, `${m.name}还没有绑定本社区的住户，请绑定后再登记，或不关联账号只登记姓名`);
    }
  });
  const meeting = input.meetingId ? await db.get('meetings', input.meetingId) : null;
  if (input.meetingId && !meeting) throw fieldError('NOT_FOUND', 'meetingId', '推选会议不存在');

  const id = termIdFor(db.communityId, input.startsOn);
  const term: TermRecord = {
    _id: id,
    communityId: db.communityId,
    chosenBy: input.chosenBy,
    meetingId: meeting?._id ?? null,
    meetingTitle: meeting?.title ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    endedOn: null,
    members: input.members.map((m) => ({ memberId: m.memberId ?? null, name: m.name, position: m.position })),
    roleState: 'pending',
    wakeAt: dayStart(input.startsOn),
    createdById: caller.memberId,
    createdAt: now,
    version: 1,
  };
  // Every term, few: the one this may repeat, and the term before it (the latest recorded, begun or still to come).
  const terms = await allTerms(db);
  const stored = terms.find((t) => t._id === id) ?? null;
  if (stored && !sameTerm(stored, term)) throw fieldError('CONFLICT', 'startsOn', `${input.startsOn}开始的一届已经登记，不能重复登记`);
  const previous = terms.filter((t) => t._id !== id).at(-1) ?? null;
  if (!stored && previous && previous.startsOn > input.startsOn) {
    throw fieldError('VALIDATION_ERROR', 'startsOn', `新一届须在已登记的一届（${previous.startsOn}起）之后开始`);
  }
  const event = eventRecord(db, caller, {
    key: 'appointed', subject: termSubject(id), type: 'supervision.appointed', to: 'appointed', public: true,
    note: `${COMMITTEE_CHOSEN_BY_LABELS[input.chosenBy]}，任期 ${input.startsOn} 至 ${input.endsOn}，${input.members.map((m) => m.name).join('、')}`, at: now,
  });
  let known: TermRecord[];
  let made = false;
  let eventWrite: Promise<unknown> = Promise.resolve();
  if (stored) {
    // A retry: the call that made it may have died before its event reached `events`.
    await settleLastEvent(db, stored);
    known = terms;
  } else {
    // No transaction: the term before moves first, by compare-and-set on its version (its end
    // set to this term's first day, or only its version bumped), so two appointments that read
    // the same order of terms cannot both pass it — the second is refused, as the
    // transaction's re-read refused it. A crash after this step is mended by the retry,
    // which finds the term before at its new version and sets the same end again.
    let before: TermRecord | null = null;
    if (previous) {
      const endedOn = previous.endsOn >= input.startsOn ? input.startsOn : previous.endedOn;
      if (!(await db.update('committeeTerms', previous._id, { endedOn, version: previous.version + 1 }, { version: previous.version }))) {
        const again = await db.get('committeeTerms', id);
        if (again && sameTerm(again, term)) return toCommitteeView(caller, await allTerms(db), now);
        throw new AppError('CONFLICT', '刚有人登记了另一届，请刷新后重试');
      }
      before = { ...previous, endedOn, version: previous.version + 1 };
    }
    // A term that sits from today with no member on the app has no role to give: it is
    // written as settleCommittee would leave it (granted, woken when it stops sitting), which
    // saves that step's write. With members on the app it stays pending until their roles are given.
    const begun = dayStart(term.startsOn) <= now && sitsOn(term, communityDay(now));
    if (begun && onAppMembers(term).length === 0) Object.assign(term, { roleState: 'granted', wakeAt: sittingUntil(term) });
    // The event rides in the term's insert (kernel/versioned.ts), then goes into `events`.
    made = await db.insert('committeeTerms', { ...term, lastEvent: event } as TermRecord);
    if (!made) {
      const again = await db.get('committeeTerms', id);
      if (!again || !sameTerm(again, term)) throw fieldError('CONFLICT', 'startsOn', `${input.startsOn}开始的一届已经登记，不能重复登记`);
      await settleLastEvent(db, again);
      return toCommitteeView(caller, await allTerms(db), now);
    }
    eventWrite = db.insert('events', event);
    known = [...terms.map((t) => (t._id === before?._id ? before : t)), term].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
  }
  // The event (already carried by the term) and the roles' settling are apart: at once.
  const [settled] = await Promise.all([settleCommittee(db, caller, now, known), eventWrite]);
  if (made) {
    const begun = latestBegunOf(settled, now)?._id === id;
    // Each notice has its own deterministic id: all at once.
    await Promise.all(ids.map((memberId) =>
      ctx.deps.notifier.notify({
        id: `${event._id}:to:${memberId}`, communityId: db.communityId, recipientId: memberId, kind: 'supervision.appointed',
        title: '您已被推选为居务监督委员会成员',
        body: `任期${input.startsOn}至${input.endsOn}。${begun ? '请在「居务公开」查看待提意见的事项。' : '任期开始后可在「居务公开」提监督意见。'}`,
        page: '/disclosure/committee/index',
      }),
    ));
  }
  return toCommitteeView(caller, settled, now);
};

/** A retry of the same appointment (same members, dates and choice) is not a second one. */
function sameTerm(a: TermRecord, b: TermRecord): boolean {
  return a.endsOn === b.endsOn && a.chosenBy === b.chosenBy && a.meetingId === b.meetingId && JSON.stringify(a.members) === JSON.stringify(b.members);
}
