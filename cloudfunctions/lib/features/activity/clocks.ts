/**
 * Sign-up timers: an offer nobody confirmed expires and the seat passes to the next; a
 * withdrawal or cancellation a crash left half done is finished. Every step is a
 * compare-and-set, so overlapping sweeps do each thing once.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { Deps } from '../../kernel/deps';
import { ScopedStore } from '../../kernel/scoped-store';
import { ENDED_SIGNUP, changeSignup, freeSignup } from './steps';

export async function runSignupClocks(deps: Deps, now: number, budget: { pages: number }) {
  const counts = { expiredOffers: 0, finished: 0, conflicts: 0 };
  for (let page = 0; page < budget.pages; page += 1) {
    const due = await deps.store.query('signups', { where: { wakeAt: { $lte: now } }, orderBy: { field: 'wakeAt', dir: 'asc' }, limit: 50 });
    let progressed = 0;
    for (const s of due.items) {
      const db = new ScopedStore(deps.store, s.communityId);
      try {
        if (s.status === 'offered' && s.offeredUntil !== null && s.offeredUntil <= now) {
          const next = await changeSignup(db, 'system', s, { status: 'expired', offeredUntil: null, wakeAt: now }, { type: 'activity.offerExpired' }, now);
          await freeSignup(db, deps.notifier, next, now);
          const a = await db.get('activities', s.activityId);
          await deps.notifier.notify({
            id: `signup:${s._id}:v${next.version}:expired`, communityId: s.communityId, recipientId: s.memberId, kind: 'activity.expired',
            title: `候补名额已失效：${a?.title ?? '志愿活动'}`, body: '您未在期限内确认，名额已转给下一位候补的志愿者。', page: '/pages/volunteer/signups/index',
          });
          counts.expiredOffers += 1;
        } else if ((ENDED_SIGNUP as readonly string[]).includes(s.status)) {
          await freeSignup(db, deps.notifier, s, now);
          counts.finished += 1;
        } else {
          await db.update('signups', s._id, { wakeAt: null }, { version: s.version });
        }
        progressed += 1;
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
        counts.conflicts += 1;
      }
    }
    if (!due.next || progressed === 0) break;
  }
  return counts;
}
