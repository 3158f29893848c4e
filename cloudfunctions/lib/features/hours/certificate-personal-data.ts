import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { op } from '../../ports/store';
import { claimIdOf } from './issue-certificate';

/**
 * The person's certificates as issued. On deletion a certificate is revoked and its name
 * and ID number are blanked: the number stays a tombstone, so a printed copy verifies as
 * 已撤销 rather than as a stranger's valid record.
 */
export const certificatePersonalData: PersonalData = {
  collections: ['certificates'],
  async export({ all, memberId }) {
    const { items, truncated } = await all('certificates', { memberId }, 'issuedAt');
    const certificates = items.map((c) => ({
      number: c.number,
      issuedAt: c.issuedAt,
      name: c.snapshot.name,
      idNumberMasked: c.snapshot.idNumberMasked,
      volunteerNumber: c.snapshot.volunteerNumber,
      minutes: c.snapshot.minutes,
      content: c.snapshot.content,
      period: c.snapshot.period,
      issuer: c.snapshot.issuer,
      revokedAt: c.revokedAt,
      revokedReason: c.revokedReason,
    }));
    return { sections: { certificates }, truncated };
  },
  async erase(deps, member, anonymousId, now) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('certificates', { memberId: member._id }, 'issuedAt', async (c) => {
      // The number's claim kept a copy of the record for a crashed issue to finish: it goes first.
      const claim = claimIdOf(c);
      if (claim) await db.update('counters', claim, { record: op.unset() });
      return db.update('certificates', c._id, {
        memberId: anonymousId,
        snapshot: { ...c.snapshot, name: '已注销', idType: null, idNumberMasked: null },
        revokedAt: c.revokedAt ?? now,
        revokedReason: c.revokedReason ?? '本人已注销账号',
      });
    });
  },
};
