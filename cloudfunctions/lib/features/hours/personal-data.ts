import { ANOMALY_KIND_LABELS, ENTRY_KIND_LABELS } from '../../../../miniprogram/core/hours/contract';
import { ENTRY_STATUS_LABELS } from '../../../../miniprogram/core/volunteer/vocabulary';
import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';

/** The person's ledger, disputes and the anomalies recorded about them. */
export const hoursPersonalData: PersonalData = {
  collections: ['hourEntries', 'hourDisputes', 'hourAnomalies'],
  async export({ all, memberId }) {
    // Side by side: they gather with the other features' first reads (one wave, not three).
    const [entries, disputes, anomalies] = await Promise.all([
      all('hourEntries', { memberId }, 'createdAt'),
      all('hourDisputes', { memberId }, 'createdAt'),
      all('hourAnomalies', { memberId }, 'firstAt'),
    ]);
    return {
      sections: {
        hours: entries.items.map((e) => ({
          content: e.content,
          serviceDate: e.serviceDate,
          kind: ENTRY_KIND_LABELS[e.kind],
          minutes: e.minutes,
          status: ENTRY_STATUS_LABELS[e.status],
          reason: e.reason,
          recordedAt: e.createdAt,
          decidedAt: e.decidedAt,
        })),
        hourDisputes: disputes.items.map((d) => ({ text: d.text, dueAt: d.dueAt, status: d.status, answer: d.answer, at: d.createdAt })),
        hourAnomalies: anomalies.items.map((a) => ({ kind: ANOMALY_KIND_LABELS[a.kind], count: a.count, firstAt: a.firstAt, lastAt: a.lastAt })),
      },
      truncated: entries.truncated || disputes.truncated || anomalies.truncated,
    };
  },
  // The ledger stays (an activity's totals must still add up), pointing at nobody; the
  // dispute's words were the person's and go.
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('hourEntries', { memberId: member._id }, 'createdAt', (e) => db.update('hourEntries', e._id, { memberId: anonymousId }));
    await db.drain('hourDisputes', { memberId: member._id }, 'createdAt', (d) => db.update('hourDisputes', d._id, { memberId: anonymousId, text: '（已删除）' }));
    await db.drain('hourAnomalies', { memberId: member._id }, 'firstAt', (a) => db.update('hourAnomalies', a._id, { memberId: anonymousId }));
    // The daily cap's days go with the account (their id names the person).
    await db.drain('hourDays', { memberId: member._id }, 'serviceDate', (d) => db.remove('hourDays', d._id));
  },
};
