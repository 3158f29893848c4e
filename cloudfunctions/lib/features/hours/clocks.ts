/** The sweep's part of the ledger: disputes past their deadline are chased once, to the admins. */
import type { Deps } from '../../kernel/deps';
import { appendEvent } from '../../kernel/audit';
import { forEachDue } from '../../kernel/due';
import { adminsInbox } from '../notify/records';

export async function chaseLateDisputes(deps: Deps, now: number, budget: { pages: number }) {
  const counts = { chased: 0 };
  await forEachDue(deps.store, 'hourDisputes', now, budget.pages, async (d, db) => {
    // Claimed by a conditional update: overlapping sweeps chase each dispute once.
    if (!(await db.update('hourDisputes', d._id, { wakeAt: null }, { wakeAt: d.wakeAt, status: 'open' }))) return false;
    await appendEvent(db, 'system', { key: 'late', subject: `dispute:${d._id}`, type: 'hours.disputeLate', public: false, at: now });
    await deps.notifier.notify({
      id: `dispute:${d._id}:late`, communityId: d.communityId, recipientId: adminsInbox(d.communityId), kind: 'hours.disputeLate',
      title: '时长异议已逾期未答复', body: '请尽快答复志愿者的异议。', page: '/staff/hours-verify/index?tab=disputes',
    });
    counts.chased += 1;
  });
  return counts;
}
