import { AppError } from '../../../../miniprogram/core/errors';
import { MOTION_STATUS_LABELS } from '../../../../miniprogram/core/council/vocabulary';
import type { Handler } from '../../kernel/action';
import { householdRollId } from '../roll/records';
import { isSupportTime, maySupportAsPerson, SUPPORTABLE } from './permissions';
import { supportIdFor, type MotionSupportRecord } from './records';
import { addSupport, tellThresholdMet } from './threshold';
import { loadVisible, unitKeyOf, viewFor } from './transition';

/**
 * 附议. One support per household (一户一票) or per adult, by inserting the support under an
 * id made of the motion and the unit: a second press, a retry or a family member at the same
 * moment finds it there and counts nothing. A new support adds one to the count atomically;
 * the call that sees the count reach the threshold moves the motion, once (threshold.ts).
 */
export const supportMotion: Handler<'motion.support'> = async (ctx) => {
  const db = ctx.db();
  const { caller, now } = ctx;
  const m = await loadVisible(db, caller, ctx.input.motionId);
  if (!maySupportAsPerson(caller, m)) throw new AppError('FORBIDDEN', m.buildingIds.length ? `该议题只由${m.scopeText}的住户附议` : '请先绑定本社区的住户，再参与附议');
  if (!SUPPORTABLE.includes(m.status)) throw new AppError('CLOSED', `该议题${MOTION_STATUS_LABELS[m.status]}，不能再附议`);
  if (!isSupportTime(m, now)) throw new AppError('CLOSED', '附议期已结束');
  if (m.supportUnit === 'person' && caller.householdId) {
    // Per person means per adult: a child staff marked as a minor on the household roll is not counted.
    const roll = await db.get('householdRolls', householdRollId(caller.householdId));
    if (roll?.minorIds.includes(caller.memberId)) throw new AppError('FORBIDDEN', '附议须年满18周岁');
  }
  const unitKey = unitKeyOf(caller, m) as string;
  const support: MotionSupportRecord = {
    _id: supportIdFor(m._id, unitKey), communityId: db.communityId, motionId: m._id, unitKey,
    householdId: caller.householdId, memberId: caller.memberId, memberName: caller.name, createdAt: now,
  };
  if (!(await db.insert('motionSupports', support))) {
    // A retry of the call that moved the motion may find its messages not yet all out (a
    // crash after the move): it sends what is missing, by the same ids, beside the view.
    const [view] = await Promise.all([viewFor(db, caller, m, now), m.status === 'thresholdMet' && !m.metNoticed ? tellThresholdMet(db, ctx.deps.notifier, m, now) : null]);
    return view;
  }
  // A crash right here leaves the count one short: the sweep recounts from the records.
  const next = await addSupport(db, ctx.deps.notifier, m, now);
  return viewFor(db, caller, next, now, { support });
};
