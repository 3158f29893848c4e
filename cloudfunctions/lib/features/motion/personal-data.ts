import { MOTION_STATUS_LABELS } from '../../../../miniprogram/core/council/vocabulary';
import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { lastEventOf, settleLastEvent } from '../../kernel/versioned';
import { op } from '../../ports/store';
import { STAFF_MOVER } from './propose-motion';

export const ERASED_MOVER = '已注销用户';

/**
 * The motions a person proposed and the supports they gave. On deletion a motion stays —
 * it is the community's record, supported by others — but its mover is no longer named
 * (「已注销用户」; a 居委会 motion keeps 「社区居委会」); a support stays counted and points at
 * nobody, as a concern does.
 */
export const motionPersonalData: PersonalData = {
  collections: ['motions', 'motionSupports'],
  async export({ ctx, all, memberId }) {
    const [mine, supports] = await Promise.all([all('motions', { proposerId: memberId }, 'createdAt'), all('motionSupports', { memberId }, 'createdAt')]);
    const motions = mine.items.map((m) => ({ title: m.title, body: m.body, moverName: m.moverName, scope: m.scopeText, status: MOTION_STATUS_LABELS[m.status], proposedAt: m.createdAt }));
    const titles = new Map((ctx.caller.communityId ? await ctx.db().getMany('motions', supports.items.map((s) => s.motionId)) : []).map((m) => [m._id, m.title]));
    const supported = supports.items.map((s) => ({ motion: titles.get(s.motionId) ?? null, supportedAt: s.createdAt, perHousehold: s.unitKey === s.householdId }));
    return { sections: { motions, motionSupports: supported }, truncated: mine.truncated || supports.truncated };
  },
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('motions', { proposerId: member._id }, 'createdAt', async (m) => {
      // The embedded event of the latest step names its actor: into `events` first (where the
      // audit log keeps it), then off the motion, which keeps no trace of who proposed it.
      await settleLastEvent(db, m);
      await db.update('motions', m._id, { proposerId: anonymousId, moverName: m.source === 'staff' || m.moverName === STAFF_MOVER ? STAFF_MOVER : ERASED_MOVER, ...(lastEventOf(m) ? { lastEvent: op.unset() } : {}) });
    });
    await db.drain('motionSupports', { memberId: member._id }, 'createdAt', (s) => db.update('motionSupports', s._id, { memberId: anonymousId, memberName: null }));
  },
};
