import { areaText } from '../../../../miniprogram/core/poll/rules';
import type { PersonalData } from '../../kernel/feature';
import { everyPage } from '../../kernel/every-page';
import { ScopedStore } from '../../kernel/scoped-store';
import { formatAddress } from '../member/household';

/**
 * The owner register is the community's (as the property office keeps it), so it is not
 * erased with an account; but the person's link to it is theirs: exported, and cut on
 * deletion so a deleted account never votes for a unit again.
 */
export const rollPersonalData: PersonalData = {
  collections: [],
  async export({ ctx, memberId }) {
    // A visitor belongs to no community yet, so no register can name them.
    if (!ctx.caller.communityId) return { sections: { ownerUnits: [] } };
    const units = (await everyPage(ctx.db(), 'ownerUnits', {}, 'createdAt')).filter((u) => u.owners.some((o) => o.memberId === memberId));
    return { sections: { ownerUnits: units.map((u) => ({ address: formatAddress(u.buildingName, u.unit, u.room), area: areaText(u.areaCenti), owners: u.owners.map((o) => o.name) })) } };
  },
  async erase(deps, member, _anonymousId, now) {
    const db = new ScopedStore(deps.store, member.communityId);
    for (const u of await everyPage(db, 'ownerUnits', {}, 'createdAt')) {
      if (!u.owners.some((o) => o.memberId === member._id)) continue;
      await db.update('ownerUnits', u._id, { owners: u.owners.map((o) => (o.memberId === member._id ? { ...o, memberId: null } : o)), version: u.version + 1, updatedAt: now }, { version: u.version });
    }
  },
};
