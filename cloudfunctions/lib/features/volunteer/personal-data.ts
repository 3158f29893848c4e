import type { PersonalData } from '../../kernel/feature';
import { ScopedStore } from '../../kernel/scoped-store';
import { op } from '../../ports/store';
import { claimIdOf } from './register';
import { volunteerIdFor } from './rules';

/** The person's volunteer record, field by field; the sealed ID number leaves only masked. */
export const volunteerPersonalData: PersonalData = {
  collections: ['volunteers'],
  async export({ ctx, memberId }) {
    const v = ctx.caller.communityId ? await ctx.db().get('volunteers', volunteerIdFor(memberId)) : null;
    const volunteer = v
      ? { name: v.name, volunteerNumber: v.volunteerNumber, skills: v.skills, availability: v.availability, partyMember: v.partyMember, birthDate: v.birthDate, idNumber: v.idNumberMasked, trainings: v.trainings, status: v.status, registeredAt: v.createdAt }
      : null;
    return { sections: { volunteer } };
  },
  // The number stays (certificates issued under it still verify); everything about the person goes.
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    const id = volunteerIdFor(member._id);
    const v = await db.get('volunteers', id);
    if (!v || v.memberId === anonymousId) return;
    // The number's claim kept a copy of the record for a crashed registration to finish: it goes first.
    const claim = claimIdOf(v);
    if (claim) await db.update('counters', claim, { record: op.unset() });
    await db.update('volunteers', id, { memberId: anonymousId, name: '已注销用户', skills: [], availability: '', partyMember: null, birthDate: null, idNumberEnc: null, idNumberMasked: null, status: 'suspended', version: v.version + 1 }, { version: v.version });
  },
};
