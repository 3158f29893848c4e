import type { Deps } from '../../kernel/deps';
import { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../kernel/time';
import { appendEvent } from '../../kernel/audit';

export const BINDING_REQUEST_TTL = 14 * DAY;

/**
 * Requests nobody reviewed in 14 days expire, and the applicant is told to try again or
 * use an invite code, rather than waiting forever. Each expiry is a conditional update, so
 * two sweeps running at once expire each request once.
 */
export async function expireBindingRequests(deps: Deps, now: number, budget: { pages: number }) {
  let expired = 0;
  let after: string | undefined;
  for (let page = 0; page < budget.pages; page += 1) {
    const batch = await deps.store.query('bindingRequests', {
      where: { status: 'pending', createdAt: { $lt: now - BINDING_REQUEST_TTL } },
      orderBy: { field: 'createdAt', dir: 'asc' },
      limit: 50,
      after,
    });
    for (const r of batch.items) {
      const done = await deps.store.update(
        'bindingRequests',
        r._id,
        { status: 'expired', reason: '超过14天未审核，已自动失效', reviewedAt: now },
        { status: 'pending', round: r.round },
      );
      if (!done) continue;
      expired += 1;
      const db = new ScopedStore(deps.store, r.communityId);
      await appendEvent(db, 'system', {
        key: `round${r.round}:expired`,
        subject: `bindingRequest:${r._id}`,
        type: 'binding.expired',
        from: 'pending',
        to: 'expired',
        public: true,
        at: now,
      });
      await deps.notifier.notify({
        id: `bindingRequest:${r._id}:${r.round}:expired`,
        communityId: r.communityId,
        recipientId: r.applicantId,
        kind: 'binding.expired',
        title: '住户绑定申请已失效',
        body: '您的绑定申请超过14天未审核，请重新申请或向社区索取邀请码。',
        page: '/pages/bind/index',
      });
    }
    if (!batch.next) break;
    after = batch.next;
  }
  return { expired };
}
