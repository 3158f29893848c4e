/**
 * Sign-up timers: an offer nobody confirmed expires and the seat passes to the next; a
 * withdrawal or cancellation a crash left half done is finished. Every step is a
 * compare-and-set, so overlapping sweeps do each thing once.
 */
import type { Deps } from '../../kernel/deps';
import { forEachDue } from '../../kernel/due';
import { settleLastEvent } from '../../kernel/versioned';
import { ENDED_SIGNUP, changeSignup, freeSignup } from './steps';

export async function runSignupClocks(deps: Deps, now: number, budget: { pages: number }) {
  const counts = { expiredOffers: 0, finished: 0 };
  const { conflicts } = await forEachDue(deps.store, 'signups', now, budget.pages, async (s, db) => {
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
      // Cut short by a crash: the ending's own event may not have reached `events` yet either.
      await Promise.all([freeSignup(db, deps.notifier, s, now, { resend: true }), settleLastEvent(db, s)]);
      counts.finished += 1;
    } else {
      await db.update('signups', s._id, { wakeAt: null }, { version: s.version });
    }
  });
  return { ...counts, conflicts };
}
